namespace BuildGraph.Tests;

public class SecretMaskingTests : IDisposable
{
    readonly TestRoot root = new();

    public void Dispose() => root.Dispose();

    class WithSecrets : NukeBuild
    {
        [Parameter, Secret] readonly string? ApiToken;
        [Parameter] readonly string? Visible;

        Target Log => _ => _.Executes(() =>
        {
            Serilog.Log.Information("token is {Token}", ApiToken);
            Serilog.Log.Warning($"inline {ApiToken}!");
            Serilog.Log.Information("visible is {Visible}", Visible);
        });

        Target Tool => _ => _.Executes(async () =>
        {
            var result = await ToolProcess.RunAsync("echo", ["tool says", ApiToken!]);
            Serilog.Log.Information("captured {Count} line(s)", result.Output.Count);
            SecretMasking.Register("registered-later");
            await ToolProcess.RunAsync("sh", ["-c", "echo registered-later; echo oops >&2; exit 3"]);
        });

        Target ChildPrintsIt => _ => _.Executes(async () =>
            (await ToolProcess.RunAsync("sh", ["-c", "echo \"child got $1\"; echo \"child error $1\" >&2; exit 4", "sh", ApiToken!])).AssertZeroExitCode());

        Target Fail => _ => _.Executes(() => throw new InvalidOperationException($"bad token {ApiToken}"));
    }

    static readonly Dictionary<string, string?> Environment = new() { ["API_TOKEN"] = "s3cr3t-value" };

    [Fact]
    public async Task Secret_parameters_are_masked_in_log_lines_warnings_and_the_problem_block()
    {
        var result = await BuildHarness.RunAsync<WithSecrets>(root, ["Log", "--visible", "plain"], Environment);

        Assert.DoesNotContain("s3cr3t-value", result.Output);
        Assert.Contains("[INF] token is ****", result.Output);
        Assert.Contains("[WRN] inline ****!", result.Output);
        Assert.Contains("[INF] visible is plain", result.Output);
    }

    [Fact]
    public async Task Tool_output_is_masked_including_secrets_registered_at_run_time()
    {
        var result = await BuildHarness.RunAsync<WithSecrets>(root, ["Tool"], Environment);

        Assert.DoesNotContain("s3cr3t-value", result.Output);
        Assert.DoesNotContain("registered-later", result.Output);
        Assert.Contains("[DBG] tool says ****", result.Output);
        Assert.Contains("> echo \"tool says\" ****", result.Output);
        Assert.Contains("[DBG] oops", result.Output); // stderr is logged too
    }

    [Fact]
    public async Task Error_messages_and_the_summary_are_masked()
    {
        var result = await BuildHarness.RunAsync<WithSecrets>(root, ["Fail"], Environment);

        Assert.DoesNotContain("s3cr3t-value", result.Output);
        Assert.Matches(@"Fail\s+Failed\s+\S+\s+bad token \*\*\*\*", result.Output);
    }

    [Fact]
    public async Task A_failing_child_process_that_prints_a_secret_parameter_leaves_it_nowhere()
    {
        var result = await BuildHarness.RunAsync<WithSecrets>(root, ["ChildPrintsIt", "--verbosity", "verbose"], Environment);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("child error ****", result.Output);
        var places = new List<(string Place, string Text)> { ("console", result.Output) };
        places.AddRange(Directory.EnumerateFiles(root.Path, "*", SearchOption.AllDirectories).Select(f => (f, File.ReadAllText(f))));
        var found = places.Where(p => p.Text.Contains("s3cr3t-value", StringComparison.Ordinal)).Select(p => p.Place).ToList();
        Console.WriteLine($"secrets: {found.Count} found in {places.Count} places");
        Assert.Empty(found);
    }

    [Fact]
    public void The_masking_writer_catches_secrets_split_across_writes()
    {
        var masker = new SecretMasker();
        masker.Add("hunter2");
        var inner = new StringWriter();
        var writer = new MaskingTextWriter(inner, masker);

        writer.Write("pass: hun");
        writer.Write("ter2 end");
        writer.WriteLine();
        writer.Write("tail hunter2");
        writer.Flush();

        Assert.Equal($"pass: **** end{System.Environment.NewLine}tail ****", inner.ToString());
    }
}
