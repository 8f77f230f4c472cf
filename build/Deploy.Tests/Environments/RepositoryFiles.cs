namespace Deploy.Tests.Environments;

/// <summary>Finds the repository's real infra/environments.json, so tests exercise the file the build uses.</summary>
static class RepositoryFiles
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "infra", "environments.json")))
                dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root with infra/environments.json not found");
        }
    }

    public static string EnvironmentsJson => Path.Combine(Root, "infra", "environments.json");
    public static string EnvironmentsSchema => Path.Combine(Root, "infra", "environments.schema.json");
}
