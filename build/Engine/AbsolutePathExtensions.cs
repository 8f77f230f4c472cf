using System.Runtime.CompilerServices;

namespace BuildGraph;

/// <summary>Nuke's AbsolutePath helpers that need the caller's expression.</summary>
public static class AbsolutePathExtensions
{
    /// <summary>
    /// As Nuke: whether a file or a directory exists, inferred from how the path is named: an expression ending in
    /// file, executable, exe, script or archive means a file; directory, dir or folder a directory. Anything else
    /// throws: say FileExists() or DirectoryExists().
    /// </summary>
    public static bool Exists(this AbsolutePath path, [CallerArgumentExpression(nameof(path))] string? expression = null)
    {
        var text = expression ?? "";
        if (EndsWithAny(text, "file", "executable", "exe", "script", "archive"))
            return path.FileExists();
        if (EndsWithAny(text, "directory", "dir", "folder"))
            return path.DirectoryExists();
        throw new ArgumentException($"Cannot infer from argument '{text}' if either file or directory must exist: use FileExists() or DirectoryExists().");
    }

    static bool EndsWithAny(string text, params string[] endings) =>
        endings.Any(ending => text.EndsWith(ending, StringComparison.OrdinalIgnoreCase));
}
