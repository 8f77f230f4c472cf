using AwsAccess;
using Deploy.Environments;
using Deploy.Functions;

namespace Deploy.Tests.Functions;

public sealed class FunctionPlannerTests
{
    private static FunctionArtifact Artifact(string name, string sha) =>
        new(name, new FunctionTarget("jamstack-dev-" + name, "eu-west-1", "live", new Dictionary<string, string>()), sha, new S3CodeLocation("store", name + ".zip"));

    [Fact]
    public void Same_code_under_the_alias_is_skipped_other_code_or_no_alias_is_updated()
    {
        var same = Artifact("same", "AAAA");
        var changed = Artifact("changed", "BBBB");
        var fresh = Artifact("fresh", "CCCC");
        var plan = FunctionPlanner.Plan([same, changed, fresh], new Dictionary<string, DeployedFunction>
        {
            ["same"] = new("jamstack-dev-same", "eu-west-1", "live", "AAAA", "4"),
            ["changed"] = new("jamstack-dev-changed", "eu-west-1", "live", "OLD", "7"),
            ["fresh"] = new("jamstack-dev-fresh", "eu-west-1", "live", null, null),
        });
        Assert.Equal([FunctionAction.Skip, FunctionAction.Update, FunctionAction.Update], plan.Changes.Select(c => c.Action));
        Assert.Equal(["same"], plan.Skipped.Select(c => c.Artifact.Name));
        Assert.Contains("already runs this code", plan.Changes[0].Reason);
        Assert.Equal("7", plan.Changes[1].PreviousVersion);
        Assert.Contains("does not exist yet", plan.Changes[2].Reason);
    }
}
