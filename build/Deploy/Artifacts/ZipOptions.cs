using System.Globalization;

namespace Deploy.Artifacts;

/// <summary>The fixed values every entry gets, so the same files always give the same bytes.</summary>
public sealed record ZipOptions
{
    /// <summary>The DOS epoch, the earliest time a zip header can hold.</summary>
    public static readonly DateTime DosEpoch = new(1980, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public DateTime Timestamp { get; init; } = DosEpoch;

    /// <summary>
    /// Deflate level 0–9; part of the output, so fixed. 6 (zlib's default): SharpZipLib's level 9 is many times
    /// slower on text for about 1% smaller output.
    /// </summary>
    public int Level { get; init; } = 6;

    public static ZipOptions Default { get; } = new();

    /// <summary>
    /// Uses SOURCE_DATE_EPOCH (reproducible-builds.org) when set: seconds since 1970 UTC, clamped to what a
    /// zip can hold (1980–2107), rounded down to the 2-second resolution of DOS times.
    /// </summary>
    public static ZipOptions FromSourceDateEpoch(string? sourceDateEpoch)
    {
        if (string.IsNullOrWhiteSpace(sourceDateEpoch)) return Default;
        if (!long.TryParse(sourceDateEpoch, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            throw new ArtifactException($"SOURCE_DATE_EPOCH='{sourceDateEpoch}' is not a number of seconds: set it to e.g. $(git log -1 --format=%ct) or unset it.");
        var time = DateTime.UnixEpoch.AddSeconds(Math.Min(seconds, 4_354_819_198)); // 2107-12-31T23:59:58Z
        if (time < DosEpoch) time = DosEpoch;
        return new ZipOptions { Timestamp = time.AddSeconds(-(time.Second % 2)) };
    }
}
