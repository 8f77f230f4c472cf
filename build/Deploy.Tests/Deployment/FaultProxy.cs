using System.Diagnostics;
using System.Text.Json;
using Deploy.Tests.Environments;

namespace Deploy.Tests.Deployment;

/// <summary>
/// The local cloud's fault-injecting proxy (infra/local/fault-proxy.mjs) in front of its AWS endpoint: a seeded share
/// of requests fails as AWS fails (500, 503 SlowDown, throttling, connection resets, truncated bodies, delays).
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    readonly Process process;
    readonly string statsFile = Path.GetTempFileName();

    public Uri Endpoint { get; }

    FaultProxy(Process process, Uri endpoint)
    {
        this.process = process;
        Endpoint = endpoint;
    }

    public static async Task<FaultProxy> StartAsync(Uri target, double rate, int seed)
    {
        var script = Path.Combine(RepositoryFiles.Root, "infra", "local", "fault-proxy.mjs");
        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { script, "--target", target.ToString().TrimEnd('/'), "--rate", $"{rate}", "--seed", $"{seed}", "--kinds",
                     "internal-error,slow-down,throttle,reset-before,reset-after,truncate,delay" })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("the fault proxy did not start");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30))
            ?? throw new InvalidOperationException("the fault proxy printed no endpoint");
        using var json = JsonDocument.Parse(line);
        return new FaultProxy(process, new Uri(json.RootElement.GetProperty("endpoint").GetString()!));
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        File.Delete(statsFile);
    }
}
