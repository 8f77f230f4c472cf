using NuGet.Versioning;

namespace Deploy.Deployment;

/// <summary>
/// The rule that keeps a superseded run from undoing a newer one: a deploy may not replace a site whose state records a
/// newer version of the same line (SemVer 2.0 precedence of GitVersion's SemVer, build metadata ignored). A line is the
/// pre-release label without its numbers ("alpha" in 1.2.0-alpha.7, none for a release): versions of different lines
/// (a feature branch's and develop's) say nothing about which came later and pass, as do versions that are not SemVer.
/// An older version goes back on purpose with Rollback (the normal way) or with --force.
/// </summary>
public static class VersionOrder
{
    /// <summary>Null when <paramref name="next"/> may replace <paramref name="deployed"/>, else the one-line refusal.</summary>
    public static string? Refusal(string? deployed, string next, string bucket, bool force)
    {
        if (force || deployed is null
            || !NuGetVersion.TryParseStrict(deployed, out var current)
            || !NuGetVersion.TryParseStrict(next, out var candidate)
            || LineOf(current) != LineOf(candidate)
            || VersionComparer.Default.Compare(candidate, current) >= 0)
            return null;
        return $"s3://{bucket} runs version {deployed}, newer than {next} this deploy would write (a superseded run?); " +
               $"fix: deploy the newer commit, or put {next} back on purpose with ./build.sh Rollback --version {next} (or Deploy --force)";
    }

    static string LineOf(NuGetVersion version) =>
        string.Join('.', version.ReleaseLabels.Where(label => !label.All(char.IsAsciiDigit)));
}

/// <summary>A deploy refused before its first write because the environment runs a newer version.</summary>
public sealed class OlderVersionException(string message) : Exception(message);
