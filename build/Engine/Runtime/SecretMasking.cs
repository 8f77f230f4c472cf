namespace BuildGraph;

/// <summary>Secrets registered here are written as "****" in every line the build writes afterwards.</summary>
public static class SecretMasking
{
    public static void Register(string secret) => (BuildContext.Current?.Masker ?? SecretMasker.Process).Add(secret);
}
