using Deploy.Deployment;
using Deploy.Environments;
using Deploy.Tests.Environments;

namespace Deploy.Tests.Deployment;

/// <summary>What a run writes, from the targets invoked, --site-only, --function, environments.json's deploy and DEPLOY_PARTS.</summary>
public sealed class DeployScopeTests
{
    static readonly DeployEnvironment Local = EnvironmentsLoader.Load(RepositoryFiles.EnvironmentsJson).Environments["local"];
    static readonly ScopeRequest Deploy = new(Site: true, Functions: true);
    static readonly ScopeRequest DeploySite = new(Site: true, Functions: false) { SiteNamed = true };
    static readonly ScopeRequest DeployFunctions = new(Site: false, Functions: true) { FunctionsNamed = true };

    static DeployScope Chosen(ScopeRequest request, DeployEnvironment? environment = null)
    {
        var resolution = DeployScopes.Resolve("local", environment ?? Local, request);
        return Assert.IsType<ScopeResolution.Chosen>(resolution).Scope;
    }

    static string Refused(ScopeRequest request, DeployEnvironment? environment = null)
    {
        var message = Assert.IsType<ScopeResolution.Refused>(DeployScopes.Resolve("local", environment ?? Local, request)).Message;
        Assert.DoesNotContain('\n', message);
        Assert.Contains("; fix: ", message);
        return message;
    }

    [Fact]
    public void Each_target_asks_for_its_part()
    {
        Assert.Equal("the site and functions contact-form, mail-forwarder", Chosen(Deploy).ToString());
        Assert.Equal("the site", Chosen(DeploySite).ToString());
        Assert.Equal("functions contact-form, mail-forwarder", Chosen(DeployFunctions).ToString());
    }

    [Theory]
    [InlineData("contact-form")]
    [InlineData("contact-form", "contact-form")]
    public void Function_names_only_those_functions_and_on_Deploy_drops_the_site(params string[] names)
    {
        Assert.Equal(DeployScope.OnlyFunctions("contact-form"), Chosen(DeployFunctions with { FunctionFilter = names }), ScopeComparer.Instance);
        Assert.Equal(DeployScope.OnlyFunctions("contact-form"), Chosen(Deploy with { FunctionFilter = names }), ScopeComparer.Instance);
        // DeploySite and DeployFunctions invoked together: the site is named, so it stays.
        var both = new ScopeRequest(true, true) { SiteNamed = true, FunctionsNamed = true, FunctionFilter = names };
        Assert.Equal(new DeployScope(true, ["contact-form"]), Chosen(both), ScopeComparer.Instance);
    }

    [Fact]
    public void An_unknown_function_is_refused_with_the_valid_names()
    {
        var message = Refused(DeployFunctions with { FunctionFilter = ["contact-from", "mail-forwarder"] });
        Assert.Equal("unknown function 'contact-from' in environment 'local'; fix: pass --function with one of contact-form, mail-forwarder", message);
    }

    [Fact]
    public void Site_only_drops_the_functions_and_excludes_function()
    {
        Assert.Equal(DeployScope.SiteOnly, Chosen(Deploy with { SiteOnly = true }), ScopeComparer.Instance);
        Assert.Contains("--site-only and --function exclude each other", Refused(Deploy with { SiteOnly = true, FunctionFilter = ["contact-form"] }));
        Assert.Contains("--function names functions, but the targets invoked deploy only the site", Refused(DeploySite with { FunctionFilter = ["contact-form"] }));
    }

    [Fact]
    public void The_environment_and_DEPLOY_PARTS_narrow_Deploy_with_a_note()
    {
        var functionsOnly = Local with { Deploy = ["functions"] };
        var resolution = Assert.IsType<ScopeResolution.Chosen>(DeployScopes.Resolve("local", functionsOnly, Deploy));
        Assert.False(resolution.Scope.Site);
        Assert.Equal(2, resolution.Scope.Functions.Count);
        Assert.Equal("no site (environments.local.deploy in infra/environments.json)", resolution.Narrowed);

        var parts = Assert.IsType<ScopeResolution.Chosen>(DeployScopes.Resolve("local", Local, Deploy with { Parts = ["site"] }));
        Assert.Equal(DeployScope.SiteOnly, parts.Scope, ScopeComparer.Instance);
        Assert.Equal("no functions (--deploy-parts (DEPLOY_PARTS))", parts.Narrowed);
    }

    [Fact]
    public void A_part_named_explicitly_that_the_environment_does_not_deploy_is_refused()
    {
        var functionsOnly = Local with { Deploy = ["functions"] };
        Assert.Equal("environment 'local' does not deploy the site here (environments.local.deploy in infra/environments.json); fix: deploy what it lists or change that setting",
            Refused(DeploySite, functionsOnly));
        Assert.Contains("does not deploy the functions here (--deploy-parts (DEPLOY_PARTS))", Refused(DeployFunctions with { Parts = ["site"] }));
    }

    [Fact]
    public void Narrowing_that_leaves_nothing_and_unknown_parts_are_refused()
    {
        Assert.Contains("nothing to deploy to 'local': no site (environments.local.deploy", Refused(Deploy with { Parts = ["site"] }, Local with { Deploy = ["functions"] }));
        Assert.Contains("unknown deploy part 'sites'", Refused(Deploy with { Parts = ["sites"] }));
    }

    sealed class ScopeComparer : IEqualityComparer<DeployScope>
    {
        public static readonly ScopeComparer Instance = new();
        public bool Equals(DeployScope? x, DeployScope? y) => x is not null && y is not null && x.Site == y.Site && x.Functions.SequenceEqual(y.Functions);
        public int GetHashCode(DeployScope obj) => obj.Site.GetHashCode();
    }
}
