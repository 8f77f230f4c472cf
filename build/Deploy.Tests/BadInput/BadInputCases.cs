using System.IO.Compression;
using System.Text.Json.Nodes;
using Deploy.Artifacts;
using Deploy.Deployment;
using Deploy.Environments;

namespace Deploy.Tests.BadInput;

/// <summary>How a case ended: refused (with the line that says so) or not.</summary>
sealed record Refusal(bool Refused, string Line, string Detail);

/// <summary>
/// One bad input: where it comes from, what it is, how the build meets it, and what the one line must say (a pattern
/// naming the problem and the fix). <see cref="Run"/> returns the refusal; exceptions thrown by the deploy are refusals.
/// </summary>
sealed record BadInputCase(string Area, string Name, string Expected, Func<BadInputContext, Task<Refusal>> Run)
{
    public override string ToString() => $"{Area}: {Name}";
}

static class BadInputCases
{
    /// <summary>A deploy step expected to throw: its message is the line (it must be one line).</summary>
    static Func<BadInputContext, Task<Refusal>> Throws(Func<BadInputContext, Task> step) => async context =>
    {
        try
        {
            await step(context);
            return new Refusal(false, "", "it was not refused");
        }
        catch (Exception e)
        {
            return new Refusal(!e.Message.Contains('\n'), e.Message.Split('\n')[0], $"{e.GetType().Name}: {e.Message}");
        }
    };

    static Func<BadInputContext, Task<Refusal>> Throws(Action<BadInputContext> step) => Throws(context => { step(context); return Task.CompletedTask; });

    /// <summary>The build program, expected to exit non-zero; the line is the one matching the case's pattern.</summary>
    static Func<BadInputContext, Task<Refusal>> Build(IReadOnlyDictionary<string, string> files, params string[] arguments) => async context =>
    {
        var (exitCode, output) = await context.BuildAsync(files, arguments);
        return new Refusal(exitCode != 0, output, $"exit {exitCode}: {output}");
    };

    static Func<BadInputContext, Task<Refusal>> Build(params string[] arguments) => Build(new Dictionary<string, string>(), arguments);

    static Func<BadInputContext, Task<Refusal>> Environments(Action<JsonObject> change) => Throws(context => { context.Spoiled(change); });

    /// <summary>A deploy of the packaged version after <paramref name="spoil"/> changed its artifacts folder.</summary>
    static Func<BadInputContext, Task<Refusal>> Artifacts(Action<string, ArtifactManifest> spoil) => Throws(async context =>
    {
        var request = await context.PackageAsync();
        spoil(request.ArtifactsFolder, request.Manifest);
        await context.DeployAsync(request with { Manifest = ArtifactManifestFile.Read(Path.Combine(request.ArtifactsFolder, ArtifactManifest.FileName)) });
    });

    /// <summary>A deploy of the packaged version under a spoiled environments.json.</summary>
    static Func<BadInputContext, Task<Refusal>> DeployUnder(Action<JsonObject> change) => Throws(async context =>
    {
        var request = await context.PackageAsync();
        await context.DeployAsync(request with { File = context.Spoiled(change) });
    });

    /// <summary>A deploy whose calls go to other endpoints (variables as the SDK reads them).</summary>
    static Func<BadInputContext, Task<Refusal>> DeployThrough(Dictionary<string, string> buildVariables, Dictionary<string, string>? roleVariables = null) => Throws(async context =>
    {
        var request = await context.PackageAsync();
        var (build, _) = await context.SessionsWithAsync(buildVariables);
        var (_, role) = await context.SessionsWithAsync(roleVariables ?? buildVariables);
        await context.DeployAsync(request, (build, role));
    });

