using System.Diagnostics;
using Deploy.Artifacts;
using Deploy.Deployment;
using Deploy.Environments;
using Deploy.Tests.Deployment;
using Deploy.Tests.Environments;

namespace Deploy.Tests.Crashes;

/// <summary>One deploy in a process of its own, so that a test can SIGKILL it at a chosen request.</summary>
static class ChildDeploy
{
    /// <summary>In the child: deploys the artifacts folder's manifest to the local environment; exit 0, or 1 with the one-line failure.</summary>
    public static async Task<int> RunAsync(Uri api, string artifacts, string mode)
    {
        var file = EnvironmentsLoader.Load(RepositoryFiles.EnvironmentsJson).WithLocalIn(mode);
        var manifest = ArtifactManifestFile.Read(Path.Combine(artifacts, ArtifactManifest.FileName));
        var request = new DeployRequest(file, "local", manifest, artifacts, DryRun: false, Force: false, IsCI: true)
        {
            InvalidationPollInterval = TimeSpan.FromMilliseconds(300),
            FunctionPollInterval = TimeSpan.FromMilliseconds(300),
        };
        try
        {
            var (build, role) = await LocalSessions.OpenAsync(api, file.Environments["local"].DeployRole, "crash-child");
            await EnvironmentDeploy.RunAsync(request, build, role, Console.Out, default);
            return 0;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
    }

    /// <summary>
    /// In the test: starts the child (the dotnet that runs the tests runs this assembly). Its temporary files (the extracted
    /// site) go to <paramref name="temp"/>, which the test deletes: a killed process cleans up nothing.
    /// </summary>
    public static Process Start(Uri api, string artifacts, string temp, string mode)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["TMPDIR"] = Directory.CreateDirectory(temp).FullName;
        foreach (var argument in new[] { "exec", typeof(ChildDeploy).Assembly.Location, "deploy", api.ToString(), artifacts, mode })
            start.ArgumentList.Add(argument);
        return Process.Start(start) ?? throw new InvalidOperationException("the child deploy did not start");
    }
}
