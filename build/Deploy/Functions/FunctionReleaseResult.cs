namespace Deploy.Functions;

/// <summary>How long to wait for Lambda to apply new code, and how often to look.</summary>
public sealed record FunctionReleaseOptions
{
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan UpdateTimeout { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>What a release did to one function: the alias now points at <paramref name="Version"/>.</summary>
public sealed record FunctionReleaseResult(string Name, string FunctionName, string Region, string Alias, string Version, string? PreviousVersion, bool Skipped);
