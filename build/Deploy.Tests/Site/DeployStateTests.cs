using System.Text;
using Deploy.Site;

namespace Deploy.Tests.Site;

public class DeployStateTests
{
    static DeployState State(int keys) => new("d2", new DateTimeOffset(2025, 3, 10, 12, 0, 0, TimeSpan.Zero), "d1",
        Enumerable.Range(0, keys).ToDictionary(
            i => $"blog/post-{i}/index.html",
            i => new ObjectState($"{i:x32}", $"{i * 7:x32}", "text/html; charset=utf-8", "public, max-age=0, must-revalidate", "d1",
                i % 10 == 0 ? new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero) : null)));

    static void AssertSame(DeployState expected, DeployState? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal((expected.DeployId, expected.DeployedAt, expected.PreviousDeployId), (actual.DeployId, actual.DeployedAt, actual.PreviousDeployId));
        Assert.Equal(expected.Objects.OrderBy(o => o.Key, StringComparer.Ordinal), actual.Objects.OrderBy(o => o.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void The_encoded_state_reads_back_as_it_was_and_is_a_fraction_of_its_json()
    {
        var state = State(2000);
        var encoded = state.Encode();
        AssertSame(state, DeployState.Decode(encoded));
        Assert.True(encoded.Length * 3 < state.ToJson().Length, $"{encoded.Length} bytes encoded against {state.ToJson().Length} of JSON");
    }

    [Fact]
    public void A_state_written_as_plain_json_by_an_earlier_deploy_is_still_read()
    {
        var state = State(3);
        AssertSame(state, DeployState.Decode(state.ToJson()));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    public void Unreadable_bytes_are_no_state(string text) =>
        Assert.Null(DeployState.Decode(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void A_cut_off_gzip_is_no_state()
    {
        var encoded = State(50).Encode();
        Assert.Null(DeployState.Decode(encoded[..(encoded.Length / 2)]));
    }
}
