using Xunit.Abstractions;

namespace BuildTests;

/// <summary>
/// Real runs of the build program (the assembly build.sh runs, started as build.sh starts it) with fake credentials,
/// in which a child process fails and prints its environment and the credentials file it read, as a broken Gatsby
/// config or npm script does. Nothing secret may reach the console, .nuke/temp or artifacts/.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // NODE_OPTIONS --require and paths as on the CI machine
public sealed class SecretScanTests(ITestOutputHelper output)
{
    const string AccessKey = "AKIAFAKESCAN0000000";
    const string SecretKey = "fakeSecretKey/scan+EnvVar0123456789abcdef";
    const string SessionToken = "FwoGZXIvYXdzFakeSessionTokenFromEnvironment0123456789";
    const string ProfileSecretKey = "fakeSecretKey/scan+Profile9876543210fedcba";
    const string ProfileSessionToken = "FwoGZXIvYXdzFakeSessionTokenFromProfile9876543210";

    static readonly string[] Secrets = [SecretKey, SessionToken, ProfileSecretKey, ProfileSessionToken];

    [Fact]
    public void A_failing_child_process_that_prints_its_environment_shows_no_credential_of_the_build()
    {
        using var root = new TemporaryDirectory();
        root.Write(".nuke/parameters.json", "{}");
        root.Write("site/package.json", """{ "name": "scan-site", "private": true }""");
        // Any node child (npx gatsby, npm run build) prints what it sees and fails.
        var printer = root.Write("print-environment.js", """
            const fs = require('fs');
            console.log('child environment:', JSON.stringify(process.env));
            const file = process.env.AWS_SHARED_CREDENTIALS_FILE;
            if (file && fs.existsSync(file)) console.error('credentials file:\n' + fs.readFileSync(file, 'utf8'));
            process.exit(1);
            """);
        var credentials = root.Write("aws/credentials", $"""
            [scan-profile]
            aws_access_key_id = {AccessKey}
            aws_secret_access_key = {ProfileSecretKey}
            aws_session_token = {ProfileSessionToken}
            """);
        var scan = new SecretScan(Secrets);

        var environmentKeys = new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = AccessKey, ["AWS_SECRET_ACCESS_KEY"] = SecretKey, ["AWS_SESSION_TOKEN"] = SessionToken,
        };
        var fromEnvironment = RunBuild(root, printer, environmentKeys, "CompileSite", "--skip", "--force", "--verbosity", "verbose");
        Assert.Contains("\"AWS_SECRET_ACCESS_KEY\":\"****\"", fromEnvironment.Output + fromEnvironment.Error);
        Assert.Contains("\"AWS_SESSION_TOKEN\":\"****\"", fromEnvironment.Output + fromEnvironment.Error);
        scan.Text("console of a run with keys in the environment", fromEnvironment.Output + fromEnvironment.Error);

        var profile = new Dictionary<string, string?> { ["AWS_SHARED_CREDENTIALS_FILE"] = credentials, ["AWS_CONFIG_FILE"] = credentials };
        var fromProfile = RunBuild(root, printer, profile, "CompileSite", "--skip", "--force", "--verbosity", "verbose", "--aws-profile", "scan-profile");
        Assert.Contains("aws_secret_access_key = ****", fromProfile.Output + fromProfile.Error);
        scan.Text("console of a run with --aws-profile", fromProfile.Output + fromProfile.Error);

        scan.Folder(root.Combine(".nuke", "temp"));
        scan.Folder(root.Combine("artifacts"));
        scan.Folder(root.Combine(".nuke"), recurse: false);

        output.WriteLine(scan.Summary);
        AreaCounts.Record(RepositoryRoot.Path, "secrets", ("places scanned", scan.Places), ("leaks", scan.Found.Count));
        Assert.True(scan.Found.Count == 0, string.Join('\n', scan.Found));
        Assert.True(scan.Places >= 3, scan.Summary);
    }

    static Shell.Result RunBuild(TemporaryDirectory root, string printer, Dictionary<string, string?> environment, params string[] arguments)
    {
        var variables = new Dictionary<string, string?>(environment) { ["NODE_OPTIONS"] = $"--require {printer}" };
        var result = BuildProgram.Run(root.Path, variables, arguments);
        Assert.True(result.ExitCode == 1, $"expected the child's failure (exit 1), got {result.ExitCode}: {result.Output}{result.Error}");
        return result;
    }
}

/// <summary>Looks for secrets in texts and files, counting every place it looked.</summary>
sealed class SecretScan(IReadOnlyList<string> secrets)
{
    public int Places { get; private set; }
    public List<string> Found { get; } = [];

    public string Summary => $"secrets: {Found.Count} found in {Places} places";

    public void Text(string place, string text)
    {
        Places++;
        foreach (var secret in secrets.Where(s => text.Contains(s, StringComparison.Ordinal)))
            Found.Add($"{place}: {secret[..8]}…");
    }

    public void Folder(string folder, bool recurse = true)
    {
        if (!Directory.Exists(folder))
            return;
        foreach (var file in Directory.EnumerateFiles(folder, "*", recurse ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly))
            Text(file, File.ReadAllText(file));
    }
}
