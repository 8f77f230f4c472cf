namespace AwsAccess;

/// <summary>Who the credentials belong to (STS GetCallerIdentity).</summary>
public sealed record CallerIdentity(string Account, string Arn, string UserId)
{
    /// <summary>
    /// The IAM role ARN a trust policy must name for this identity: an assumed-role session
    /// arn:aws:sts::A:assumed-role/R/S is the role arn:aws:iam::A:role/R; other ARNs are returned as they are.
    /// </summary>
    public string PrincipalArn
    {
        get
        {
            var parts = Arn.Split(':', 6);
            if (parts.Length == 6 && parts[2] == "sts" && parts[5].StartsWith("assumed-role/", StringComparison.Ordinal))
            {
                var role = parts[5].Split('/')[1];
                return $"arn:{parts[1]}:iam::{parts[4]}:role/{role}";
            }
            return Arn;
        }
    }
}
