using System.Text.Json;
using System.Web;

namespace AwsAccess.Tests;

/// <summary>Minimal valid answers of Lambda, CloudFront, STS and KMS (the same as Golden/recorder.py gives the CLI).</summary>
public static class CannedAws
{
    public const string FunctionName = "jamstack-dev-contact-form";
    public const string CodeSha256 = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
    public const string RevisionId = "11111111-2222-3333-4444-555555555555";
    public const string AssumedSecret = "golden-assumed-secret";
    public const string AssumedToken = "golden-assumed-token";
    private const string Cf = "http://cloudfront.amazonaws.com/doc/2020-05-31/";
    private const string Sts = "https://sts.amazonaws.com/doc/2011-06-15/";

    public static string Configuration(string version = "$LATEST", string lastUpdateStatus = "Successful", string? reason = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["FunctionName"] = FunctionName,
            ["FunctionArn"] = $"arn:aws:lambda:eu-central-1:333333333333:function:{FunctionName}",
            ["Runtime"] = "nodejs20.x", ["Handler"] = "index.handler", ["CodeSize"] = 1024,
            ["CodeSha256"] = CodeSha256, ["Version"] = version, ["State"] = "Active",
            ["LastUpdateStatus"] = lastUpdateStatus, ["LastUpdateStatusReason"] = reason, ["RevisionId"] = RevisionId,
        });

    public const string Alias =
        """{"AliasArn":"arn:aws:lambda:eu-central-1:333333333333:function:jamstack-dev-contact-form:live","Name":"live","FunctionVersion":"7","Description":"","RevisionId":"aaaaaaaa-2222-3333-4444-555555555555"}""";

    public static string InvalidationXml(string status = "InProgress") =>
        $"""<?xml version="1.0"?><Invalidation xmlns="{Cf}"><Id>I2J0I21PCUYOIK</Id><Status>{status}</Status><CreateTime>2024-01-01T00:00:00Z</CreateTime><InvalidationBatch><Paths><Quantity>1</Quantity><Items><Path>/index.html</Path></Items></Paths><CallerReference>golden-ref</CallerReference></InvalidationBatch></Invalidation>""";

    public const string DistributionXml =
        $"""<?xml version="1.0"?><Distribution xmlns="{Cf}"><Id>E1DEVEXAMPLE00</Id><ARN>arn:aws:cloudfront::333333333333:distribution/E1DEVEXAMPLE00</ARN><Status>Deployed</Status><DomainName>d111111abcdef8.cloudfront.net</DomainName></Distribution>""";

    public const string AssumeRoleXml =
        $"""<AssumeRoleResponse xmlns="{Sts}"><AssumeRoleResult><Credentials><AccessKeyId>ASIAGOLDENASSUMED000</AccessKeyId><SecretAccessKey>{AssumedSecret}</SecretAccessKey><SessionToken>{AssumedToken}</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROAGOLDEN:build-42</AssumedRoleId><Arn>arn:aws:sts::333333333333:assumed-role/jamstack-deploy/build-42</Arn></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></AssumeRoleResponse>""";

    public static string CallerIdentityXml(string arn = "arn:aws:iam::222222222222:user/builder") =>
        $"""<GetCallerIdentityResponse xmlns="{Sts}"><GetCallerIdentityResult><Arn>{arn}</Arn><UserId>AIDAGOLDEN</UserId><Account>222222222222</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata></GetCallerIdentityResponse>""";

    public static string KeyMetadata(string region) =>
        $$$"""{"KeyMetadata":{"KeyId":"1234abcd-12ab-34cd-56ef-1234567890ab","Arn":"arn:aws:kms:{{{region}}}:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab","Enabled":true,"KeyState":"Enabled"}}""";

    public static CannedResponse Respond(RecordedRequest request)
    {
        var path = request.Path;
        if (path.StartsWith("/2015-03-31/functions/", StringComparison.Ordinal))
        {
            if (path.Contains("/aliases", StringComparison.Ordinal)) return new(request.Method == "POST" ? 201 : 200, Alias);
            if (path.EndsWith("/versions", StringComparison.Ordinal)) return new(201, Configuration("8"));
            if (path.EndsWith("/configuration", StringComparison.Ordinal) || path.EndsWith("/code", StringComparison.Ordinal)) return new(200, Configuration());
            return new(200, $$$"""{"Configuration":{{{Configuration()}}},"Code":{"RepositoryType":"S3"}}""");
        }
        if (path.StartsWith("/2020-05-31/distribution/", StringComparison.Ordinal))
        {
            if (path.EndsWith("/invalidation", StringComparison.Ordinal) && request.Method == "POST")
                return CannedResponse.Xml(201, InvalidationXml(), new Dictionary<string, string> { ["Location"] = "https://cloudfront.amazonaws.com" + path + "/I2J0I21PCUYOIK" });
            if (path.Contains("/invalidation/", StringComparison.Ordinal)) return CannedResponse.Xml(200, InvalidationXml());
            return CannedResponse.Xml(200, DistributionXml, new Dictionary<string, string> { ["ETag"] = "E2QWRUHEXAMPLE" });
        }
        if (request.Target == "TrentService.DescribeKey") return new(200, KeyMetadata(request.Scope.Region), "application/x-amz-json-1.1");
        return HttpUtility.ParseQueryString(request.BodyText)["Action"] switch
        {
            "AssumeRole" => CannedResponse.Xml(200, AssumeRoleXml),
            "GetCallerIdentity" => CannedResponse.Xml(200, CallerIdentityXml()),
            _ => new(400, $$"""{"__type":"UnknownOperationException","message":"{{path}}"}"""),
        };
    }
}
