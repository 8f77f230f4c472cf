using System.Diagnostics;
using System.Text.Json;
using Deploy.Tests.Environments;

namespace Deploy.Tests.Crashes;

/// <summary>
/// The local cloud's fault proxy (infra/local/fault-proxy.mjs) holding the k-th request whose "service METHOD url"
/// matches a pattern unanswered (after the cloud saw it, if asked): <see cref="Held"/> completes then, with that request.
/// </summary>
sealed class HoldingProxy : IAsyncDisposable
{
    readonly Process process;
    readonly TaskCompletionSource<string> held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>"METHOD url" of the held request.</summary>
    public Task<string> Held => held.Task;

    HoldingProxy(Process process) => this.process = process;

    public static async Task<HoldingProxy> StartAsync(Uri target, string match, int at, bool afterForward)
    {
        var script = Path.Combine(RepositoryFiles.Root, "infra", "local", "fault-proxy.mjs");
        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { script, "--target", target.ToString().TrimEnd('/'), "--rate", "0", "--hold-match", match, "--hold-at", $"{at}" }
                     .Concat(afterForward ? ["--hold-after-forward"] : []))
            start.ArgumentList.Add(argument);
        var proxy = new HoldingProxy(Process.Start(start) ?? throw new InvalidOperationException("the fault proxy did not start"));
        proxy.process.ErrorDataReceived += (_, _) => { };
        proxy.process.BeginErrorReadLine();
        var first = await proxy.process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30))
            ?? throw new InvalidOperationException("the fault proxy printed no endpoint");
        using (var json = JsonDocument.Parse(first))
            proxy.Endpoint = new Uri(json.RootElement.GetProperty("endpoint").GetString()!);
        _ = Task.Run(async () =>
        {
            while (await proxy.process.StandardOutput.ReadLineAsync() is { } line)
            {
                using var json = JsonDocument.Parse(line);
                if (json.RootElement.TryGetProperty("held", out var request))
                    proxy.held.TrySetResult($"{request.GetProperty("method").GetString()} {request.GetProperty("url").GetString()}");
            }
        });
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
