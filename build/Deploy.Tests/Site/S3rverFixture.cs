using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3.Model;
using AwsAccess;
using Deploy.Tests.Environments;

namespace Deploy.Tests.Site;

/// <summary>
/// A real S3 server (s3rver from npm) on a free port, started once for the collection and stopped at the end.
/// NODE_OPTIONS=--openssl-legacy-provider: on Node 20 s3rver lists more than 1,000 keys only with it.
/// bench/s3rver-as-s3.cjs is preloaded so it lists keys in S3's order (UTF-8 bytes; s3rver's own walk puts
/// "a/x" before "a.html"), which the listing in key ranges relies on, and gives multipart objects S3's ETags.
/// </summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    public const string Region = "eu-central-1";
    Process? server;
    string dataFolder = "";

    public Uri Endpoint { get; private set; } = null!;
    public S3Connection S3 { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var package = Path.Combine(RepositoryFiles.Root, "build", "Deploy.Tests", "s3rver");
        if (!File.Exists(Path.Combine(package, "node_modules", "s3rver", "bin", "s3rver.js")))
            await RunAsync("npm", "ci --no-audit --no-fund --loglevel=error", package, TimeSpan.FromMinutes(5));

        dataFolder = Directory.CreateTempSubdirectory("s3rver-").FullName;
        var port = FreePort();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = package,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "node_modules/s3rver/bin/s3rver.js", "--directory", dataFolder, "--port", port.ToString(), "--address", "127.0.0.1", "--silent" })
            start.ArgumentList.Add(arg);
        start.Environment["NODE_OPTIONS"] = $"--openssl-legacy-provider --require={Path.Combine(RepositoryFiles.Root, "bench", "s3rver-as-s3.cjs")}";
        start.Environment["S3RVER_LIB"] = Path.Combine(package, "node_modules", "s3rver", "lib");
        server = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        await WaitForPortAsync(port, TimeSpan.FromSeconds(30));

        Endpoint = new Uri($"http://127.0.0.1:{port}");
        var environment = new AwsEnvironment(new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = Endpoint.ToString() });
        var session = AwsSession.FromCredentials(new BasicAWSCredentials("S3RVER", "S3RVER"), Region, new SessionOptions { Environment = environment });
        S3 = session.CreateS3(Region);
    }

    public async Task<string> CreateBucketAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 13)];
        await S3.Client.PutBucketAsync(new PutBucketRequest { BucketName = name });
        return name;
    }

    public Task DisposeAsync()
    {
        S3?.Dispose();
        if (server is { HasExited: false })
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit(5000);
        }
        server?.Dispose();
        if (Directory.Exists(dataFolder)) Directory.Delete(dataFolder, recursive: true);
        return Task.CompletedTask;
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    async Task WaitForPortAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (server!.HasExited) throw new InvalidOperationException($"s3rver exited with code {server.ExitCode}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"s3rver did not listen on port {port} within {timeout.TotalSeconds}s");
    }

    static async Task RunAsync(string file, string arguments, string folder, TimeSpan timeout)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = folder, UseShellExecute = false })
            ?? throw new InvalidOperationException($"{file} did not start");
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} failed in {folder} with exit code {process.ExitCode}");
    }
}

[CollectionDefinition(Name)]
public sealed class S3rverCollection : ICollectionFixture<S3rverFixture>
{
    public const string Name = "s3rver";
}
