using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AwsAccess.Tests;

/// <summary>
/// AWS's own SigV4A implementation (@aws-sdk/signature-v4a, a dependency of infra/local) behind
/// infra/local/sigv4a-oracle.mjs: derive a key, sign a request, verify one. Installs infra/local's packages when missing.
/// </summary>
public static class SigV4aOracle
{
    public static string LocalCloudFolder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "infra", "local", "sigv4a-oracle.mjs"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("infra/local/sigv4a-oracle.mjs not found above the test folder"), "infra", "local");
        }
    }

    public static async Task<JsonNode> AskAsync(JsonObject question)
    {
        var folder = LocalCloudFolder;
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@aws-sdk", "signature-v4a")))
            await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], folder, "");
        var output = await RunAsync("node", [Path.Combine(folder, "sigv4a-oracle.mjs")], folder, question.ToJsonString());
        return JsonNode.Parse(output.Trim().Split('\n').Last())!;
    }

    /// <summary>A request as the oracle reads it: method, URL, headers, base64 body.</summary>
    public static JsonObject Request(SignableRequest request) => new()
    {
        ["method"] = request.Method.Method,
        ["url"] = request.Url.OriginalString,
        ["headers"] = new JsonObject(request.Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)JsonValue.Create(h.Value)))),
        ["body"] = Convert.ToBase64String(request.Body ?? []),
    };

    private static async Task<string> RunAsync(string file, string[] arguments, string folder, string input)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
