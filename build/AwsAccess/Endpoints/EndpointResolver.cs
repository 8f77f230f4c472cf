namespace AwsAccess;

/// <summary>
/// Resolves a service's endpoint the way the AWS SDKs and CLI do: AWS_ENDPOINT_URL_&lt;SERVICE&gt;, then
/// AWS_ENDPOINT_URL, then the real regional (or global) endpoint. LocalStack and the local cloud
/// therefore need no code path of their own.
/// </summary>
public sealed class EndpointResolver(AwsEnvironment environment)
{
    public ServiceEndpoint Resolve(AwsService service, string region)
    {
        RegionName.Validate(region);
        var signingRegion = service.GlobalSigningRegion ?? region;
        foreach (var variable in new[] { service.EndpointVariable, "AWS_ENDPOINT_URL" })
        {
            var value = environment.Get(variable);
            if (value is not null) return new ServiceEndpoint(service, ParseOverride(variable, value), signingRegion, variable);
        }
        return new ServiceEndpoint(service, DefaultUrl(service, region), signingRegion, "default");
    }

    private static Uri DefaultUrl(AwsService service, string region)
    {
        if (service.GlobalHost is not null) return new Uri("https://" + service.GlobalHost);
        var suffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://{service.EndpointPrefix}.{region}.{suffix}");
    }

    private static Uri ParseOverride(string variable, string value)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            && string.IsNullOrEmpty(url.Query))
        {
            return url;
        }
        throw new AwsAccessException($"{variable}='{value}' is not an http(s) URL: set it to e.g. http://127.0.0.1:4566 or unset it.");
    }
}
