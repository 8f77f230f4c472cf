namespace AwsAccess;

/// <summary>What was being called, so an error can say which function, bucket or key in which region.</summary>
/// <param name="Resource">The function name, bucket, distribution id, key id or role ARN the call was about.</param>
public sealed record AwsCall(string Service, string Operation, string Region, string? Resource = null);
