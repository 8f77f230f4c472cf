using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Deploy.Tests.Environments;

namespace Deploy.Tests.Deployment;

/// <summary>
/// The project's local cloud (infra/local): every AWS API behind one SigV4-checked endpoint, every request authorized
/// by IAM's evaluation against the policies infra/ renders (build role, deploy role, bucket and key policies; real
/// multipart ETags). Started with its own state folder and free ports; stopped at the end.
/// </summary>
public class LocalCloudFixture : IAsyncLifetime
{
    string stateDir = "";
    string cli = "";

    public Uri Api { get; private set; } = null!;
    public Uri Site { get; private set; } = null!;

    /// <summary>The state folder: <c>iam/decisions.jsonl</c> there records every authorization decision.</summary>
    public string StateDirectory => stateDir;

    /// <summary>Runs one of the local cloud's node scripts; returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunScriptAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = Path.GetDirectoryName(cli)!, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Path.GetDirectoryName(cli)!, script));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"node {script} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Extra options of <c>cli.mjs up</c> (a fixture for short sessions passes --max-session-seconds).</summary>
    protected virtual IEnumerable<string> UpOptions => [];

    public async Task InitializeAsync()
    {
        var package = Path.Combine(RepositoryFiles.Root, "infra", "local");
        cli = Path.Combine(package, "cli.mjs");
        if (!Directory.Exists(Path.Combine(package, "node_modules", "s3rver")))
            await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], package, TimeSpan.FromMinutes(5));
        stateDir = Directory.CreateTempSubdirectory("local-cloud-").FullName;
        // Four different ports: a probe may be handed a port another probe just released.
        var distinct = new HashSet<int>();
        while (distinct.Count < 4) distinct.Add(FreePort());
        var ports = distinct.ToArray();
        var output = await RunAsync("node", [cli, "up", "--state-dir", stateDir, "--environments", RepositoryFiles.EnvironmentsJson,
            "--api-port", $"{ports[0]}", "--site-port", $"{ports[1]}", "--ses-port", $"{ports[2]}", "--s3-port", $"{ports[3]}", .. UpOptions], package, TimeSpan.FromMinutes(2));
        using var json = JsonDocument.Parse(output.Trim().Split('\n').Last());
        var endpoints = json.RootElement.GetProperty("endpoints");
        Api = new Uri(endpoints.GetProperty("api").GetString()!);
        Site = new Uri(endpoints.GetProperty("site").GetString()!);
    }

    public async Task DisposeAsync()
    {
        if (stateDir.Length == 0) return;
        await RunAsync("node", [cli, "down", "--state-dir", stateDir], Path.GetDirectoryName(cli)!, TimeSpan.FromMinutes(1));
        Directory.Delete(stateDir, recursive: true);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static async Task<string> RunAsync(string file, string[] arguments, string folder, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stderr}");
        return await stdout;
    }
}
