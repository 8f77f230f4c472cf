using System.Text.Json;
using BuildGraph;
using BuildGraph.Extensions;

/// <summary>Endpoints of the running local cloud (infra/local), as its CLI reports them.</summary>
sealed record LocalCloudEndpoints(string Api, string Site, string Ses, string S3);

/// <summary>
/// Starts and stops the local cloud through its CLI. It runs detached, so it outlives this build and a second
/// deploy finds it (and its state) again; LocalDown stops it.
/// </summary>
sealed class LocalCloud(AbsolutePath rootDirectory, AbsolutePath stateDirectory)
{
    /// <summary>The build identity the local cloud knows (see infra/local); not a secret, it only exists there.</summary>
    public const string AccessKeyId = "AKIALOCALBUILD00000";
    public const string SecretAccessKey = "local-build-secret";

    AbsolutePath Cli => rootDirectory / "infra" / "local" / "cli.mjs";

    public async Task<LocalCloudEndpoints> UpAsync(int apiPort, int sitePort, int sesPort, int s3Port, CancellationToken ct)
    {
        var result = await ToolProcess.RunAsync("node", [Cli, "up", "--state-dir", stateDirectory,
                "--api-port", $"{apiPort}", "--site-port", $"{sitePort}", "--ses-port", $"{sesPort}", "--s3-port", $"{s3Port}",
                "--environments", rootDirectory / "infra" / "environments.json"],
            rootDirectory, logOutput: false, cancellationToken: ct);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"The local cloud did not start: {LastLine(result)}");
        return Parse(result.Output);
    }

    public async Task DownAsync(CancellationToken ct)
    {
        var result = await ToolProcess.RunAsync("node", [Cli, "down", "--state-dir", stateDirectory], rootDirectory, logOutput: false, cancellationToken: ct);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"The local cloud did not stop: {LastLine(result)}");
    }

    /// <summary>The environment the AWS clients see when the local environment is the target: endpoints and the local build identity.</summary>
    public static Dictionary<string, string> AwsVariables(LocalCloudEndpoints endpoints, string region) => new()
    {
        ["AWS_ENDPOINT_URL"] = endpoints.Api,
        ["AWS_ACCESS_KEY_ID"] = AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = SecretAccessKey,
        ["AWS_REGION"] = region,
    };

    static LocalCloudEndpoints Parse(IReadOnlyList<string> output)
    {
        var line = output.LastOrDefault(l => l.TrimStart().StartsWith('{'))
            ?? throw new InvalidOperationException("The local cloud's CLI printed no endpoints: see infra/local/.state/local-cloud.log.");
        var endpoints = JsonDocument.Parse(line).RootElement.GetProperty("endpoints");
        string Url(string name) => endpoints.GetProperty(name).GetString()!.TrimEnd('/');
        return new(Url("api"), Url("site"), Url("ses"), Url("s3"));
    }

    static string LastLine(ToolResult result) =>
        result.Output.LastOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim() ?? $"exit code {result.ExitCode}";
}
