using System.Text.RegularExpressions;

namespace AwsAccess;

/// <summary>arn:aws:cloudfront::&lt;account&gt;:key-value-store/&lt;id&gt;: the account names the data plane's host.</summary>
public static partial class KeyValueStoreArn
{
    [GeneratedRegex("^arn:aws:cloudfront::(?<account>[0-9]{12}):key-value-store/(?<id>[A-Za-z0-9-]+)$")]
    private static partial Regex Shape();

    /// <summary>The ARN's account id; a one-line error naming the expected shape otherwise.</summary>
    public static string AccountOf(string kvsArn)
    {
        var match = Shape().Match(kvsArn ?? "");
        if (!match.Success)
            throw new AwsAccessException($"'{kvsArn}' is not a KeyValueStore ARN: use arn:aws:cloudfront::<account id>:key-value-store/<id> (the static-site module's key_value_store_arn output).");
        return match.Groups["account"].Value;
    }
}
