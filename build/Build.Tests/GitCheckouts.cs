namespace BuildTests;

/// <summary>Small git histories as CI hosts present them: a workstation clone, CodeBuild's detached full clone.</summary>
static class GitCheckouts
{
    /// <summary>A repository with master (one commit) and develop (two commits ahead), develop checked out.</summary>
    public static string Workstation(TemporaryDirectory dir)
    {
        var repo = dir.Combine("work");
        Directory.CreateDirectory(repo);
        Shell.Git(repo, "init", "-q", "-b", "master");
        dir.Write("work/README.md", "hello\n");
        Shell.Git(repo, "add", ".");
        Shell.Git(repo, "commit", "-q", "-m", "first");
        Shell.Git(repo, "checkout", "-q", "-b", "develop");
        dir.Write("work/post.md", "a post\n");
        Shell.Git(repo, "add", ".");
        Shell.Git(repo, "commit", "-q", "-m", "second");
        dir.Write("work/post.md", "a better post\n");
        Shell.Git(repo, "commit", "-q", "-am", "third");
        return repo;
    }

    /// <summary>
    /// What CodeBuild leaves for a CodeCommit full clone: a clone of origin with HEAD detached at the
    /// pipeline's commit and no local branch for it.
    /// </summary>
    public static string CodeBuildFullClone(TemporaryDirectory dir, string branch)
    {
        var work = Workstation(dir);
        var origin = dir.Combine("origin.git");
        Shell.Git(dir.Path, "clone", "-q", "--bare", work, origin);
        var clone = dir.Combine("src");
        Shell.Git(dir.Path, "clone", "-q", origin, clone);
        Shell.Git(clone, "checkout", "-q", "--detach", $"origin/{branch}");
        foreach (var local in Shell.Git(clone, "for-each-ref", "--format=%(refname:short)", "refs/heads").Split('\n', StringSplitOptions.RemoveEmptyEntries))
            Shell.Git(clone, "branch", "-q", "-D", local);
        return clone;
    }
}
