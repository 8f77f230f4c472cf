using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace AwsAccess;

/// <summary>
/// The ECDSA P-256 key SigV4A signs with, derived from an access key pair as AWS publishes it: HMAC-SHA256 keyed
/// with "AWS4A" + secret over a fixed input with a one-byte counter gives a candidate c; the first c ≤ n−2 makes the
/// private key c+1. Anyone who knows the secret (AWS, the local cloud) derives the same key, so no key is exchanged.
/// </summary>
public static class SigV4aKey
{
    public const string Algorithm = "AWS4-ECDSA-P256-SHA256";

    /// <summary>The order n of P-256's base point, big-endian.</summary>
    private static readonly BigInteger Order = BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);

    /// <summary>The 32-byte big-endian private scalar for this key pair.</summary>
    public static byte[] DerivePrivateScalar(string accessKeyId, string secretAccessKey)
    {
        using var hmac = new HMACSHA256(Encoding.ASCII.GetBytes("AWS4A" + secretAccessKey));
        // The counter is one byte and 0 is never used (AWS's reference stops at 254): n−1 or more has probability ~2^-32.
        for (var counter = 1; counter <= 254; counter++)
        {
            var candidate = new BigInteger(hmac.ComputeHash(FixedInput(accessKeyId, (byte)counter)), isUnsigned: true, isBigEndian: true);
            if (candidate > Order - 2) continue;
            return ToScalarBytes(candidate + 1);
        }
        throw new AwsAccessException("No SigV4A key can be derived from these credentials (254 candidates ≥ n−1): use another access key.");
    }

    /// <summary>An ECDSA key holding the derived private scalar (and the public point computed from it).</summary>
    public static ECDsa Derive(string accessKeyId, string secretAccessKey)
    {
        var d = DerivePrivateScalar(accessKeyId, secretAccessKey);
        try
        {
            return ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }
    }

    /// <summary>The public key as SEC1 uncompressed bytes (0x04 ‖ X ‖ Y), to compare with other implementations.</summary>
    public static byte[] PublicKey(ECDsa key)
    {
        var q = key.ExportParameters(includePrivateParameters: false).Q;
        return [0x04, .. q.X!, .. q.Y!];
    }

    /// <summary>0x00000001 ‖ algorithm ‖ 0x00 ‖ access key id ‖ counter ‖ 0x00000100 (256, the output length in bits).</summary>
    private static byte[] FixedInput(string accessKeyId, byte counter) =>
        [0, 0, 0, 1, .. Encoding.ASCII.GetBytes(Algorithm), 0, .. Encoding.ASCII.GetBytes(accessKeyId), counter, 0, 0, 1, 0];

    private static byte[] ToScalarBytes(BigInteger value)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var padded = new byte[32];
        bytes.CopyTo(padded, 32 - bytes.Length);
        return padded;
    }
}
