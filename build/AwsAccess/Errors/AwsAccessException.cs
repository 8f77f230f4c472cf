namespace AwsAccess;

/// <summary>
/// A failure talking to AWS whose message is ONE line naming the problem and the fix;
/// callers print <see cref="Exception.Message"/> as is.
/// </summary>
public class AwsAccessException : Exception
{
    public AwsAccessException(string oneLine, Exception? inner = null) : base(oneLine, inner) { }
}
