/// <summary>The counts one test suite reported; a suite that crashed before counting reports one failure.</summary>
sealed record SuiteResult(string Suite, int Passed, int Failed, int Skipped)
{
    public override string ToString() =>
        $"{Passed} passed, {Failed} failed" + (Skipped > 0 ? $", {Skipped} skipped" : "");
}
