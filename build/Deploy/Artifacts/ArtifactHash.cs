using System.Security.Cryptography;

namespace Deploy.Artifacts;

/// <summary>Size and SHA-256 of an artifact, hex (the manifest's sha256) and base64 (what Lambda reports as CodeSha256).</summary>
public sealed record ArtifactHash(long Size, string Sha256, string CodeSha256)
{
    /// <summary>Hashes the file in one streamed pass.</summary>
    public static async Task<ArtifactHash> OfFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var digest = await SHA256.HashDataAsync(file, cancellationToken);
        return new ArtifactHash(file.Length, Convert.ToHexStringLower(digest), Convert.ToBase64String(digest));
    }
}
