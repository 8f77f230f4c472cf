using System.Xml.Linq;

/// <summary>Reads the counters of a Visual Studio test results file (dotnet test --logger trx).</summary>
static class TrxSummary
{
    public static SuiteResult Parse(string suite, string trxPath)
    {
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        var counters = XDocument.Load(trxPath).Descendants(ns + "Counters").Single();
        int Count(string name) => int.Parse(counters.Attribute(name)?.Value ?? "0");
        var failed = Count("failed") + Count("error") + Count("timeout") + Count("aborted");
        return new(suite, Count("passed"), failed, Count("notExecuted"));
    }
}
