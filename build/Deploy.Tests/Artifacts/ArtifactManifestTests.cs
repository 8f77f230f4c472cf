using System.Security.Cryptography;
using System.Text;
using Deploy.Artifacts;

namespace Deploy.Tests.Artifacts;

public sealed class ArtifactManifestTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();

    private static ManifestArtifact Artifact(string name, string kind, string content)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(content));
        return new ManifestArtifact(name, kind, name + ".zip", content.Length, Convert.ToHexStringLower(digest), Convert.ToBase64String(digest));
    }

    private static ArtifactManifest Manifest(params ManifestArtifact[] artifacts) =>
        new("1.2.3", "1.2.3+Branch.main.Sha.abc", "abc1234def5678", "main", artifacts);

    [Fact]
    public void The_bytes_are_exactly_the_agreed_shape()
    {
        var site = Artifact("site", "site", "site-bytes");
        var form = Artifact("contact-form", "function", "form-bytes");
        var text = Encoding.UTF8.GetString(ArtifactManifestFile.Serialize(Manifest(site, form)));
        Assert.Equal($$"""
            {
              "version": "1.2.3",
              "informationalVersion": "1.2.3+Branch.main.Sha.abc",
              "commit": "abc1234def5678",
              "branch": "main",
              "artifacts": [
                {
                  "name": "contact-form",
                  "kind": "function",
                  "path": "contact-form.zip",
                  "size": 10,
                  "sha256": "{{form.Sha256}}",
                  "codeSha256": "{{form.CodeSha256}}"
                },
                {
                  "name": "site",
                  "kind": "site",
                  "path": "site.zip",
                  "size": 10,
                  "sha256": "{{site.Sha256}}",
                  "codeSha256": "{{site.CodeSha256}}"
                }
              ]
            }

            """.Replace("\r\n", "\n"), text);
    }

    [Fact]
    public void Identical_inputs_in_any_order_give_identical_bytes_and_read_back_equal()
    {
        var a = Artifact("mail-forwarder", "function", "m");
        var b = Artifact("contact-form", "function", "c");
        var first = ArtifactManifestFile.Serialize(Manifest(a, b));
        Assert.Equal(first, ArtifactManifestFile.Serialize(Manifest(b, a)));
        var path = _scratch.Path("manifest.json");
        ArtifactManifestFile.Write(path, Manifest(a, b));
        Assert.Equal(first, File.ReadAllBytes(path));
        var read = ArtifactManifestFile.Read(path);
        Assert.Equal(new[] { b, a }, read.Artifacts);
        Assert.Equal("main", read.Branch);
    }

    [Fact]
    public async Task Hashes_of_a_file_give_hex_and_lambdas_base64_of_the_same_digest()
    {
        var file = _scratch.Write("fn.zip", "zip-bytes");
        var artifact = await ManifestArtifact.OfFileAsync("fn", "function", _scratch.Root, "fn.zip", CancellationToken.None);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes("zip-bytes"));
        Assert.Equal(9, artifact.Size);
        Assert.Equal(Convert.ToHexStringLower(digest), artifact.Sha256);
        Assert.Equal(Convert.ToBase64String(digest), artifact.CodeSha256);
        Assert.Equal(file, artifact.FullPath(_scratch.Root));
    }

    [Theory]
    [InlineData("\"kind\": \"function\"", "\"kind\": \"lambda\"", "kind 'lambda'")]
    [InlineData("\"size\": 1", "\"size\": \"big\"", "size is missing")]
    [InlineData("\"path\": \"fn.zip\"", "\"path\": \"../fn.zip\"", "outside the artifacts folder")]
    [InlineData("\"branch\": \"main\",", "", "branch is missing")]
    public void A_broken_manifest_is_a_one_line_error_naming_the_field(string good, string bad, string expected)
    {
        var valid = Encoding.UTF8.GetString(ArtifactManifestFile.Serialize(Manifest(Artifact("fn", "function", "x"))));
        Assert.Contains(good, valid);
        var error = Assert.Throws<ArtifactException>(() => ArtifactManifestFile.Parse(valid.Replace(good, bad), "artifacts/manifest.json"));
        Assert.Contains(expected, error.Message);
        Assert.StartsWith("artifacts/manifest.json", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Hashes_of_different_contents_are_refused()
    {
        var mixed = Artifact("fn", "function", "x") with { CodeSha256 = Artifact("fn", "function", "y").CodeSha256 };
        var json = Encoding.UTF8.GetString(ArtifactManifestFile.Serialize(Manifest(mixed)));
        Assert.Contains("different contents", Assert.Throws<ArtifactException>(() => ArtifactManifestFile.Parse(json, "m")).Message);
        Assert.Throws<ArtifactException>(() => ArtifactManifestFile.Write(_scratch.Path("manifest.json"), Manifest(mixed)));
        Assert.False(File.Exists(_scratch.Path("manifest.json")));
    }

    public void Dispose() => _scratch.Dispose();
}
