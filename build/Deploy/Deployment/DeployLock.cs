using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Deploy.Site;

namespace Deploy.Deployment;

/// <summary>Who holds a site's deploy lock, and until when (renewed while the deploy runs).</summary>
public sealed record LockHolder(string DeployId, string Version, string Host, int ProcessId, DateTimeOffset ProcessStartedAt, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt)
{
    /// <summary>This process as a holder.</summary>
    public static LockHolder ThisProcess(string deployId, string version, DateTimeOffset now, TimeSpan lease)
    {
        using var self = Process.GetCurrentProcess();
        return new(deployId, version, Environment.MachineName, Environment.ProcessId, self.StartTime.ToUniversalTime(), now, now + lease);
    }

    /// <summary>A holder on this machine whose process is gone (killed, crashed): its lock frees at once, not only when the lease ends.</summary>
    public bool IsDeadProcessOnThisHost()
    {
        if (Host != Environment.MachineName) return false;
        try
        {
            using var process = Process.GetProcessById(ProcessId);
            return process.HasExited || Math.Abs((process.StartTime.ToUniversalTime() - ProcessStartedAt).TotalSeconds) > 1; // the id was reused
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
    }
}

/// <summary>
/// One deploy at a time per site: a lease object (_deploy/lock.json) in the site bucket, created with S3's conditional
/// write If-None-Match: * (of two deploys started together exactly one creates it), renewed with If-Match while the
/// deploy runs and deleted at its end. A second deploy is refused in one line naming the holder; a lock whose lease has
/// ended, or whose holder's process is gone from this machine, is taken over (If-Match, so only one taker wins).
/// The state object is written conditionally too (SiteSync), so a deploy that lost its lease cannot record a stale plan.
/// </summary>
public sealed class DeployLock : IAsyncDisposable
{
    public const string Key = DeployState.Prefix + "lock.json";

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    readonly IAmazonS3 s3;
    readonly bool useChunkEncoding;
    readonly string bucket;
    readonly TimeSpan lease;
    readonly TimeProvider clock;
    readonly CancellationTokenSource stop = new();
    LockHolder holder;
    string etag;
    Task? renewals;

    DeployLock(IAmazonS3 s3, bool useChunkEncoding, string bucket, TimeSpan lease, TimeProvider clock, LockHolder holder, string etag)
    {
        (this.s3, this.useChunkEncoding, this.bucket, this.lease, this.clock, this.holder, this.etag) = (s3, useChunkEncoding, bucket, lease, clock, holder, etag);
    }

    /// <summary>True once a renewal found the lock taken over (the lease ran out): the state write will then be refused.</summary>
    public bool Lost { get; private set; }

    public static async Task<DeployLock> AcquireAsync(IAmazonS3 s3, bool useChunkEncoding, string bucket, string deployId, string version, TimeSpan lease,
        CancellationToken cancellationToken, TimeProvider? time = null)
    {
        var clock = time ?? TimeProvider.System;
        var me = LockHolder.ThisProcess(deployId, version, clock.GetUtcNow(), lease);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await TryPutAsync(s3, useChunkEncoding, bucket, me, ifMatch: null, cancellationToken) is { } created)
                return Started(new DeployLock(s3, useChunkEncoding, bucket, lease, clock, me, created));
            if (await ReadAsync(s3, bucket, cancellationToken) is not { } current)
                continue; // released in between: try to create it again
            var (other, otherETag) = current;
            // Our own write, whose answer was lost and whose retry the condition refused.
            if (other is not null && other.DeployId == me.DeployId && other.ProcessId == me.ProcessId && other.Host == me.Host)
                return Started(new DeployLock(s3, useChunkEncoding, bucket, lease, clock, other, otherETag));
            if (other is not null && other.ExpiresAt > clock.GetUtcNow() && !other.IsDeadProcessOnThisHost())
                throw new DeployLockedException(Refusal(bucket, other));
            // Expired, abandoned or unreadable: take it over, unless another deploy does so first.
            if (await TryPutAsync(s3, useChunkEncoding, bucket, me, otherETag, cancellationToken) is { } taken)
                return Started(new DeployLock(s3, useChunkEncoding, bucket, lease, clock, me, taken));
        }
        var last = await ReadAsync(s3, bucket, cancellationToken);
        throw new DeployLockedException(last?.Holder is { } h ? Refusal(bucket, h)
            : $"s3://{bucket}/{Key} keeps changing hands; fix: let the other deploys finish, then deploy again");
    }

    static DeployLock Started(DeployLock deployLock)
    {
        deployLock.renewals = deployLock.RenewWhileHeldAsync();
        return deployLock;
    }

    static string Refusal(string bucket, LockHolder other) =>
        $"another deploy (version {other.Version}, {other.DeployId}, on {other.Host} pid {other.ProcessId}) holds s3://{bucket}/{Key} " +
        $"since {other.AcquiredAt:HH:mm:ss} UTC; fix: wait for it to finish and deploy again (a deploy that died frees the lock when its lease ends at {other.ExpiresAt:HH:mm:ss} UTC)";

    async Task RenewWhileHeldAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(lease / 3, clock, stop.Token);
                var renewed = holder with { ExpiresAt = clock.GetUtcNow() + lease };
                if (await TryPutAsync(s3, useChunkEncoding, bucket, renewed, etag, stop.Token) is { } next)
                    (holder, etag) = (renewed, next);
                else if (await ReadAsync(s3, bucket, stop.Token) is ({ } current, var currentETag) && current == renewed)
                    (holder, etag) = (renewed, currentETag); // our renewal landed; only its answer was lost
                else
                {
                    Lost = true;
                    return;
                }
            }
        }
        catch (OperationCanceledException) { }
        catch (AmazonServiceException) { } // a missed renewal: the next one, or the conditional state write, decides
        catch (HttpRequestException) { }
    }

    /// <summary>Stops renewing and deletes the lock if it is still ours.</summary>
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (renewals is not null) await renewals;
        stop.Dispose();
        if (Lost) return;
        try
        {
            await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = Key, IfMatch = etag });
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound) { }
    }

    /// <summary>The new ETag, or null when the condition failed (someone else's lock is there).</summary>
    static async Task<string?> TryPutAsync(IAmazonS3 s3, bool useChunkEncoding, string bucket, LockHolder holder, string? ifMatch, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = Key,
            InputStream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(holder, Json)),
            ContentType = "application/json; charset=utf-8",
            UseChunkEncoding = useChunkEncoding,
        };
        request.Headers.CacheControl = "no-store";
        if (ifMatch is null) request.IfNoneMatch = "*";
        else request.IfMatch = ifMatch;
        try
        {
            return (await s3.PutObjectAsync(request, cancellationToken)).ETag;
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The current lock and its ETag; null when there is none. An unreadable lock has a null holder (taken over).</summary>
    static async Task<(LockHolder? Holder, string ETag)?> ReadAsync(IAmazonS3 s3, string bucket, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(bucket, Key, cancellationToken);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
            try
            {
                return (JsonSerializer.Deserialize<LockHolder>(buffer.ToArray(), Json), response.ETag);
            }
            catch (JsonException)
            {
                return (null, response.ETag);
            }
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}

/// <summary>Another deploy holds the site's lock; the message names it and when it frees.</summary>
public sealed class DeployLockedException(string message) : Exception(message);
