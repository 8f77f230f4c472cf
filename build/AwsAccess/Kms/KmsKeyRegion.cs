namespace AwsAccess;

/// <summary>A KMS key encrypts only in its own region: a store in region A cannot use a key from region B.</summary>
public static class KmsKeyRegion
{
    /// <summary>The region in a KMS ARN (arn:aws:kms:REGION:account:key/… or :alias/…), or null for ids and aliases.</summary>
    public static string? Of(string keyIdAliasOrArn)
    {
        var parts = keyIdAliasOrArn.Split(':');
        return parts.Length >= 6 && parts[0] == "arn" && parts[2] == "kms" ? parts[3] : null;
    }

    public static void EnsureMatches(string region, string keyArnOrId, string configured)
    {
        var keyRegion = Of(keyArnOrId);
        if (keyRegion is not null && keyRegion != region)
        {
            throw new AwsAccessException(
                $"KMS key {configured} is in {keyRegion}, but the artifact store is in {region}: use a key from {region} for that store in infra/environments.json.");
        }
    }
}
