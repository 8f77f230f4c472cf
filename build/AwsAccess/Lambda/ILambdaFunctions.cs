namespace AwsAccess;

/// <summary>The Lambda operations a deploy uses, for one region.</summary>
public interface ILambdaFunctions
{
    string Region { get; }

    Task<FunctionConfiguration> GetFunctionAsync(string functionName, CancellationToken cancellationToken);

    Task<FunctionConfiguration> GetFunctionConfigurationAsync(string functionName, string? qualifier, CancellationToken cancellationToken);

    Task<FunctionConfiguration> UpdateFunctionCodeAsync(string functionName, S3CodeLocation code, string? revisionId, CancellationToken cancellationToken);

    /// <summary>Publishes $LATEST; Lambda refuses when <paramref name="codeSha256"/> no longer matches (someone else updated it).</summary>
    Task<FunctionConfiguration> PublishVersionAsync(string functionName, string codeSha256, string? description, string? revisionId, CancellationToken cancellationToken);

    /// <summary>The alias, or null when Lambda answers ResourceNotFoundException.</summary>
    Task<FunctionAlias?> GetAliasAsync(string functionName, string alias, CancellationToken cancellationToken);

    Task<FunctionAlias> UpdateAliasAsync(string functionName, string alias, string functionVersion, string? revisionId, CancellationToken cancellationToken);

    Task<FunctionAlias> CreateAliasAsync(string functionName, string alias, string functionVersion, string? description, CancellationToken cancellationToken);
}
