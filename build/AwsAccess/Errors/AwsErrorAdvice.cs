using System.Net;
using System.Text.RegularExpressions;

namespace AwsAccess;

/// <summary>Turns an AWS error into one line that names the problem and the fix.</summary>
public static class AwsErrorAdvice
{
    public static string Describe(AwsCall call, HttpStatusCode status, string code, string awsMessage)
    {
        var what = call.Resource ?? "(unnamed)";
        var detail = $"{call.Service} {call.Operation} in {call.Region}: {(int)status} {code}";
        var fix = code switch
        {
            "ResourceNotFoundException" when call.Service == "lambda" =>
                $"Lambda function {what} not found in {call.Region}: create it (infra) or fix its functionName/region in infra/environments.json",
            "PreconditionFailedException" or "ResourceConflictException" when call.Service == "lambda" =>
                $"Lambda function {what} in {call.Region} changed or is busy with another update (is another deploy running?): wait for it, then deploy again",
            "NoSuchBucket" =>
                $"S3 bucket {what} does not exist in {call.Region}: create it (infra) or fix the bucket name in infra/environments.json",
            "NoSuchDistribution" =>
                $"CloudFront distribution {what} does not exist: fix site.distributionId in infra/environments.json",
            "ResourceNotFoundException" when call.Service == "cloudfront-keyvaluestore" =>
                $"KeyValueStore {what} not found (or the key asked for is not in it): fix site.keyValueStoreArn in infra/environments.json (static-site's key_value_store_arn output)",
            "NotFoundException" when call.Service == "kms" =>
                $"KMS key {what} not found in {call.Region}: create it (infra) or fix the artifact store's kmsKey for {call.Region} in infra/environments.json",
            "AccessDenied" or "AccessDeniedException" when call.Operation == "AssumeRole" =>
                $"Role {what} is not assumable by this identity: its trust policy must allow sts:AssumeRole for your identity's role ARN (see `aws sts get-caller-identity`)",
            "ExpiredToken" or "ExpiredTokenException" or "RequestExpired" or "TokenRefreshRequired" =>
                "AWS credentials have expired: refresh them (aws sso login --profile <name>, or new session keys) and run again",
            "InvalidClientTokenId" or "UnrecognizedClientException" or "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "IncompleteSignature" =>
                "AWS rejected the credentials: check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or --aws-profile, and the clock",
            "AccessDenied" or "AccessDeniedException" or "AuthorizationError" or "Forbidden" =>
                $"Access denied to {what}: grant the calling role {DeniedAction(call, awsMessage)} on it (infra)",
            _ when AwsRetryableErrors.IsRetryable(status, code) =>
                $"AWS kept failing after retries on {what}: try again later",
            _ => $"request about {what} was refused",
        };
        var message = OneLine(awsMessage);
        return message.Length == 0 ? $"{fix} ({detail})." : $"{fix} ({detail}: {message}).";
    }

    /// <summary>The IAM action AWS names in the refusal (ListObjectsV2 is authorized as s3:ListBucket), else the operation.</summary>
    private static string DeniedAction(AwsCall call, string awsMessage)
    {
        var named = Regex.Match(awsMessage, @"perform: ([a-z0-9-]+:[A-Za-z0-9*]+)");
        return named.Success ? named.Groups[1].Value : $"{call.Service}:{call.Operation}";
    }

    private static string OneLine(string text)
    {
        var flat = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim().TrimEnd('.');
        return flat.Length > 300 ? flat[..300] + "…" : flat;
    }
}
