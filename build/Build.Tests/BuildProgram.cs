namespace BuildTests;

/// <summary>Runs the build program (the assembly build.sh runs) on a given root, with the AWS and CI variables of the machine removed.</summary>
static class BuildProgram
{
    static readonly string[] Cleared = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE",
        "AWS_PROFILE", "AWS_ENDPOINT_URL", "CI", "CODEBUILD_BUILD_ID", "NODE_OPTIONS"];

    /// <summary>The dotnet that runs these tests (the CLI names it in DOTNET_HOST_PATH), else the one on PATH.</summary>
    static string Dotnet => System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static Shell.Result Run(string root, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var variables = new Dictionary<string, string?>(environment);
        foreach (var name in Cleared)
            variables.TryAdd(name, null);
        return Shell.Run(root, Dotnet, [typeof(Build).Assembly.Location, .. arguments, "--root", root], variables);
    }
}
