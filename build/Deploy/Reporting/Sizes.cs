using System.Globalization;

namespace Deploy.Reporting;

/// <summary>Byte counts as people read them (1.2 MB), with invariant formatting so reports are stable.</summary>
public static class Sizes
{
    public static string Format(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.00} GB"),
    };

    public static string Objects(int count) => count == 1 ? "1 object" : $"{count} objects";
}
