using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace AwsAccess;

/// <summary>
/// The retry pipeline every hand-built AWS call runs in. The timeout sits inside the retry so each
/// attempt has its own deadline, and signing happens inside the attempt so a retry gets a fresh signature.
/// </summary>
public static class AwsResilience
{
    public static ResiliencePipeline Build(RetryOptions options) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<AwsApiException>(error => error.IsRetryable)
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = Math.Max(0, options.MaxAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
}
