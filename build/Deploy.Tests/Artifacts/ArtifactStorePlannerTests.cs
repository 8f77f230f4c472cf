using Deploy.Artifacts;
using Deploy.Environments;
using StoreConfig = Deploy.Environments.ArtifactStore;

namespace Deploy.Tests.Artifacts;

public sealed class ArtifactStorePlannerTests
{
    private static ArtifactPlacement Placement(string name, long size, string sha) =>
        new(new ManifestArtifact(name, "function", name + ".zip", size, sha, ""), "/a/" + name + ".zip",
            new StoreDestination(name, "eu-west-1", "store", "alias/k", $"p/{name}/1/{name}-{sha[..4]}.zip"));

    [Fact]
    public void Missing_objects_upload_identical_ones_skip_different_ones_are_replaced()
    {
        var a = Placement("a", 10, "aaaa1111");
        var b = Placement("b", 20, "bbbb2222");
        var c = Placement("c", 30, "cccc3333");
        var existing = new Dictionary<(string, string), StoredArtifact>
        {
            [("store", b.Destination.Key)] = new("eu-west-1", "store", b.Destination.Key, 20, "BBBB2222", null),
            [("store", c.Destination.Key)] = new("eu-west-1", "store", c.Destination.Key, 31, "cccc3333", null),
        };
        var plan = ArtifactStorePlanner.Plan([a, b, c], existing);
        Assert.Equal([StoreAction.Upload, StoreAction.Skip, StoreAction.Upload], plan.Steps.Select(s => s.Action));
        Assert.StartsWith("new in s3://store/", plan.Steps[0].Reason);
        Assert.StartsWith("replaces a different object", plan.Steps[2].Reason);
        Assert.Equal(40, plan.UploadBytes);
    }

    [Fact]
    public void A_region_without_a_store_fails_when_placing_before_anything_is_planned()
    {
        var file = new EnvironmentsFile("p", "eu-central-1", new Dictionary<string, Account>(),
            new Dictionary<string, StoreConfig> { ["s"] = new("x", new Dictionary<string, StoreRegion> { ["eu-central-1"] = new("b", "alias/k") }) },
            new Dictionary<string, DeployEnvironment>
            {
                ["dev"] = new("x", [], "arn:aws:iam::1:role/r", null, "s", new SiteTarget("eu-central-1", "site", "E1", "d"),
                    new Dictionary<string, FunctionTarget> { ["fn"] = new("f", "ap-south-1", "live", new Dictionary<string, string>()) }),
            });
        var manifest = new ArtifactManifest("1.0.0", "1.0.0", "c", "b", [new ManifestArtifact("fn", "function", "fn.zip", 1, new string('a', 64), "")]);
        var error = Assert.Throws<StoreRoutingException>(() => ArtifactPlacement.ForManifest(manifest, "/artifacts", new StoreRouting(file, "dev")));
        Assert.Contains("ap-south-1", error.Message);
    }
}
