using BuildGraph;
using BuildGraph.Extensions;

partial class Build
{
    // Each npm package restores on its own, and only while its lockfile changed since the last restore.
    Target RestoreSite => _ => _
        .Description("Installs the site's npm packages (npm ci)")
        .Inputs("site/package-lock.json")
        .Outputs("site/node_modules/.package-lock.json")
        .Executes(ct => Npm.CiAsync(SiteDirectory, ct));

    Target RestoreLambdas => _ => _
        .Description("Installs each function's npm packages, dev dependencies included, for its tests")
        .Inputs("lambdas/*/package-lock.json")
        .Outputs("lambdas/*/node_modules/.package-lock.json")
        .Executes(async ct =>
        {
            foreach (var function in FunctionNames)
                await Npm.CiAsync(LambdasDirectory / function, ct);
        });

    Target RestoreTools => _ => _
        .Description("Installs the npm packages of the local cloud, the infrastructure checks, the end-to-end test, the S3 test server and the benchmark report")
        .Inputs("infra/local/package-lock.json", "infra/checks/package-lock.json", "e2e/package-lock.json", "build/Deploy.Tests/s3rver/package-lock.json",
            "bench/report/package-lock.json")
        .Outputs("infra/local/node_modules/.package-lock.json", "infra/checks/node_modules/.package-lock.json",
            "e2e/node_modules/.package-lock.json", "build/Deploy.Tests/s3rver/node_modules/.package-lock.json", "bench/report/node_modules/.package-lock.json")
        .Executes(async ct =>
        {
            foreach (var folder in ToolPackages)
                await Npm.CiAsync(folder, ct);
        });

    Target Restore => _ => _
        .Description("Restores everything: npm packages of the site, the functions and the tools")
        .DependsOn(RestoreSite, RestoreLambdas, RestoreTools);

    IEnumerable<AbsolutePath> ToolPackages =>
        new[] { RootDirectory / "infra" / "local", RootDirectory / "infra" / "checks", RootDirectory / "e2e", RootDirectory / "build" / "Deploy.Tests" / "s3rver", RootDirectory / "bench" / "report" }
            .Where(p => (p / "package-lock.json").FileExists());
}
