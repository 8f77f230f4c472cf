/// <summary>Adds up the suites that ran in this build, for the one closing line CI reads.</summary>
sealed class TestTally
{
    readonly List<SuiteResult> suites = [];
    readonly Lock gate = new();

    public void Add(SuiteResult result)
    {
        lock (gate) suites.Add(result);
    }

    public IReadOnlyList<SuiteResult> Suites
    {
        get { lock (gate) return suites.ToList(); }
    }

    public SuiteResult Total
    {
        get
        {
            lock (gate)
                return new("total", suites.Sum(s => s.Passed), suites.Sum(s => s.Failed), suites.Sum(s => s.Skipped));
        }
    }
}
