using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Tests.Infrastructure;

/// <summary>
/// The group commit's rule for how many waiting writes a group takes: half of the writes in flight, at least one, at
/// most <see cref="SqliteGroupCommit.MaxGroup"/>. The groups it makes on a real file are tested in TicketGroupCommitTests.
/// </summary>
public sealed class SqliteGroupCommitTests
{
    [Theory]
    [InlineData(1, 0, 1)]
    [InlineData(1, 1, 1)]
    [InlineData(2, 0, 1)]
    [InlineData(2, 1, 2)]
    [InlineData(8, 0, 4)]
    [InlineData(4, 4, 4)]
    [InlineData(1, 7, 4)]
    [InlineData(40, 24, 32)]
    [InlineData(500, 100, SqliteGroupCommit.MaxGroup)]
    public void A_group_takes_half_of_the_writes_in_flight(int waiting, int previous, int limit) =>
        SqliteGroupCommit.GroupLimit(waiting, previous).Should().Be(limit);
}
