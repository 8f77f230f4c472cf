using System.Text.RegularExpressions;

namespace AwsAccess;

/// <summary>
/// STS role session names carry the build id so CloudTrail shows which build acted; STS only accepts
/// [\w+=,.@-]{2,64}, so anything else in a build id (slashes of branch names, spaces) becomes '-'.
/// </summary>
public static partial class RoleSessionName
{
    private const string Prefix = "build-";
    private const int MaxLength = 64;

    [GeneratedRegex(@"[^\w+=,.@-]")]
    private static partial Regex NotAllowed();

    public static string ForBuild(string buildId)
    {
        var cleaned = NotAllowed().Replace(buildId.Trim(), "-");
        if (cleaned.Length == 0) cleaned = "local";
        var name = Prefix + cleaned;
        return name.Length <= MaxLength ? name : name[..MaxLength];
    }

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$")]
    private static partial Regex Valid();

    public static bool IsValid(string name) => Valid().IsMatch(name);
}
