using Deploy.Site;

namespace Deploy.Tests.Site;

public class LocalSiteTests : IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("local-site-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    void Write(string key, string content)
    {
        var path = Path.Combine(root, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    [Fact]
    public async Task Keys_are_slash_separated_sorted_and_hashed()
    {
        Write("index.html", "<html></html>");
        Write("blog/a/index.html", "a");
        Write("app-0123456789abcdef0123.js", "js");

        var site = await LocalSite.ReadAsync(root, MultipartSettings.Default);

        Assert.Equal(["app-0123456789abcdef0123.js", "blog/a/index.html", "index.html"], site.Files.Select(f => f.Key));
        Assert.Equal("0cc175b9c0f1b6a831c399e269772661", site.Files[1].ETags.Md5); // md5("a")
        Assert.Equal(1, site.Files[1].Size);
        Assert.Equal(16, site.Bytes);
    }

    [Fact]
    public async Task A_local_deploy_state_folder_is_never_part_of_the_site()
    {
        Write("index.html", "x");
        Write("_deploy/state.json", "{}");
        var site = await LocalSite.ReadAsync(root, MultipartSettings.Default);
        Assert.Equal(["index.html"], site.Files.Select(f => f.Key));
    }
}
