namespace Deploy.Releases;

/// <summary>
/// The one switch a release deploy turns: the key value store the viewer-request function reads. Path histories are
/// written before the release is promoted (entries of a release newer than the live one serve nothing yet); promoting
/// is one conditional write of the live release id.
/// </summary>
public interface IReleaseSwitch
{
    /// <summary>The live release id; null when the store has none yet (a bucket deployed in place).</summary>
    Task<int?> LiveAsync(CancellationToken cancellationToken);

    Task WriteHistoriesAsync(IReadOnlyDictionary<string, string> histories, CancellationToken cancellationToken);

    /// <summary>One write: the live id, conditional on the store being as it was read (a concurrent promote fails instead of being lost).</summary>
    Task PromoteAsync(int release, CancellationToken cancellationToken);
}
