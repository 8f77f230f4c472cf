using System.Text.Json;

namespace AwsAccess.Tests;

/// <summary>One request AWS's CLI sent, as Golden/record.sh wrote it.</summary>
public sealed record GoldenRequest(string Operation, string AwsCommand, string Method, string Path, string Query,
    IReadOnlyDictionary<string, string> Headers, IReadOnlyList<string> SignedHeaders, string Body)
{
    public static GoldenRequest Load(string operation)
    {
        var file = System.IO.Path.Combine(AppContext.BaseDirectory, "Golden", operation + ".json");
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        var root = document.RootElement;
        return new GoldenRequest(
            root.GetProperty("operation").GetString()!,
            root.GetProperty("awsCommand").GetString()!,
            root.GetProperty("method").GetString()!,
            root.GetProperty("path").GetString()!,
            root.GetProperty("query").GetString()!,
            root.GetProperty("headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            root.GetProperty("signedHeaders").EnumerateArray().Select(e => e.GetString()!).ToList(),
            root.GetProperty("body").GetString()!);
    }

    public (string Region, string Service) Scope
    {
        get
        {
            var credential = Headers["authorization"].Split("Credential=")[1].Split(',')[0].Split('/');
            return (credential[2], credential[3]);
        }
    }
}
