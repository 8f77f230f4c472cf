using Deploy.Deployment;

namespace Deploy.Tests.Deployment;

public sealed class VersionOrderTests
{
    [Theory]
    [InlineData("0.4.0", "0.3.0")]
    [InlineData("1.0.0", "0.9.9")]
    [InlineData("1.2.0-alpha.10", "1.2.0-alpha.9")] // numeric identifiers compare as numbers
    [InlineData("1.2.0-alpha.3", "1.1.0-alpha.7")]
    public void An_older_version_of_the_same_line_is_refused_naming_both_and_the_fix(string deployed, string next)
    {
        var refusal = VersionOrder.Refusal(deployed, next, "site-bucket", force: false);
        Assert.Equal($"s3://site-bucket runs version {deployed}, newer than {next} this deploy would write (a superseded run?); " +
                     $"fix: deploy the newer commit, or put {next} back on purpose with ./build.sh Rollback --version {next} (or Deploy --force)", refusal);
        Assert.Null(VersionOrder.Refusal(deployed, next, "site-bucket", force: true));
    }

    [Theory]
    [InlineData(null, "0.1.0")] // nothing recorded yet
    [InlineData("0.3.0", "0.3.0")] // a redeploy
    [InlineData("0.3.0", "0.4.0")]
    [InlineData("0.3.0+build.9", "0.3.0+build.1")] // build metadata is not an order
    [InlineData("0.2.0-feature-x.5", "0.2.0-alpha.3")] // another branch's line: no order between them
    [InlineData("1.0.0", "1.1.0-alpha.1")]
    [InlineData("not-semver", "0.1.0")]
    public void Newer_equal_or_unordered_versions_pass(string? deployed, string next)
    {
        Assert.Null(VersionOrder.Refusal(deployed, next, "site-bucket", force: false));
    }
}
