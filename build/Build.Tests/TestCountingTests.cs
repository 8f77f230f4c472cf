namespace BuildTests;

/// <summary>The Test target's closing line is only as good as the counts it reads from each runner.</summary>
public sealed class TestCountingTests
{
    [Fact]
    public void Reads_node_tap_counts_and_treats_cancelled_as_failed()
    {
        var lines = "TAP version 13\nok 1 - a\nnot ok 2 - b\n1..2\n# tests 5\n# suites 1\n# pass 3\n# fail 1\n# cancelled 1\n# skipped 2\n# todo 0\n# duration_ms 12.5\n".Split('\n');
        var result = TapSummary.Parse("lambdas/x", lines);

        Assert.Equal(new SuiteResult("lambdas/x", 3, 2, 2), result);
    }

    [Fact]
    public void A_tap_stream_without_counts_is_not_a_result()
    {
        Assert.Null(TapSummary.Parse("x", ["Error: Cannot find module 'y'", "# pass 1"]));
    }

    [Fact]
    public void Reads_trx_counters()
    {
        using var dir = new TemporaryDirectory();
        var trx = dir.Write("r.trx", """
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <ResultSummary outcome="Failed">
                <Counters total="10" executed="9" passed="7" failed="2" error="0" timeout="0" aborted="0" inconclusive="0" notExecuted="1" />
              </ResultSummary>
            </TestRun>
            """);
        Assert.Equal(new SuiteResult("Engine.Tests", 7, 2, 1), TrxSummary.Parse("Engine.Tests", trx));
    }

    [Fact]
    public void Tally_adds_suites_and_prints_skipped_only_when_some_were()
    {
        var tally = new TestTally();
        tally.Add(new("a", 3, 0, 0));
        tally.Add(new("b", 4, 1, 0));
        Assert.Equal("7 passed, 1 failed", tally.Total.ToString());
        tally.Add(new("c", 0, 0, 2));
        Assert.Equal("7 passed, 1 failed, 2 skipped", tally.Total.ToString());
    }

    [Fact]
    public void Area_counts_are_summed_per_area_and_key_in_the_order_first_written()
    {
        using var dir = new TemporaryDirectory();
        AreaCounts.Record(dir.Path, "crashes", ("kills", 3), ("broken sites", 0));
        AreaCounts.Record(dir.Path, "bad input", ("cases", 1), ("wrote", 1));
        AreaCounts.Record(dir.Path, "crashes", ("kills", 2), ("broken sites", 1));
        File.AppendAllText(AreaCounts.FileIn(dir.Path), "{\"area\":\"cut"); // a record cut short by a killed run is ignored

        Assert.Equal(["crashes: 5 kills, 1 broken sites", "bad input: 1 cases, 1 wrote"], AreaCounts.Lines(AreaCounts.FileIn(dir.Path)));
        Assert.Empty(AreaCounts.Lines(dir.Combine("none.jsonl")));
    }
}
