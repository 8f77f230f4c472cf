using BuildGraph;
using BuildGraph.Extensions;
using Serilog;

partial class Build
{
    readonly TestTally Tally = new();

    AbsolutePath TestResultsDirectory => TemporaryDirectory / "test-results";

    IEnumerable<AbsolutePath> DotNetTestProjects =>
        new[] { RootDirectory / "build", RootDirectory / "bench" }
            .SelectMany(folder => Directory.GetFiles(folder, "*.Tests.csproj", SearchOption.AllDirectories))
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}"))
            .Order(StringComparer.Ordinal).Select(p => (AbsolutePath)p);

    Target TestDotNet => _ => _
        .Description("Runs the .NET test projects (engine, AWS access, deployment, build, benchmark programs)")
        .DependsOn(RestoreTools)
        .ProceedAfterFailure()
        .Executes(async ct =>
        {
            foreach (var project in DotNetTestProjects)
                await RunDotNetSuite(project, ct);
            ReportSuites();
        });

    Target TestLambdas => _ => _
        .Description("Runs each function's node:test suite")
        .DependsOn(RestoreLambdas)
        .ProceedAfterFailure()
        .Executes(ct => RunNodeSuites(ct, FunctionNames.Select(f => ($"lambdas/{f}", LambdasDirectory / f)).ToArray()));

    Target TestSite => _ => _
        .Description("Checks the built site: titles, internal links and assets, feed, sitemap, contact form")
        .DependsOn(CompileSite)
        .ProceedAfterFailure()
        .Executes(ct => RunNodeSuites(ct, IncrementalSiteTestWanted
            // Four site builds, minutes: only when asked for (site/slow-tests/incremental-build.mjs).
            ? [("site", SiteDirectory, []), ("site incremental build", SiteDirectory, ["slow-tests/incremental-build.mjs"])]
            : [("site", SiteDirectory, [])]));

    static bool IncrementalSiteTestWanted => ProcessEnvironment.GetValueOrDefault("SITE_INCREMENTAL_TEST") == "1";

    Target TestInfra => _ => _
        .Description("Checks the Terraform and Terragrunt code with HashiCorp's HCL parser")
        .DependsOn(RestoreTools)
        .ProceedAfterFailure()
        .Executes(ct => RunNodeSuites(ct, ("infra/checks", RootDirectory / "infra" / "checks")));

    Target TestLocalCloud => _ => _
        .Description("Runs the local cloud's tests (real aws CLI and SDK clients against it)")
        .DependsOn(RestoreTools)
        .ProceedAfterFailure()
        .Executes(ct => RunNodeSuites(ct, ("infra/local", RootDirectory / "infra" / "local")));

    Target TestBench => _ => _
        .Description("Checks the benchmark's report: request counting, results JSON and the chart drawn from it")
        .DependsOn(RestoreTools)
        .ProceedAfterFailure()
        .Executes(ct => RunNodeSuites(ct, ("bench/report", RootDirectory / "bench" / "report")));

    Target TestEndToEnd => _ => _
        .Description("Deploys to the local cloud with ./build.sh, crawls the site and sends the contact form from headless Chromium")
        .DependsOn(RestoreTools)
        .After(TestDotNet, TestLambdas, TestSite, TestInfra, TestLocalCloud, TestBench)
        .ProceedAfterFailure()
        .Executes(ct => RunNodeSuites(ct, ("e2e", RootDirectory / "e2e")));

    Target Test => _ => _
        .Description("Runs every test suite in the repository and ends with one line: N passed, N failed")
        .DependsOn(TestDotNet, TestLambdas, TestSite, TestInfra, TestLocalCloud, TestBench, TestEndToEnd)
        .Executes(() =>
        {
            foreach (var suite in Tally.Suites)
                Log.Information("{Suite,-28} {Result}", suite.Suite, suite);
            if (Tally.Total.Failed > 0)
                throw new InvalidOperationException($"{Tally.Total.Failed} test(s) failed: see the suites above.");
        });

    protected override void OnBuildFinished()
    {
        PrintLocalSite();
        if (Tally.Suites.Count == 0)
            return;
        // What the fault, crash, concurrency, bad-input and secret tests counted, one line per area (build/Testing/AreaCounts.cs).
        foreach (var line in AreaCounts.Lines(AreaCounts.FileIn(RootDirectory)))
            Console.WriteLine(line);
        // CI reads this as the build's last line.
        Console.WriteLine(Tally.Total.ToString());
    }

    int areaCountsCleared;

    // The area lines count this run's tests only.
    void ClearAreaCountsOnce()
    {
        if (Interlocked.Exchange(ref areaCountsCleared, 1) == 1) return;
        File.Delete(AreaCounts.FileIn(RootDirectory));
    }

    async Task RunDotNetSuite(AbsolutePath project, CancellationToken ct)
    {
        ClearAreaCountsOnce();
        var name = Path.GetFileNameWithoutExtension(project);
        var trx = TestResultsDirectory / $"{name}.trx";
        if (File.Exists(trx)) File.Delete(trx);
        var result = await ToolProcess.RunAsync("dotnet",
            ["test", project, "--nologo", "--logger", $"trx;LogFileName={name}.trx", "--results-directory", TestResultsDirectory],
            RootDirectory, cancellationToken: ct);
        Record(File.Exists(trx) ? TrxSummary.Parse(name, trx) : null, name, result.ExitCode);
    }

    Task RunNodeSuites(CancellationToken ct, params (string Suite, AbsolutePath Folder)[] suites) =>
        RunNodeSuites(ct, suites.Select(s => (s.Suite, s.Folder, Array.Empty<string>())).ToArray());

    /// <summary>Files: the test files to run (default: those node --test finds in the folder).</summary>
    async Task RunNodeSuites(CancellationToken ct, params (string Suite, AbsolutePath Folder, string[] Files)[] suites)
    {
        ClearAreaCountsOnce();
        foreach (var (suite, folder, files) in suites)
        {
            // s3rver, which several suites start, lists more than 1,000 keys on Node 20 only with the legacy provider.
            var result = await ToolProcess.RunAsync("node", ["--test", "--test-reporter=tap", ..files], folder,
                new Dictionary<string, string?> { ["NODE_OPTIONS"] = "--openssl-legacy-provider" }, cancellationToken: ct);
            Record(TapSummary.Parse(suite, result.Output), suite, result.ExitCode);
        }
        ReportSuites();
    }

    void Record(SuiteResult? counted, string suite, int exitCode)
    {
        // A runner that exits non-zero without counting a failure (a compile error, a crash) still failed.
        var result = counted is null ? new SuiteResult(suite, 0, 1, 0)
            : exitCode != 0 && counted.Failed == 0 ? counted with { Failed = 1 }
            : counted;
        Tally.Add(result);
        targetSuites.Add(result);
        Log.Information("{Suite}: {Result}", suite, result);
    }

    // Every suite of a target runs before the target fails, so one red suite does not hide the others.
    readonly List<SuiteResult> targetSuites = [];

    void ReportSuites()
    {
        var suites = targetSuites.ToList();
        targetSuites.Clear();
        ReportSummary(_ => _.AddPair("Tests", new SuiteResult("", suites.Sum(s => s.Passed), suites.Sum(s => s.Failed), suites.Sum(s => s.Skipped))));
        var failed = suites.Where(s => s.Failed > 0).Select(s => s.Suite).ToList();
        if (failed.Count > 0)
            throw new InvalidOperationException($"Failing suites: {string.Join(", ", failed)} (their output is above).");
    }
}
