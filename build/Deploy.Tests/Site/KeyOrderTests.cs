using System.Text;
using Deploy.Site;

namespace Deploy.Tests.Site;

public class KeyOrderTests
{
    static int Utf8Compare(string a, string b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));

    [Theory]
    [InlineData("a.html", "a/index.html")]
    [InlineData("app.js", "app.js.map")]
    [InlineData("blog/\uE000", "blog/\U0001F600")] // ordinal UTF-16 puts the emoji (a surrogate pair) first; S3 does not
    [InlineData("caf\u00e9", "cafe")]
    [InlineData("x", "x")]
    [InlineData("", "a")]
    public void Keys_compare_as_their_utf8_bytes_do(string a, string b)
    {
        Assert.Equal(Math.Sign(Utf8Compare(a, b)), Math.Sign(KeyOrder.Instance.Compare(a, b)));
        Assert.Equal(Math.Sign(Utf8Compare(b, a)), Math.Sign(KeyOrder.Instance.Compare(b, a)));
    }

    [Fact]
    public void It_differs_from_ordinal_order_where_s3_does()
    {
        Assert.True(string.CompareOrdinal("\U0001F600", "\uE000") < 0);
        Assert.True(KeyOrder.Instance.Compare("\U0001F600", "\uE000") > 0);
    }
}
