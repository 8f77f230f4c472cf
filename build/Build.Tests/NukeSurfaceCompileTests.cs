using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit.Abstractions;

namespace BuildTests;

/// <summary>
/// Compiles the build's own files (what _build.csproj compiles) with Roslyn against the engine split in two: its
/// Nuke-named surface (build/Engine without Extensions/) and BuildGraph.Extensions (Extensions/ alone, as its own
/// assembly). What the build takes from the surface must be a Nuke 10.1 member (the list below, each checked against
/// Nuke's source and in build/Engine/README.md's table); what it takes from the extensions must come through
/// <c>using BuildGraph.Extensions;</c>, so moving to Nuke.Common only swaps <c>using BuildGraph;</c>.
/// </summary>
public sealed class NukeSurfaceCompileTests(ITestOutputHelper output)
{
    /// <summary>The engine members the build uses, each a Nuke 10.1 member of the same name and shape (Nuke.Common,
    /// Nuke.Common.IO, Nuke.Common.Execution). A new one fails this test until it is checked against Nuke and listed.</summary>
    static readonly string[] NukeMembers =
    [
        // Nuke.Common.IO: AbsolutePath's operators (string → AbsolutePath is implicit in Nuke, so the build's casts compile),
        // FileExists/DirectoryExists (Nuke's extension methods), GetRelativePathTo (Nuke returns RelativePath; used in text).
        "AbsolutePath", "AbsolutePath.op_Division", "AbsolutePath.op_Explicit", "AbsolutePath.op_Implicit",
        "AbsolutePath.DirectoryExists", "AbsolutePath.FileExists", "AbsolutePath.GetRelativePathTo",
        // Nuke.Common.Utilities.Collections: AddPair (both of Nuke's overloads).
        "DictionaryExtensions.AddPair",
        // Nuke.Common: ITargetDefinition, DependencyBehavior, NukeBuild, Target, [Parameter].
        "DependencyBehavior", "DependencyBehavior.Skip",
        "ITargetDefinition.After", "ITargetDefinition.Before", "ITargetDefinition.DependsOn", "ITargetDefinition.Description",
        "ITargetDefinition.Executes", "ITargetDefinition.OnlyWhenDynamic", "ITargetDefinition.OnlyWhenStatic",
        "ITargetDefinition.ProceedAfterFailure", "ITargetDefinition.Requires", "ITargetDefinition.Unlisted", "ITargetDefinition.WhenSkipped",
        "NukeBuild", "NukeBuild.Execute", "NukeBuild.IsServerBuild", "NukeBuild.IsSucceeding", "NukeBuild.ReportSummary",
        "NukeBuild.RootDirectory", "NukeBuild.TemporaryDirectory",
        "ParameterAttribute..ctor", "Target",
    ];

    static readonly string Root = RepositoryRoot.Path;

    /// <summary>The engine as two assemblies: the Nuke surface (build/Engine without Extensions/) and the extensions on top
    /// (which may use the surface's internals, as they do inside one assembly today).</summary>
    static readonly Lazy<(List<MetadataReference> References, CSharpCompilation Surface, CSharpCompilation Extensions)> Split = new(() =>
    {
        var references = FrameworkAndPackageReferences();
        var surface = Compile("BuildGraph.Engine",
            [.. Sources(Path.Combine(Root, "build", "Engine")).Where(f => !IsUnder(f, "build/Engine/Extensions")).Select(Parse),
             Parse("[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"BuildGraph.Extensions\")]", "ivt.cs")], references);
        var extensions = Compile("BuildGraph.Extensions", Sources(Path.Combine(Root, "build", "Engine", "Extensions")).Select(Parse),
            [.. references, surface.ToMetadataReference()]);
        return (references, surface, extensions);
    });

