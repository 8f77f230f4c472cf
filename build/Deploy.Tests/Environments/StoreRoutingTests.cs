using System.Text.Json.Nodes;
using Deploy.Environments;

namespace Deploy.Tests.Environments;

public class StoreRoutingTests
{
    static readonly EnvironmentsFile File_ = EnvironmentsLoader.Load(RepositoryFiles.EnvironmentsJson);
    const string Sha = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";

    [Fact]
    public void Functions_go_to_the_store_of_their_region_and_the_site_to_the_pipeline_region_of_the_environments_own_store()
    {
        var routes = new StoreRouting(File_, "prod").Route("1.4.0", [
            new ArtifactRef("site", ArtifactKind.Site, Sha),
            new ArtifactRef("contact-form", ArtifactKind.Function, Sha),
            new ArtifactRef("mail-forwarder", ArtifactKind.Function, Sha),
        ]);

        Assert.Equal(("eu-central-1", "jamstack-artifacts-prod-222222222222-eu-central-1"), (routes[0].Region, routes[0].Bucket));
        Assert.Equal(("eu-central-1", "jamstack-artifacts-prod-222222222222-eu-central-1"), (routes[1].Region, routes[1].Bucket));
        Assert.Equal(("eu-west-1", "jamstack-artifacts-prod-222222222222-eu-west-1"), (routes[2].Region, routes[2].Bucket));
        Assert.All(routes, r => Assert.Equal("alias/jamstack-artifacts-prod", r.KmsKey));

        // dev never routes into prod's stores.
        var dev = new StoreRouting(File_, "dev").Route("1.4.0", new ArtifactRef("site", ArtifactKind.Site, Sha));
        Assert.Equal(("jamstack-artifacts-dev-222222222222-eu-central-1", "alias/jamstack-artifacts-dev"), (dev.Bucket, dev.KmsKey));
    }

    [Fact]
    public void Keys_carry_the_environment_and_are_content_addressed_by_version_and_hash()
    {
        var routing = new StoreRouting(File_, "dev");
        var key = routing.KeyFor("1.4.0", new ArtifactRef("contact-form", ArtifactKind.Function, Sha));
        Assert.Equal("jamstack/dev/contact-form/1.4.0/contact-form-9f86d081884c7d65.zip", key);
        Assert.Equal("jamstack/prod/contact-form/1.4.0/contact-form-9f86d081884c7d65.zip", new StoreRouting(File_, "prod").KeyFor("1.4.0", new ArtifactRef("contact-form", ArtifactKind.Function, Sha)));
        Assert.NotEqual(key, routing.KeyFor("1.4.0", new ArtifactRef("contact-form", ArtifactKind.Function, "00" + Sha[2..])));
    }

    [Fact]
    public void The_local_environment_routes_to_the_local_store()
    {
        var route = new StoreRouting(File_, "local").Route("0.1.0", new ArtifactRef("mail-forwarder", ArtifactKind.Function, Sha));
        Assert.Equal("jamstack-artifacts-local-eu-west-1", route.Bucket);
    }

    [Fact]
    public void A_region_without_a_store_fails_for_the_whole_set_before_anything_is_routed()
    {
        // The loader refuses such a file, so build the model directly: routing must still guard on its own.
        var dev = File_.Environments["dev"];
        var moved = dev with { Functions = new Dictionary<string, FunctionTarget>(dev.Functions) { ["mail-forwarder"] = dev.Functions["mail-forwarder"] with { Region = "ap-south-1" } } };
        var file = File_ with { Environments = new Dictionary<string, DeployEnvironment>(File_.Environments) { ["dev"] = moved } };

        var e = Assert.Throws<StoreRoutingException>(() => new StoreRouting(file, "dev").Route("1.0.0", [
            new ArtifactRef("contact-form", ArtifactKind.Function, Sha),
            new ArtifactRef("mail-forwarder", ArtifactKind.Function, Sha),
        ]));
        Assert.Equal("artifact 'mail-forwarder' needs region ap-south-1, which has no bucket in artifact store 'dev'; fix: add regions['ap-south-1'] to artifactStores.dev in infra/environments.json", e.Message);
    }

    [Fact]
    public void An_unknown_function_artifact_is_refused()
    {
        var e = Assert.Throws<StoreRoutingException>(() => new StoreRouting(File_, "dev").Route("1.0.0", new ArtifactRef("thumbnailer", ArtifactKind.Function, Sha)));
        Assert.Contains("fix: add functions['thumbnailer'] to environments.dev", e.Message);
    }
}
