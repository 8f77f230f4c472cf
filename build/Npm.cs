using BuildGraph;
using BuildGraph.Extensions;

/// <summary>The npm and node commands the targets run, with telemetry and update checks off.</summary>
static class Npm
{
    static readonly IReadOnlyDictionary<string, string?> Quiet = new Dictionary<string, string?>
    {
        ["GATSBY_TELEMETRY_DISABLED"] = "1",
        ["NPM_CONFIG_UPDATE_NOTIFIER"] = "false",
        ["NPM_CONFIG_FUND"] = "false",
        ["NPM_CONFIG_AUDIT"] = "false",
    };

    public static Task CiAsync(AbsolutePath folder, CancellationToken ct, bool productionOnly = false) =>
        RunAsync("npm", folder, ct, productionOnly ? ["ci", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund"] : ["ci", "--no-audit", "--no-fund"]);

    public static async Task RunAsync(string tool, AbsolutePath folder, CancellationToken ct, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var merged = new Dictionary<string, string?>(Quiet);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
            merged[key] = value;
        (await ToolProcess.RunAsync(tool, arguments, folder, merged, cancellationToken: ct)).AssertZeroExitCode();
    }
}
