namespace Deploy.Environments;

/// <summary>infra/environments.json is unusable. The message is one line: file, JSON path, problem and fix.</summary>
public sealed class EnvironmentsFileException(string message) : Exception(message)
{
    public static EnvironmentsFileException At(string file, string jsonPath, string problem, string fix) =>
        new($"{file}: {jsonPath}: {problem}; fix: {fix}");
}
