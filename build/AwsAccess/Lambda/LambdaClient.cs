using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.Runtime;

namespace AwsAccess;

/// <summary>
/// Lambda's REST-JSON API (2015-03-31), signed with AWSSDK.Core's SigV4 signer since AWSSDK.Lambda is not
/// available here. Paths and bodies follow AWS's service model (botocore data/lambda/2015-03-31).
/// </summary>
public sealed class LambdaClient : ILambdaFunctions, IDisposable
{
    private const string ApiVersion = "/2015-03-31";
    private const string Json = "application/json";

    private static readonly JsonSerializerOptions Wire = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = false,
    };

    private readonly SignedHttpSender _sender;

    internal LambdaClient(AWSCredentials credentials, ServiceEndpoint endpoint, RetryOptions retry) =>
        _sender = new SignedHttpSender(credentials, endpoint, retry);

    public string Region => _sender.Endpoint.SigningRegion;
    public ServiceEndpoint Endpoint => _sender.Endpoint;

    public async Task<FunctionConfiguration> GetFunctionAsync(string functionName, CancellationToken cancellationToken)
    {
        var response = await SendAsync("GetFunction", functionName, AwsHttpRequest.Get(Function(functionName)), cancellationToken);
        return Read<GetFunctionResponse>(response).Configuration ?? new FunctionConfiguration { FunctionName = functionName };
    }

    public async Task<FunctionConfiguration> GetFunctionConfigurationAsync(string functionName, string? qualifier, CancellationToken cancellationToken)
    {
        var query = qualifier is null ? [] : new[] { KeyValuePair.Create("Qualifier", qualifier) };
        var response = await SendAsync("GetFunctionConfiguration", functionName, AwsHttpRequest.Get(Function(functionName) + "/configuration", query), cancellationToken);
        return Read<FunctionConfiguration>(response);
    }

    public async Task<FunctionConfiguration> UpdateFunctionCodeAsync(string functionName, S3CodeLocation code, string? revisionId, CancellationToken cancellationToken)
    {
        var body = new UpdateFunctionCodeBody(code.Bucket, code.Key, code.ObjectVersion, revisionId);
        var response = await SendAsync("UpdateFunctionCode", functionName, WithBody(HttpMethod.Put, Function(functionName) + "/code", body), cancellationToken);
        return Read<FunctionConfiguration>(response);
    }

    public async Task<FunctionConfiguration> PublishVersionAsync(string functionName, string codeSha256, string? description, string? revisionId, CancellationToken cancellationToken)
    {
        var body = new PublishVersionBody(codeSha256, description, revisionId);
        var response = await SendAsync("PublishVersion", functionName, WithBody(HttpMethod.Post, Function(functionName) + "/versions", body), cancellationToken);
        return Read<FunctionConfiguration>(response);
    }

    public async Task<FunctionAlias?> GetAliasAsync(string functionName, string alias, CancellationToken cancellationToken)
    {
        try
        {
            var response = await SendAsync("GetAlias", functionName, AwsHttpRequest.Get(Alias(functionName, alias)), cancellationToken);
            return Read<FunctionAlias>(response);
        }
        catch (AwsApiException error) when (error.Code == "ResourceNotFoundException")
        {
            return null;
        }
    }

    public async Task<FunctionAlias> UpdateAliasAsync(string functionName, string alias, string functionVersion, string? revisionId, CancellationToken cancellationToken)
    {
        var body = new UpdateAliasBody(functionVersion, revisionId);
        var response = await SendAsync("UpdateAlias", functionName, WithBody(HttpMethod.Put, Alias(functionName, alias), body), cancellationToken);
        return Read<FunctionAlias>(response);
    }

    public async Task<FunctionAlias> CreateAliasAsync(string functionName, string alias, string functionVersion, string? description, CancellationToken cancellationToken)
    {
        var body = new CreateAliasBody(alias, functionVersion, description);
        var response = await SendAsync("CreateAlias", functionName, WithBody(HttpMethod.Post, Function(functionName) + "/aliases", body), cancellationToken);
        return Read<FunctionAlias>(response);
    }

    private Task<AwsHttpResponse> SendAsync(string operation, string functionName, AwsHttpRequest request, CancellationToken cancellationToken) =>
        _sender.SendAsync(new AwsCall("lambda", operation, Region, functionName), request, cancellationToken);

    private static string Function(string functionName) => $"{ApiVersion}/functions/{AwsHttpRequest.Label(functionName)}";

    private static string Alias(string functionName, string alias) => $"{Function(functionName)}/aliases/{AwsHttpRequest.Label(alias)}";

    private static AwsHttpRequest WithBody<T>(HttpMethod method, string path, T body) =>
        new(method, path, [], JsonSerializer.SerializeToUtf8Bytes(body, Wire), Json);

    private static T Read<T>(AwsHttpResponse response) =>
        JsonSerializer.Deserialize<T>(response.Body, Wire) ?? throw new AwsAccessException($"Lambda returned an empty body where a {typeof(T).Name} was expected: check the Lambda endpoint ({response.Status}).");

    private sealed record GetFunctionResponse(FunctionConfiguration? Configuration);

    private sealed record UpdateFunctionCodeBody(string S3Bucket, string S3Key, string? S3ObjectVersion, string? RevisionId);

    private sealed record PublishVersionBody(string CodeSha256, string? Description, string? RevisionId);

    private sealed record UpdateAliasBody(string FunctionVersion, string? RevisionId);

    private sealed record CreateAliasBody(string Name, string FunctionVersion, string? Description);

    public void Dispose() => _sender.Dispose();
}
