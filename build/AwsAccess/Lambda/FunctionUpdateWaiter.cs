namespace AwsAccess;

/// <summary>
/// Waits until a function has finished applying an update (LastUpdateStatus leaves InProgress and State
/// leaves Pending), like the SDKs' function_updated_v2 waiter.
/// </summary>
public static class FunctionUpdateWaiter
{
    /// <summary>Waits for the update to settle and fails with Lambda's reason when it Failed.</summary>
    public static async Task<FunctionConfiguration> WaitForSuccessAsync(ILambdaFunctions lambda, string functionName, TimeSpan pollInterval, TimeSpan timeout,
        CancellationToken cancellationToken, TimeProvider? clock = null)
    {
        var configuration = await WaitUntilSettledAsync(lambda, functionName, pollInterval, timeout, cancellationToken, clock);
        if (configuration.LastUpdateStatus == "Failed" || configuration.State == "Failed")
        {
            var reason = configuration.LastUpdateStatusReason ?? configuration.StateReason ?? "no reason given";
            var code = configuration.LastUpdateStatusReasonCode ?? configuration.StateReasonCode;
            throw new AwsAccessException(
                $"Lambda function {functionName} in {lambda.Region} failed to apply the new code: {reason}{(code is null ? "" : $" ({code})")}: fix the package (handler index.mjs, runtime nodejs20.x, size) and deploy again.");
        }
        return configuration;
    }

    /// <summary>Waits until no update is running, whatever its outcome (a failed earlier update does not block a new one).</summary>
    public static async Task<FunctionConfiguration> WaitUntilSettledAsync(ILambdaFunctions lambda, string functionName, TimeSpan pollInterval, TimeSpan timeout,
        CancellationToken cancellationToken, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        var deadline = clock.GetUtcNow() + timeout;
        while (true)
        {
            var configuration = await lambda.GetFunctionConfigurationAsync(functionName, null, cancellationToken);
            if (configuration.LastUpdateStatus is not "InProgress" && configuration.State is not "Pending") return configuration;
            if (clock.GetUtcNow() >= deadline)
            {
                throw new AwsAccessException(
                    $"Lambda function {functionName} in {lambda.Region} is still updating after {timeout.TotalSeconds:0}s: check it in the Lambda console, then deploy again.");
            }
            await Task.Delay(pollInterval, clock, cancellationToken);
        }
    }
}