    [Fact]
    public void The_build_compiles_against_the_Nuke_surface_and_takes_extras_only_through_the_extensions_using()
    {
        var (references, surface, extensions) = Split.Value;
        AssertNoErrors(surface, "the engine's Nuke surface alone (build/Engine without Extensions/)");
        AssertNoErrors(extensions, "BuildGraph.Extensions on top of the surface");
        var outsideNamespace = PublicTypes(extensions.Assembly.GlobalNamespace).Where(t => !t.ContainingNamespace.ToDisplayString().StartsWith("BuildGraph.Extensions", StringComparison.Ordinal)).ToList();
        Assert.True(outsideNamespace.Count == 0, $"Extension types outside BuildGraph.Extensions: {string.Join(", ", outsideNamespace)}");

        var buildFiles = BuildFiles();
        var build = Compile("_build", buildFiles.Select(Parse), [.. references, surface.ToMetadataReference(), extensions.ToMetadataReference()]);
        AssertNoErrors(build, "the build's files against surface + extensions");

        var engineUses = new SortedSet<string>(StringComparer.Ordinal);
        var extensionLines = new List<string>();
        var withoutUsing = new List<string>();
        foreach (var tree in build.SyntaxTrees)
        {
            var model = build.GetSemanticModel(tree);
            var file = Path.GetRelativePath(Root, tree.FilePath);
            var hasUsing = tree.GetCompilationUnitRoot().Usings.Any(u => u.Alias is null && u.GlobalKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == "BuildGraph.Extensions");
            var lines = new SortedSet<int>();
            foreach (var (line, symbol) in Uses(model, tree))
            {
                if (SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, extensions.Assembly))
                    lines.Add(line);
                else if (SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, surface.Assembly))
                    engineUses.Add(Describe(symbol));
            }
            foreach (var line in lines)
            {
                var text = $"{file}:{line}: {tree.GetText().Lines[line - 1].ToString().Trim()}";
                extensionLines.Add(text);
                if (!hasUsing)
                    withoutUsing.Add(text);
            }
        }

        var notNuke = engineUses.Except(NukeMembers).ToList();
        var usingLines = buildFiles.Sum(f => File.ReadLines(f).Count(l => l.Trim() == "using BuildGraph;"));
        var extensionUsings = buildFiles.Sum(f => File.ReadLines(f).Count(l => l.Trim() == "using BuildGraph.Extensions;"));
        output.WriteLine($"{buildFiles.Count} build files; {engineUses.Count} engine members used; {extensionLines.Count} lines use BuildGraph.Extensions " +
                         $"in files that have its using ({extensionUsings} such usings); for Nuke.Common {usingLines} `using BuildGraph;` lines change and nothing else.");
        foreach (var member in engineUses)
            output.WriteLine("  engine: " + member);
        foreach (var line in extensionLines)
            output.WriteLine("  extension: " + line);

        Assert.True(withoutUsing.Count == 0, "Lines that use BuildGraph.Extensions without `using BuildGraph.Extensions;` in their file:\n" + string.Join("\n", withoutUsing));
        Assert.True(notNuke.Count == 0,
            "The build uses engine members that are not in the checked list of Nuke 10.1 members (check each against Nuke's source, then list it " +
            "here and in build/Engine/README.md, or move it to BuildGraph.Extensions): " + string.Join(", ", notNuke));
        Assert.NotEmpty(extensionLines); // the walk sees extension uses at all (the build has them: Executes(ct => …), Inputs, ToolProcess)
        Assert.Contains("NukeBuild.ReportSummary", engineUses);
    }

    [Fact]
    public void A_line_using_an_extension_in_a_file_without_its_using_is_caught()
    {
        // The same walk on a file that reaches an extension by its full name: the compile test must list it.
        var (references, surface, extensions) = Split.Value;
        var sneaky = Parse("using BuildGraph;\nclass Sneaky : NukeBuild\n{\n    Target A => _ => _.Executes(() => BuildGraph.Extensions.BuildRunExtensions.IsForced(this));\n}\n", "Sneaky.cs");
        var build = Compile("_build", [sneaky], [.. references, surface.ToMetadataReference(), extensions.ToMetadataReference()]);
        AssertNoErrors(build, "the sample");

        var flagged = Uses(build.GetSemanticModel(sneaky), sneaky)
            .Where(use => SymbolEqualityComparer.Default.Equals(use.Symbol.ContainingAssembly, extensions.Assembly))
            .Select(use => use.Line).Distinct().ToList();
        Assert.Equal([4], flagged);
    }

    /// <summary>Every symbol a file's code refers to, by line: names, operators and implicit conversions (not using directives).</summary>
    static IEnumerable<(int Line, ISymbol Symbol)> Uses(SemanticModel model, SyntaxTree tree)
    {
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            if (node.Ancestors().Any(a => a is UsingDirectiveSyntax))
                continue;
            var line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            if (node is SimpleNameSyntax or BinaryExpressionSyntax or CastExpressionSyntax
                && (model.GetSymbolInfo(node).Symbol ?? (node is SimpleNameSyntax ? model.GetTypeInfo(node).Type : null)) is { ContainingAssembly: not null } symbol)
                yield return (line, symbol);
            if (node is ExpressionSyntax expression && model.GetConversion(expression) is { IsUserDefined: true, MethodSymbol: { } conversion })
                yield return (line, conversion);
        }
    }

    static CSharpCompilation Compile(string name, IEnumerable<SyntaxTree> trees, IEnumerable<MetadataReference> references)
    {
        var compilation = CSharpCompilation.Create(name, [.. trees, Parse(ImplicitUsings, "implicit-usings.cs")], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions([new("CS0649", ReportDiagnostic.Suppress), new("CS0169", ReportDiagnostic.Suppress)]));
        CSharpGeneratorDriver.Create([RegexGenerator.Value], parseOptions: ParseOptions).RunGeneratorsAndUpdateCompilation(compilation, out var generated, out _);
        return (CSharpCompilation)generated;
    }

    // [GeneratedRegex] needs the SDK's Regex source generator, as the real build has it: the framework's reference pack ships it.
    static readonly Lazy<ISourceGenerator> RegexGenerator = new(() =>
    {
        var dotnetRoot = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var pack = Directory.GetDirectories(Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref")).OrderBy(d => Version.Parse(Path.GetFileName(d))).Last();
        var assembly = System.Reflection.Assembly.LoadFrom(Path.Combine(pack, "analyzers", "dotnet", "cs", "System.Text.RegularExpressions.Generator.dll"));
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (System.Reflection.ReflectionTypeLoadException partial)
        {
            types = partial.Types; // its code fixers need Roslyn's Workspaces, which a compile does not; the generator loads
        }
        var type = types.OfType<Type>().Single(t => typeof(IIncrementalGenerator).IsAssignableFrom(t) && !t.IsAbstract);
        return ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator();
    });

    // What <ImplicitUsings>enable</ImplicitUsings> adds to every project under build/ (Directory.Build.props).
    const string ImplicitUsings = "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; " +
                                  "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";

    static SyntaxTree Parse(string path) => Parse(File.ReadAllText(path), path);

    // <LangVersion>latest</LangVersion> in Directory.Build.props.
    static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, ParseOptions, path);

    static void AssertNoErrors(CSharpCompilation compilation, string what)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(20).ToList();
        Assert.True(errors.Count == 0, $"Compiling {what} failed:\n{string.Join("\n", errors)}");
    }

    /// <summary>The .NET framework and every package the build uses (the test's own output folder), without the engine and the build.</summary>
    static List<MetadataReference> FrameworkAndPackageReferences()
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var local = Directory.GetFiles(AppContext.BaseDirectory, "*.dll");
        return framework.Concat(local).DistinctBy(Path.GetFileName)
            .Where(f => Path.GetFileName(f) is not ("BuildGraph.Engine.dll" or "_build.dll" or "Build.Tests.dll"))
            .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToList();
    }

    /// <summary>The files _build.csproj compiles: build/**/*.cs minus the folders its DefaultItemExcludes names (and bin/obj).</summary>
    static List<string> BuildFiles()
    {
        var project = XDocument.Load(Path.Combine(Root, "build", "_build.csproj"));
        var excluded = project.Descendants("DefaultItemExcludes").Single().Value.Split(';')
            .Where(e => e.EndsWith("/**", StringComparison.Ordinal)).Select(e => e[..^3]).ToList();
        return Sources(Path.Combine(Root, "build"))
            .Where(f => !excluded.Any(folder => IsUnder(f, "build/" + folder)))
            .ToList();
    }

    static IEnumerable<string> Sources(string folder) =>
        Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules"))
            .Order(StringComparer.Ordinal);

    static bool IsUnder(string file, string folder) =>
        Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/').StartsWith(folder + "/", StringComparison.Ordinal);

    static IEnumerable<INamedTypeSymbol> PublicTypes(INamespaceSymbol ns) =>
        ns.GetTypeMembers().Where(t => t.DeclaredAccessibility == Accessibility.Public)
            .Concat(ns.GetNamespaceMembers().SelectMany(PublicTypes));

    // "NukeBuild.ReportSummary", "AbsolutePath.operator /(AbsolutePath, string)", "Target": how the allow-list names a member.
    static string Describe(ISymbol symbol)
    {
        symbol = symbol is IMethodSymbol { ReducedFrom: { } reduced } ? reduced : symbol;
        symbol = symbol.OriginalDefinition;
        if (symbol is INamedTypeSymbol type)
            return type.IsGenericType ? $"{type.Name}<{string.Join(", ", type.TypeParameters.Select(p => p.Name))}>" : type.Name;
        var owner = symbol.ContainingType?.Name;
        return $"{owner}.{symbol.Name}"; // operators by their metadata names: op_Division, op_Implicit, op_Explicit
    }
}
