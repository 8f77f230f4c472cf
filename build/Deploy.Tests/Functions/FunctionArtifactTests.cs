using AwsAccess;
using Deploy.Artifacts;
using Deploy.Environments;
using Deploy.Functions;

namespace Deploy.Tests.Functions;

public class FunctionArtifactTests
{
    static readonly FunctionTarget Target = new("jamstack-prod-contact-form", "eu-central-1", "live", new Dictionary<string, string>());
    static readonly FunctionArtifact Artifact = new("contact-form", Target, "sha", new S3CodeLocation("store", "jamstack/prod/contact-form/1.0.0/contact-form-00.zip"));

    [Fact]
    public void A_function_update_is_pinned_to_the_object_version_the_store_holds()
    {
        var stored = new StoredArtifact("eu-central-1", "store", "jamstack/prod/contact-form/1.0.0/contact-form-00.zip", 10, "s", "sha", VersionId: "v42");
        Assert.Equal(new S3CodeLocation("store", "jamstack/prod/contact-form/1.0.0/contact-form-00.zip", "v42"), Artifact.PinnedTo(stored).Code);
    }

    [Fact]
    public void Without_a_version_or_for_another_object_nothing_is_pinned()
    {
        Assert.Null(Artifact.PinnedTo(null).Code.ObjectVersion);
        Assert.Null(Artifact.PinnedTo(new StoredArtifact("eu-central-1", "store", "jamstack/prod/contact-form/1.0.0/contact-form-00.zip", 10, "s", "sha")).Code.ObjectVersion);
        Assert.Null(Artifact.PinnedTo(new StoredArtifact("eu-central-1", "store", "jamstack/dev/contact-form/1.0.0/contact-form-00.zip", 10, "s", "sha", VersionId: "v1")).Code.ObjectVersion);
    }

    [Fact]
    public void A_rollback_takes_the_version_it_found()
    {
        var stored = new StoredArtifact("eu-central-1", "store", "k.zip", 10, "s", "sha", VersionId: "v7");
        Assert.Equal("v7", FunctionArtifact.FromStored("contact-form", Target, stored).Code.ObjectVersion);
    }
}
