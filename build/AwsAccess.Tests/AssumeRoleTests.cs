using System.Web;

namespace AwsAccess.Tests;

public sealed class AssumeRoleTests
{
    private const string Role = "arn:aws:iam::333333333333:role/jamstack-deploy";

    [Fact]
    public async Task Temporary_credentials_are_registered_for_masking_and_used_by_the_new_session()
    {
        using var server = new RecordingServer();
        var masked = new List<string>();
        var assumed = await TestSessions.For(server).AssumeRoleAsync(new RoleAssumption(Role, "1.2.3+45"), masked.Add, TestContext.Current);

        Assert.Contains(CannedAws.AssumedSecret, masked);
        Assert.Contains(CannedAws.AssumedToken, masked);
        Assert.Equal($"role {Role}", assumed.Source);

        await assumed.GetCallerIdentityAsync(TestContext.Current);
        var call = server.Requests[^1];
        Assert.Equal("ASIAGOLDENASSUMED000", call.AccessKey);
        Assert.Equal(CannedAws.AssumedToken, call.Header("x-amz-security-token"));
    }

    [Fact]
    public async Task The_request_carries_the_build_id_duration_and_external_id()
    {
        using var server = new RecordingServer();
        await TestSessions.For(server).AssumeRoleAsync(
            new RoleAssumption(Role, "feature/contact form#7", TimeSpan.FromMinutes(20), "ext-123"), _ => { }, TestContext.Current);
        var form = HttpUtility.ParseQueryString(Assert.Single(server.Requests).BodyText);
        Assert.Equal("AssumeRole", form["Action"]);
        Assert.Equal(Role, form["RoleArn"]);
        Assert.Equal("build-feature-contact-form-7", form["RoleSessionName"]);
        Assert.Equal("1200", form["DurationSeconds"]);
        Assert.Equal("ext-123", form["ExternalId"]);
    }

    [Fact]
    public async Task A_role_that_does_not_trust_us_names_the_role_and_our_role_arn()
    {
        using var server = new RecordingServer(request => HttpUtility.ParseQueryString(request.BodyText)["Action"] switch
        {
            "AssumeRole" => CannedResponse.Xml(403,
                """<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:sts::222222222222:assumed-role/codebuild-jamstack/x is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::333333333333:role/jamstack-deploy</Message></Error><RequestId>r</RequestId></ErrorResponse>"""),
            _ => CannedResponse.Xml(200, CannedAws.CallerIdentityXml("arn:aws:sts::222222222222:assumed-role/codebuild-jamstack/x")),
        });
        var error = await Assert.ThrowsAsync<AwsAccessException>(() =>
            TestSessions.For(server).AssumeRoleAsync(new RoleAssumption(Role, "42"), _ => { }, TestContext.Current));
        Assert.StartsWith($"Role {Role} is not assumable by arn:aws:iam::222222222222:role/codebuild-jamstack", error.Message);
        Assert.Contains("trust policy", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(2, server.Requests.Count); // AccessDenied is not retried; one GetCallerIdentity names us
    }

    [Theory]
    [InlineData("42", "build-42")]
    [InlineData("feature/x y", "build-feature-x-y")]
    [InlineData("1.2.3+4,a=b@c", "build-1.2.3+4,a=b@c")]
    [InlineData("", "build-local")]
    public void Session_names_carry_the_build_id_in_the_characters_STS_accepts(string buildId, string expected)
    {
        Assert.Equal(expected, RoleSessionName.ForBuild(buildId));
        Assert.True(RoleSessionName.IsValid(expected));
    }

    [Fact]
    public void Long_build_ids_are_cut_to_64_characters()
    {
        var name = RoleSessionName.ForBuild(new string('a', 200));
        Assert.Equal(64, name.Length);
        Assert.True(RoleSessionName.IsValid(name));
    }

    [Theory]
    [InlineData(899)]
    [InlineData(3601)]
    public void Durations_outside_15_to_60_minutes_are_refused(int seconds)
    {
        var error = Assert.Throws<AwsAccessException>(() => new RoleAssumption(Role, "1", TimeSpan.FromSeconds(seconds)));
        Assert.Contains("900 to 3600", error.Message);
    }

    [Fact]
    public void The_default_duration_is_one_hour_and_a_non_role_arn_is_refused()
    {
        Assert.Equal(TimeSpan.FromHours(1), new RoleAssumption(Role, "1").Duration);
        Assert.Throws<AwsAccessException>(() => new RoleAssumption("jamstack-deploy", "1"));
    }

    [Fact]
    public void Assumed_role_callers_are_named_by_their_role_arn()
    {
        Assert.Equal("arn:aws:iam::1:role/r", new CallerIdentity("1", "arn:aws:sts::1:assumed-role/r/session", "x").PrincipalArn);
        Assert.Equal("arn:aws:iam::1:user/u", new CallerIdentity("1", "arn:aws:iam::1:user/u", "x").PrincipalArn);
    }
}
