namespace Deploy.Artifacts;

/// <summary>Zips a staged function package (see <see cref="FunctionPackageLayout"/>) deterministically.</summary>
public static class FunctionPackage
{
    public static IReadOnlyList<ZipSource> CreateZip(string stagedPackageFolder, string zipPath, ZipOptions? options = null)
    {
        var entries = FunctionPackageLayout.Select(stagedPackageFolder);
        DeterministicZip.Create(entries, zipPath, options);
        return entries;
    }
}
