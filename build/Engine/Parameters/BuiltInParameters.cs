namespace BuildGraph;

/// <summary>Options every build understands; reflected like the build's own parameters.</summary>
internal sealed class BuiltInParameters
{
    [Parameter("Show usage, targets and parameters.")]
    public bool Help;

    [Parameter("Write the target graph to .nuke/temp/plan.html instead of running.")]
    public bool Plan;

    [Parameter("Targets to run (also positional).")]
    public string[]? Target;

    [Parameter("Targets to skip (never an invoked one) with the dependencies only they need; alone: every target not invoked.")]
    public string[]? Skip;

    [Parameter("Run independent targets concurrently.")]
    public bool Parallel;

    [Parameter("Run incremental targets even when up to date.")]
    public bool Force;

    [Parameter("Also read .nuke/parameters.<profile>.json (later profiles win).")]
    public string[]? Profile;

    [Parameter("Logging verbosity.")]
    public Verbosity Verbosity = Verbosity.Normal;

    [Parameter("Root directory (default: the nearest folder containing .nuke/).")]
    public AbsolutePath? Root;

    [Parameter("Do not print the start banner.")]
    public bool NoLogo;

    /// <summary>Options that only make sense for one invocation: never read from the environment.</summary>
    public static bool IsInvocationOnly(ParameterMember member) =>
        member.IsBuiltIn && member.MemberName is nameof(Help) or nameof(Plan);

    /// <summary>Not read from parameters*.json (nor in the schema): they decide which files are read or whether anything runs.</summary>
    public static bool IsExcludedFromParameterFiles(ParameterMember member) => member.IsBuiltIn &&
        member.MemberName is nameof(Help) or nameof(Plan) or nameof(Root) or nameof(Profile);
}
