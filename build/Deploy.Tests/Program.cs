using Deploy.Tests.Crashes;

namespace Deploy.Tests;

/// <summary>
/// The test assembly is also the deploy process the crash tests kill: <c>dotnet Deploy.Tests.dll deploy API ARTIFACTS</c>
/// runs one deploy of the local environment (EnvironmentDeploy, as the deploy targets run it) of the packaged
/// artifacts in ARTIFACTS against the local cloud at API. The test runner loads the assembly and never calls this.
/// </summary>
static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["deploy", var api, var artifacts, var mode])
            return await ChildDeploy.RunAsync(new Uri(api), artifacts, mode);
        await Console.Error.WriteLineAsync("usage: dotnet Deploy.Tests.dll deploy <api endpoint> <artifacts folder> (run by CrashTests)");
        return 2;
    }
}
