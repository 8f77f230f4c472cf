using Deploy.Artifacts;
using Deploy.Tests.Environments;

namespace Deploy.Tests.Artifacts;

public sealed class FunctionPackageLayoutTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();

    private string Package(string packageJson)
    {
        _scratch.Write("fn/package.json", packageJson);
        _scratch.Write("fn/index.mjs", "export const handler = async () => ({ statusCode: 200 });");
        _scratch.Write("fn/src/validate.mjs", "export const ok = 1;");
        _scratch.Write("fn/src/messages.json", "{}");
        _scratch.Write("fn/src/validate.test.mjs", "test");
        _scratch.Write("fn/src/.DS_Store", "x");
        _scratch.Write("fn/test/handler.test.mjs", "test");
        _scratch.Write("fn/test-support/fake-ses.mjs", "helper");
        _scratch.Write("fn/README.md", "# fn");
        _scratch.Write("fn/.eslintrc.json", "{}");
        _scratch.Write("fn/package-lock.json", "{}");
        _scratch.Write("fn/node_modules/.package-lock.json", """
            {"packages": {"node_modules/left-pad": {"version": "1.3.0"},
                          "node_modules/@aws-sdk/client-sesv2": {"version": "3.1.0", "dev": true},
                          "node_modules/mocha": {"version": "10.0.0", "dev": true}}}
            """);
        _scratch.Write("fn/node_modules/.bin/left-pad", "#!/usr/bin/env node");
        _scratch.Write("fn/node_modules/left-pad/index.js", "module.exports = 1;");
        _scratch.Write("fn/node_modules/left-pad/package.json", "{}");
        _scratch.Write("fn/node_modules/left-pad/test/index.js", "kept: a dependency's files are its own business");
        _scratch.Write("fn/node_modules/@aws-sdk/client-sesv2/index.js", "sdk");
        _scratch.Write("fn/node_modules/mocha/index.js", "dev");
        return _scratch.Path("fn");
    }

    private static List<string> Names(string folder) => FunctionPackageLayout.Select(folder).Select(e => e.EntryName).ToList();

    [Fact]
    public void Declared_files_handler_manifest_and_production_modules_are_zipped_nothing_else()
    {
        var names = Names(Package("""{"name":"fn","type":"module","files":["index.mjs","src/"]}"""));
        Assert.Equal([
            "index.mjs", "node_modules/", "node_modules/left-pad/", "node_modules/left-pad/index.js", "node_modules/left-pad/package.json",
            "node_modules/left-pad/test/", "node_modules/left-pad/test/index.js", "package.json", "src/", "src/messages.json", "src/validate.mjs",
        ], names);
    }

    [Fact]
    public void Without_files_the_packages_own_modules_are_its_script_and_json_files()
    {
        var names = Names(Package("""{"name":"fn","type":"module"}"""));
        Assert.Contains("src/validate.mjs", names);
        Assert.Contains("src/messages.json", names);
        Assert.Contains("test-support/fake-ses.mjs", names); // not a test by name: with no "files" list it is a module
        Assert.DoesNotContain("README.md", names);
        Assert.DoesNotContain("package-lock.json", names);
        Assert.DoesNotContain(".eslintrc.json", names);
        Assert.DoesNotContain(names, n => n.StartsWith("test/", StringComparison.Ordinal) || n.Contains(".test.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_package_without_the_handler_or_with_a_files_pattern_is_refused()
    {
        var folder = Package("""{"name":"fn","files":["src/*.mjs"]}""");
        Assert.Contains("pattern 'src/*.mjs'", Assert.Throws<ArtifactException>(() => Names(folder)).Message);
        File.Delete(Path.Combine(folder, "index.mjs"));
        Assert.Contains("index.mjs", Assert.Throws<ArtifactException>(() => Names(folder)).Message);
    }

    [Theory]
    [InlineData("contact-form")]
    [InlineData("mail-forwarder")]
    public void The_real_lambda_packages_zip_without_tests_or_dev_dependencies(string function)
    {
        var folder = Path.Combine(RepositoryFiles.Root, "lambdas", function);
        var names = Names(folder);
        Assert.Contains("index.mjs", names);
        Assert.Contains("package.json", names);
        Assert.Contains(names, n => n.StartsWith("src/", StringComparison.Ordinal) && n.EndsWith(".mjs", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.StartsWith("test", StringComparison.Ordinal) || n.Contains(".test.", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.StartsWith("node_modules/@aws-sdk/", StringComparison.Ordinal)); // the runtime provides the SDK
    }

    [Fact]
    public void The_function_zip_is_byte_identical_across_builds()
    {
        var folder = Package("""{"name":"fn","type":"module","files":["index.mjs","src/"]}""");
        FunctionPackage.CreateZip(folder, _scratch.Path("a.zip"));
        File.SetLastWriteTimeUtc(Path.Combine(folder, "index.mjs"), DateTime.UtcNow.AddHours(5));
        FunctionPackage.CreateZip(folder, _scratch.Path("b.zip"));
        Assert.Equal(File.ReadAllBytes(_scratch.Path("a.zip")), File.ReadAllBytes(_scratch.Path("b.zip")));
        var listing = DeterministicZipTests.Run("unzip", "-l", _scratch.Path("a.zip"));
        Assert.Contains(" index.mjs", listing);
        Assert.DoesNotContain("mocha", listing);
    }

    public void Dispose() => _scratch.Dispose();
}
