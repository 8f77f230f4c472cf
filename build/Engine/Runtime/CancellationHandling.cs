using System.Runtime.InteropServices;

namespace BuildGraph;

/// <summary>
/// Ctrl-C and SIGTERM cancel the build's token instead of killing the process, so the running target
/// becomes Aborted, cleanup targets run and the summary is printed. A second signal ends the process.
/// </summary>
internal sealed class CancellationHandling : IDisposable
{
    readonly CancellationTokenSource source = new();
    readonly List<PosixSignalRegistration> registrations = [];
    int signals;

    CancellationHandling()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
            registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
    }

    public CancellationToken Token => source.Token;

    public static CancellationHandling Install() => new();

    void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref signals) > 1)
            return; // default handling: the process ends
        context.Cancel = true;
        Console.Error.WriteLine("Cancelling: stopping running targets (press Ctrl-C again to quit immediately)...");
        source.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in registrations)
            registration.Dispose();
        source.Dispose();
    }
}
