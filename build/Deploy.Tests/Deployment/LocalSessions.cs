using Amazon.Runtime;
using AwsAccess;

namespace Deploy.Tests.Deployment;

/// <summary>
/// The two identities a deploy to the local cloud uses: the build's (the local cloud's fixed key, a session of the
/// CodeBuild role) and the deploy role it assumes, both talking to <c>endpoint</c> (the cloud, or a proxy before it).
/// </summary>
static class LocalSessions
{
    public static async Task<(AwsSession Build, AwsSession DeployRole)> OpenAsync(Uri endpoint, string deployRole, string sessionName)
    {
        var variables = new AwsEnvironment(new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = endpoint.ToString() });
        var build = AwsSession.FromCredentials(new BasicAWSCredentials("AKIALOCALBUILD00000", "local-build-secret"), "eu-central-1",
            new SessionOptions { Environment = variables });
        return (build, await build.AssumeRoleAsync(new RoleAssumption(deployRole, sessionName), _ => { }, default));
    }
}
