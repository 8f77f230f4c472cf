using BuildGraph;
using BuildGraph.Extensions;
using Serilog;

partial class Build
{
    [Parameter("Port of the local cloud's AWS endpoint (every service, as LocalStack)")]
    readonly int LocalApiPort = 4566;

    [Parameter("Port of the local cloud's site endpoint (the local CloudFront; /api/contact runs the function)")]
    readonly int LocalSitePort = 8080;

    [Parameter("Port of the local SES emulator, where the contact form's mail can be read")]
    readonly int LocalSesPort = 8005;

    [Parameter("Port of the S3 server behind the local cloud's AWS endpoint")]
    readonly int LocalS3Port = 4569;

    [Parameter("Folder of the local cloud's state (buckets, functions); kept between runs so deploys are incremental")]
    readonly AbsolutePath? LocalStateDirectory;

    LocalCloud LocalCloud => new(RootDirectory, LocalStateDirectory ?? RootDirectory / "infra" / "local" / ".state");

    LocalCloudEndpoints? localEndpoints;

    Target LocalUp => _ => _
        .Description("Starts the local cloud (S3, STS, KMS, Lambda, CloudFront, SES) that the local environment deploys to")
        .DependsOn(RestoreTools)
        .OnlyWhenDynamic(() => DeploysToLocal)
        .Executes(ct => StartLocalCloudAsync(null, ct));

    /// <summary>A deploy to local whose LocalUp was skipped (--skip) starts the local cloud itself: it cannot deploy without it.</summary>
    async Task EnsureLocalCloudAsync(string environment, CancellationToken ct)
    {
        if (environment != global::Deploy.Environments.EnvironmentResolution.LocalEnvironment || localEndpoints is not null)
            return;
        if (!(RootDirectory / "infra" / "local" / "node_modules").DirectoryExists())
            throw new InvalidOperationException("the local cloud's npm packages are not installed (RestoreTools skipped); fix: run ./build.sh RestoreTools once (or drop --skip)");
        await StartLocalCloudAsync("LocalUp skipped", ct);
    }

    async Task StartLocalCloudAsync(string? why, CancellationToken ct)
    {
        localEndpoints = await LocalCloud.UpAsync(LocalApiPort, LocalSitePort, LocalSesPort, LocalS3Port, ct);
        Log.Information("Local cloud: AWS endpoint {Api}, site {Site}, mail {Ses}{Why}", localEndpoints.Api, localEndpoints.Site, localEndpoints.Ses,
            why is null ? "" : $" ({why}: brought up by the deploy)");
    }

    Target LocalDown => _ => _
        .Description("Stops the local cloud; its state stays for the next LocalUp")
        .Executes(ct => LocalCloud.DownAsync(ct));
}
