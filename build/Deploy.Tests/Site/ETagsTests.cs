using Deploy.Site;

namespace Deploy.Tests.Site;

public class ETagsTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("etags-").FullName;
    static readonly MultipartSettings FiveMiB = new(Threshold: 5 * 1024 * 1024, PartSize: 5 * 1024 * 1024);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    string Write(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++) bytes[i] = (byte)((i * 7 + 3) % 256);
        var path = Path.Combine(folder, $"f{length}.bin");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    // Expected values computed independently with Python's hashlib:
    // md5(b''.join(md5(part).digest() for part in parts)).hexdigest() + '-' + str(len(parts))
    [Fact]
    public async Task Multipart_etag_matches_an_independent_calculation()
    {
        var etags = await ETags.ComputeAsync(Write(12 * 1024 * 1024 + 123), FiveMiB);
        Assert.Equal("f6d847954a38122d5c2afb10f0bf372d", etags.Md5);
        Assert.Equal("13e3f330d4d2627456c4ac645e62fe27-3", etags.Multipart);
        Assert.Equal(etags.Multipart, etags.Expected);
    }

    [Fact]
    public async Task A_size_of_exact_parts_has_no_empty_trailing_part()
    {
        var etags = await ETags.ComputeAsync(Write(10 * 1024 * 1024), FiveMiB);
        Assert.Equal("c18b88fa916ce800278a3073ec63002b-2", etags.Multipart);
    }

    [Fact]
    public async Task Files_below_the_threshold_have_only_an_md5()
    {
        var etags = await ETags.ComputeAsync(Write(3), FiveMiB);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(new byte[] { 3, 10, 17 })), etags.Md5);
        Assert.Null(etags.Multipart);
    }

    [Fact]
    public void Matching_accepts_quotes_case_and_either_form()
    {
        var etags = new FileETags("f6d847954a38122d5c2afb10f0bf372d", "13e3f330d4d2627456c4ac645e62fe27-3");
        Assert.True(etags.Matches("\"F6D847954A38122D5C2AFB10F0BF372D\""));
        Assert.True(etags.Matches("\"13e3f330d4d2627456c4ac645e62fe27-3\""));
        Assert.False(etags.Matches("13e3f330d4d2627456c4ac645e62fe27-2"));
        Assert.False(etags.Matches(null));
    }

    [Fact]
    public void Default_part_size_is_the_aws_cli_one()
    {
        Assert.Equal(8 * 1024 * 1024, MultipartSettings.Default.PartSize);
        Assert.Equal(3, MultipartSettings.Default.PartCount(16 * 1024 * 1024 + 1));
    }
}
