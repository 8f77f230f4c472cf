using System.Text.RegularExpressions;

namespace AwsAccess;

/// <summary>Region names go into host names and credential scopes, so only the AWS shape is accepted.</summary>
public static partial class RegionName
{
    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex Shape();

    public static bool IsValid(string? region) => region is not null && Shape().IsMatch(region);

    public static void Validate(string region)
    {
        if (!IsValid(region))
            throw new AwsAccessException($"'{region}' is not an AWS region name: use one like eu-central-1 (check infra/environments.json or AWS_REGION).");
    }
}
