namespace Deploy.Site;

/// <summary>Invalidates CDN paths and returns once the CDN no longer serves the old content.</summary>
public interface ISiteInvalidator
{
    Task InvalidateAsync(IReadOnlyList<string> paths, string callerReference, CancellationToken cancellationToken);
}
