namespace BuildGraph.Extensions;

/// <summary>Beyond Nuke: secrets registered here (e.g. a role session's keys) are written as "****" in every line the
/// build writes afterwards, as [Secret] parameter values are.</summary>
public static class SecretMasking
{
    public static void Register(string secret) => (BuildContext.Current?.Masker ?? SecretMasker.Process).Add(secret);
}
