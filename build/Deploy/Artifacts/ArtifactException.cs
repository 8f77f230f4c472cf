namespace Deploy.Artifacts;

/// <summary>A packaging or artifact-store problem; the message is one line naming the problem and the fix.</summary>
public sealed class ArtifactException(string oneLine, Exception? inner = null) : Exception(oneLine, inner);
