using System.Globalization;

namespace BuildGraph;

/// <summary>The table at the end of a build: target, status, duration, note; then the total and the outcome.</summary>
internal static class SummaryTable
{
    public static void Write(BuildConsole console, IReadOnlyList<ExecutableTarget> plan, TimeSpan total, DateTimeOffset finishedAt, bool aborted)
    {
        var nameWidth = Math.Max("Target".Length, plan.Select(t => t.Name.Length).DefaultIfEmpty(0).Max());
        const int statusWidth = 10;
        const int durationWidth = 8;
        var rule = new string('═', nameWidth + statusWidth + durationWidth + 30);

        string Row(string name, string status, string duration, string note) =>
            $"{name.PadRight(nameWidth)}   {status.PadRight(statusWidth)}   {duration.PadLeft(durationWidth)}   {note}".TrimEnd();

        console.WriteLine();
        console.WriteLine(rule);
        console.WriteLine(Row("Target", "Status", "Duration", "Note"), AnsiStyle.Bold);
        console.WriteLine(new string('─', rule.Length));
        foreach (var target in plan)
        {
            var line = Row(target.Name, target.Status.ToString(), target.Elapsed is { } d ? Format(d) : "", Shorten(target.Note));
            console.WriteLine(line, Style(target.Status));
        }
        console.WriteLine(new string('─', rule.Length));
        console.WriteLine(Row("Total", "", Format(total), ""));
        console.WriteLine(rule);
        console.WriteLine();

        var failed = plan.Any(t => t.Status is ExecutionStatus.Failed);
        if (aborted)
            console.WriteLine("Build aborted (cancelled).", AnsiStyle.Red);
        else if (failed)
            console.WriteLine("Build failed.", AnsiStyle.Red);
        else
            console.WriteLine($"Build succeeded on {finishedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}.", AnsiStyle.Green);
    }

    /// <summary>m:ss, with tenths under a minute so short targets are distinguishable.</summary>
    public static string Format(TimeSpan duration) =>
        duration < TimeSpan.FromMinutes(1)
            ? duration.ToString(@"m\:ss\.f", CultureInfo.InvariantCulture)
            : duration.ToString(duration < TimeSpan.FromHours(1) ? @"m\:ss" : @"h\:mm\:ss", CultureInfo.InvariantCulture);

    static string Shorten(string? note) =>
        note is null ? "" : note.Length <= 100 ? note : note[..97] + "...";

    static AnsiStyle Style(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Succeeded => AnsiStyle.Green,
        ExecutionStatus.Failed or ExecutionStatus.Aborted => AnsiStyle.Red,
        ExecutionStatus.UpToDate => AnsiStyle.Cyan,
        _ => AnsiStyle.Gray,
    };
}