    /// <summary>The packaged site.zip rewritten with <paramref name="entries"/> (and the manifest updated to match, so only the content is wrong).</summary>
    static Func<BadInputContext, Task<Refusal>> SiteZip(params (string Name, string Text)[] entries) => Throws(async context =>
    {
        var request = await context.PackageAsync();
        var zip = Path.Combine(request.ArtifactsFolder, "site.zip");
        File.Delete(zip);
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open());
                await writer.WriteAsync(text);
            }
        var site = await ManifestArtifact.OfFileAsync("site", ManifestArtifact.SiteKind, request.ArtifactsFolder, "site.zip", default);
        var manifest = request.Manifest with { Artifacts = request.Manifest.Artifacts.Select(a => a.Kind == ManifestArtifact.SiteKind ? site : a).ToList() };
        ArtifactManifestFile.Write(Path.Combine(request.ArtifactsFolder, ArtifactManifest.FileName), manifest);
        await context.DeployAsync(request with { Manifest = manifest });
    });

    static void Truncate(string path) => File.WriteAllBytes(path, File.ReadAllBytes(path)[..(int)(new FileInfo(path).Length / 2)]);

    static void FlipLastByte(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0xff;
        File.WriteAllBytes(path, bytes);
    }

    const string Unreachable = "http://127.0.0.1:9";
    static JsonObject Local(JsonObject json) => BadInputContext.LocalOf(json);
    static JsonObject Site(JsonObject json) => Local(json)["site"]!.AsObject();
    static JsonObject ContactForm(JsonObject json) => Local(json)["functions"]!["contact-form"]!.AsObject();
    static JsonObject LocalStore(JsonObject json, string region) => json["artifactStores"]!["local"]!["regions"]![region]!.AsObject();

    public static IReadOnlyList<BadInputCase> All { get; } =
    [
        // The command line, as typed (the build program).
        new("command line", "an environment that does not exist", @"unknown environment 'staging'; fix: pass --environment with one of local, dev, prod", Build("Deploy", "--environment", "staging", "--skip")),
        new("command line", "a target after --profile", @"'Package' after --profile is read as a profile.*fix: name targets first", Build("--profile", "nosuchprofile", "Package")),
        new("command line", "an AWS profile that does not exist", @"AWS profile 'does-not-exist' \(from --aws-profile\) not found.*run `aws configure sso --profile does-not-exist`", Build("Deploy", "--environment", "local", "--aws-profile", "does-not-exist", "--skip")),
        new("command line", "a misspelt parameter", @"--enviroment.*--environment", Build("Deploy", "--enviroment", "local", "--skip")),
        new("command line", "a target that does not exist", @"Unknown target 'Deploi'\. Did you mean 'Deploy'\? Available: ", Build("Deploi")),
        new("command line", "Rollback without --version", @"Target 'Rollback' requires parameter 'Version': pass --version <string> or set VERSION", Build("Rollback", "--environment", "local", "--skip")),
        new("command line", "a port that is not a number", @"Parameter '--local-api-port' expects an integer, got 'notaport'", Build("Deploy", "--environment", "local", "--local-api-port", "notaport", "--skip")),
        new("command line", "a function the environment does not have", @"'nosuch'.*(contact-form|fix)", Build("DeployFunctions", "--environment", "local", "--function", "nosuch", "--skip")),
        new("command line", "a deploy part that does not exist", @"'bogus'.*(site|functions)", Build("Deploy", "--environment", "local", "--deploy-parts", "bogus", "--skip")),
        new("command line", "a deploy with --skip of artifacts packaged at another commit", @"artifacts/manifest\.json was packaged at commit 0123456 \(version 8\.0\.0\), but the checkout is at [0-9a-f]{7}; fix: run ./build.sh Package", async context =>
        {
            var request = await context.PackageAsync(); // its manifest names commit 0123456789abcdef
            var files = new Dictionary<string, string> { [".git"] = "", ["artifacts/manifest.json"] = File.ReadAllText(Path.Combine(request.ArtifactsFolder, ArtifactManifest.FileName)) };
            return await Build(files, "DeploySite", "--environment", "local", "--skip")(context);
        }),
        new("command line", "a deploy with --skip and no packaged artifacts", @"manifest\.json does not exist and packaging was skipped; fix: run ./build.sh Package", Build("DeploySite", "--environment", "local", "--skip")),

        // Parameter files (.nuke/parameters*.json).
        new("parameter files", "parameters.json that is not JSON", @"\.nuke/parameters\.json is not valid JSON \(line 1: .*\); fix: correct it there", Build(new Dictionary<string, string> { [".nuke/parameters.json"] = "{ \"environment\": " }, "Deploy", "--skip")),
        new("parameter files", "a key no parameter has", @"Unknown parameter 'enviroment' in \.nuke/parameters\.json\. Did you mean 'Environment'\?", Build(new Dictionary<string, string> { [".nuke/parameters.json"] = """{ "enviroment": "local" }""" }, "Deploy", "--skip")),
        new("parameter files", "a profile without its file", @"Profile 'ci' not found: create \.nuke/parameters\.ci\.json or drop --profile ci", Build("Deploy", "--profile", "ci", "--skip")),
        new("parameter files", "a value of the wrong type", @"Parameter '--local-api-port' expects an integer, got 'abc' \(from \.nuke/parameters\.json\)", Build(new Dictionary<string, string> { [".nuke/parameters.json"] = """{ "localApiPort": "abc" }""" }, "Deploy", "--skip")),

        // infra/environments.json.
        new("environments.json", "not JSON", @"environments\.json.*(JSON|json).*fix", Throws(context => { EnvironmentsLoader.Load(context.WriteEnvironments("{ \"project\": ")); })),
        new("environments.json", "missing", @"environments\.json.*(not found|does not exist|missing).*fix", Throws(context => { EnvironmentsLoader.Load(Path.Combine(context.Work, "nowhere", "environments.json")); })),
        new("environments.json", "a key written twice", @"written twice|duplicate|twice", Throws(context => { EnvironmentsLoader.Load(context.WriteEnvironments(File.ReadAllText(Deploy.Tests.Environments.RepositoryFiles.EnvironmentsJson).Replace("\"project\": \"jamstack\",", "\"project\": \"jamstack\", \"project\": \"other\","))); })),
        new("environments.json", "two functions with one functionName and region", @"function jamstack-local-contact-form in eu-central-1 is also functions\['contact-form'\]; fix: give each entry its own functionName", Environments(json => { Local(json)["functions"]!["mail-forwarder"]!["functionName"] = "jamstack-local-contact-form"; Local(json)["functions"]!["mail-forwarder"]!["region"] = "eu-central-1"; })),
        new("environments.json", "a site without its bucket", @"bucket", Environments(json => Site(json).Remove("bucket"))),
        new("environments.json", "a property no environment has", @"sitte|additional|not allowed", Environments(json => Local(json)["sitte"] = "x")),
        new("environments.json", "a function in a region without a store", @"ap-south-1.*store", Environments(json => ContactForm(json)["region"] = "ap-south-1")),
        new("environments.json", "a deploy role that is not an ARN", @"deployRole", Environments(json => Local(json)["deployRole"] = "jamstack-deploy")),
        new("environments.json", "an artifact store that is not defined", @"nosuch-store", Environments(json => Local(json)["artifactStore"] = "nosuch-store")),
        new("environments.json", "an account that is not defined", @"nosuch-account", Environments(json => Local(json)["account"] = "nosuch-account")),

        // artifacts/ (what Package left).
        new("artifacts", "site.zip missing", @"site\.zip is missing, but .*manifest\.json lists it; fix: run ./build.sh Package again", Artifacts((folder, _) => File.Delete(Path.Combine(folder, "site.zip")))),
        new("artifacts", "site.zip truncated", @"site\.zip is not the file .*manifest\.json lists .*; fix: run ./build.sh Package again", Artifacts((folder, _) => Truncate(Path.Combine(folder, "site.zip")))),
        new("artifacts", "a function zip truncated (its version already stored)", @"contact-form\.zip is not the file .*; fix: run ./build.sh Package again", Artifacts((folder, _) => Truncate(Path.Combine(folder, "contact-form.zip")))),
        new("artifacts", "a checksum mismatch of the same size", @"mail-forwarder\.zip is not the file .*sha256.*; fix: run ./build.sh Package again", Artifacts((folder, _) => FlipLastByte(Path.Combine(folder, "mail-forwarder.zip")))),
        new("artifacts", "a manifest that is not JSON", @"manifest\.json is not valid JSON .*: run ./build.sh Package again", Artifacts((folder, _) => File.WriteAllText(Path.Combine(folder, ArtifactManifest.FileName), "{ \"version\": "))),
        new("artifacts", "a manifest without the site", @"lists no artifact for the site; fix: run ./build.sh Package", Artifacts((folder, manifest) =>
            ArtifactManifestFile.Write(Path.Combine(folder, ArtifactManifest.FileName), manifest with { Artifacts = manifest.Artifacts.Where(a => a.Kind != ManifestArtifact.SiteKind).ToList() }))),
        new("artifacts", "the manifest of another build beside these zips", @"site\.zip is not the file .*manifest\.json lists .*; fix: run ./build.sh Package again", Throws(async context =>
        {
            var request = await context.PackageAsync();
            var other = await context.PackageAsync(new Dictionary<string, string> { ["other.txt"] = "another build" });
            File.Copy(Path.Combine(other.ArtifactsFolder, ArtifactManifest.FileName), Path.Combine(request.ArtifactsFolder, ArtifactManifest.FileName), overwrite: true);
            await context.DeployAsync(request with { Manifest = ArtifactManifestFile.Read(Path.Combine(request.ArtifactsFolder, ArtifactManifest.FileName)) });
        })),
        new("artifacts", "site.zip that is not a zip", @"site\.zip cannot be read as a zip.*fix: run ./build.sh Package again", Throws(async context =>
        {
            var request = await context.PackageAsync();
            File.WriteAllText(Path.Combine(request.ArtifactsFolder, "site.zip"), "not a zip at all");
            var site = await ManifestArtifact.OfFileAsync("site", ManifestArtifact.SiteKind, request.ArtifactsFolder, "site.zip", default);
            await context.DeployAsync(request with { Manifest = request.Manifest with { Artifacts = request.Manifest.Artifacts.Select(a => a.Kind == ManifestArtifact.SiteKind ? site : a).ToList() } });
        })),

        // The site in the package.
        new("site folder", "an empty site", @"site\.zip holds no file, so the deploy would empty the site; fix: build the site", SiteZip()),
        new("site folder", "a file name with '?'", @"holds 'blog/why\?\.html', a name the site cannot serve .*fix: rename it", SiteZip(("index.html", "<p>home</p>"), ("blog/why?.html", "<p>why</p>"))),
        new("site folder", "a file name with '#'", @"holds 'notes#1\.txt', a name the site cannot serve .*fix: rename it", SiteZip(("index.html", "<p>home</p>"), ("notes#1.txt", "one"))),
        new("site folder", "a name longer than S3 allows", @"longer than S3's 1,024-byte key limit\); fix: rename it", SiteZip(("index.html", "<p>home</p>"), (string.Join('/', Enumerable.Repeat(new string('d', 200), 6)) + "/x.txt", "deep"))),
        new("site folder", "a zip entry outside the site", @"site\.zip cannot be read as a zip.*fix: run ./build.sh Package again", SiteZip(("index.html", "<p>home</p>"), ("../outside.txt", "escape"))),

        // What AWS answers.
        new("AWS", "a deploy role the build may not assume", @"Role arn:aws:iam::000000000000:role/jamstack-nosuch is not assumable by .*: its trust policy must allow sts:AssumeRole .*AccessDenied", Throws(async context => { await context.SessionsWithAsync(new(), "arn:aws:iam::000000000000:role/jamstack-nosuch"); })),
        new("AWS", "an invalid or expired session token", @"AWS rejected the credentials: check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or --aws-profile, and the clock .*InvalidClientTokenId", Throws(async context =>
        {
            var build = AwsAccess.AwsSession.FromCredentials(new Amazon.Runtime.SessionAWSCredentials("ASIAEXPIRED000000000", "expired-secret", "expired-token"), "eu-central-1",
                new AwsAccess.SessionOptions { Environment = new AwsAccess.AwsEnvironment(new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = context.Cloud.Api.ToString() }) });
            await build.AssumeRoleAsync(new AwsAccess.RoleAssumption(context.Local.DeployRole, "bad-input"), _ => { }, default);
        })),
        new("AWS", "a site bucket that does not exist", @"jamstack-site-nosuch.*fix", DeployUnder(json => Site(json)["bucket"] = "jamstack-site-nosuch")),
        new("AWS", "an artifact store bucket that does not exist", @"jamstack-artifacts-nosuch.*fix", DeployUnder(json => LocalStore(json, "eu-central-1")["bucket"] = "jamstack-artifacts-nosuch")),
        new("AWS", "a function that does not exist", @"jamstack-local-nosuch.*fix", DeployUnder(json => ContactForm(json)["functionName"] = "jamstack-local-nosuch")),
        new("AWS", "a distribution that does not exist", @"ENOSUCH0000000.*fix", DeployUnder(json => Site(json)["distributionId"] = "ENOSUCH0000000")),
        new("AWS", "a KMS key of another region", @"(kms|KMS|key).*eu-west-1.*fix", Throws(async context =>
        {
            var request = await context.PackageAsync();
            var westKey = await WestKeyArnAsync(context);
            await context.DeployAsync(request with { File = context.Spoiled(json => LocalStore(json, "eu-central-1")["kmsKey"] = westKey) });
        })),
        new("AWS", "a KMS alias that does not exist", @"alias/jamstack-nosuch.*fix", Throws(async context =>
        {
            // A version not stored yet: its zips must be encrypted with the store's key.
            var request = await context.PackageAsync(version: "8.0.1");
            await context.DeployAsync(request with { File = context.Spoiled(json => LocalStore(json, "eu-central-1")["kmsKey"] = "alias/jamstack-nosuch") });
        })),
        new("AWS", "no endpoint answers", @"Cannot reach sts at http://127\.0\.0\.1:9/ for AssumeRole.*AWS_ENDPOINT_URL", Throws(async context => { await context.SessionsWithAsync(new() { ["AWS_ENDPOINT_URL"] = Unreachable }); })),
        new("AWS", "S3 does not answer", @"Cannot reach s3 at http://127\.0\.0\.1:9/ .*AWS_ENDPOINT_URL_S3 set this endpoint", DeployThrough(new() { ["AWS_ENDPOINT_URL_S3"] = Unreachable })),
        new("AWS", "the site's S3 does not answer (the stores do)", @"Cannot reach s3 at http://127\.0\.0\.1:9/ for (PutObject|ListObjectsV2) in eu-central-1.*AWS_ENDPOINT_URL_S3 set this endpoint", DeployThrough(new(), new() { ["AWS_ENDPOINT_URL_S3"] = Unreachable })),
        new("AWS", "Lambda does not answer", @"Cannot reach lambda at http://127\.0\.0\.1:9/ .*AWS_ENDPOINT_URL_LAMBDA set this endpoint", DeployThrough(new(), new() { ["AWS_ENDPOINT_URL_LAMBDA"] = Unreachable })),
        new("AWS", "CloudFront does not answer", @"Cannot reach cloudfront at http://127\.0\.0\.1:9/ for GetDistribution.*AWS_ENDPOINT_URL_CLOUDFRONT set this endpoint", DeployThrough(new(), new() { ["AWS_ENDPOINT_URL_CLOUDFRONT"] = Unreachable })),
    ];

    static async Task<string> WestKeyArnAsync(BadInputContext context)
    {
        var (build, _) = await context.SessionsAsync();
        var kms = build.CreateKms();
        return await kms.ResolveKeyArnAsync("eu-west-1", "alias/jamstack-artifacts", default);
    }
}
