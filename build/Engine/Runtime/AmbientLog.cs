using System.Globalization;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace BuildGraph;

/// <summary>
/// Serilog's static Log, routed to the build running in the current async flow. The logger itself
/// accepts everything; the build's verbosity filters here, so concurrent builds (tests) keep their own.
/// </summary>
internal sealed class AmbientLog : ILogEventSink
{
    static readonly Lazy<Logger> logger = new(() =>
        new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(new AmbientLog()).CreateLogger());

    // "lj": strings without quotes, structured values as JSON (Serilog's console default).
    static readonly MessageTemplateTextFormatter messageFormatter = new("{Message:lj}", CultureInfo.InvariantCulture);

    public static void EnsureInstalled()
    {
        if (!ReferenceEquals(Log.Logger, logger.Value))
            Log.Logger = logger.Value;
    }

    public void Emit(LogEvent logEvent)
    {
        var context = BuildContext.Current;
        if (context is null)
        {
            // Logging outside a running build (e.g. library code in other projects' tests): plain, masked.
            if (logEvent.Level >= LogEventLevel.Information)
                Console.Out.WriteLine(SecretMasker.Process.Apply($"{Timestamp(logEvent)} [{Level(logEvent.Level)}] {Render(logEvent, false)}"));
            return;
        }
        if (logEvent.Level < context.MinimumLevel)
            return;

        var scope = TargetScope.Current;
        var prefix = context.PrefixTargetNames && scope is not null ? $"[{scope.Target.Name}] " : "";
        var message = prefix + Render(logEvent, context.Verbosity == Verbosity.Verbose);
        var style = logEvent.Level switch
        {
            >= LogEventLevel.Error => AnsiStyle.Red,
            LogEventLevel.Warning => AnsiStyle.Yellow,
            <= LogEventLevel.Debug => AnsiStyle.Gray,
            _ => AnsiStyle.None,
        };
        context.Console.WriteLog(Timestamp(logEvent), Level(logEvent.Level), style, message);
        if (logEvent.Level >= LogEventLevel.Warning)
            context.Problems.Enqueue(context.Masker.Apply($"{Timestamp(logEvent)} [{Level(logEvent.Level)}] {message}"));
    }

    static string Render(LogEvent logEvent, bool withException)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        messageFormatter.Format(logEvent, writer);
        if (withException && logEvent.Exception is not null)
            writer.Write(Environment.NewLine + logEvent.Exception);
        return writer.ToString();
    }

    static string Timestamp(LogEvent logEvent) => logEvent.Timestamp.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    static string Level(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => "VRB",
        LogEventLevel.Debug => "DBG",
        LogEventLevel.Information => "INF",
        LogEventLevel.Warning => "WRN",
        LogEventLevel.Error => "ERR",
        _ => "FTL",
    };
}
