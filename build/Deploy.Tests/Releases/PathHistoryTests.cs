using Deploy.Releases;

namespace Deploy.Tests.Releases;

public class PathHistoryTests
{
    [Fact]
    public void A_path_without_entries_is_served_from_the_first_release()
    {
        Assert.Equal(1, PathHistory.Empty.StoredIn(1));
        Assert.Equal(1, PathHistory.Empty.StoredIn(40));
    }

    [Fact]
    public void A_release_is_served_from_the_last_entry_at_or_below_it()
    {
        var history = PathHistory.Parse("4 9 -12 15");
        Assert.Equal(1, history.StoredIn(3));
        Assert.Equal(4, history.StoredIn(4));
        Assert.Equal(4, history.StoredIn(8));
        Assert.Equal(9, history.StoredIn(11));
        Assert.Null(history.StoredIn(12)); // dropped in 12
        Assert.Null(history.StoredIn(14));
        Assert.Equal(15, history.StoredIn(99));
    }

    [Fact]
    public void Entries_of_a_newer_release_change_nothing_an_older_one_serves()
    {
        var before = PathHistory.Parse("3");
        var after = before.Wrote(7);
        foreach (var release in Enumerable.Range(1, 6))
            Assert.Equal(before.StoredIn(release), after.StoredIn(release));
        Assert.Equal(7, after.StoredIn(7));
        Assert.Equal("3 7", after.ToString());
    }

    [Fact]
    public void Entries_only_grow_newer()
    {
        Assert.Throws<InvalidOperationException>(() => PathHistory.Parse("5").Wrote(5));
        Assert.Throws<InvalidOperationException>(() => PathHistory.Parse("5").Dropped(3));
    }

    [Fact]
    public void Pruning_keeps_every_retained_release_s_answer_and_drops_the_rest()
    {
        var history = PathHistory.Parse(string.Join(' ', Enumerable.Range(2, 60)));
        int[] retained = [55, 58, 59, 60, 61];
        var pruned = history.KeepFor(retained);
        Assert.Equal("55 58 59 60 61", pruned.ToString());
        foreach (var release in retained)
            Assert.Equal(history.StoredIn(release), pruned.StoredIn(release));
    }

    [Fact]
    public void A_hashed_asset_is_served_from_where_it_was_stored_to_every_release()
    {
        var history = PathHistory.Parse("*7");
        Assert.Equal(7, history.StoredIn(3));
        Assert.Equal(7, history.StoredIn(40));
        Assert.Equal("*7", history.KeepFor([20, 21]).ToString());
    }
}
