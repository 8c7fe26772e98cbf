using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Tests;

/// <summary>The one home for time: stored instants are UTC whatever kind they carry, and an office reads them in Beijing time.</summary>
public class BeijingTimeTests
{
    [Theory]
    [InlineData(DateTimeKind.Utc)]
    [InlineData(DateTimeKind.Unspecified)]
    public void Utc_StoredInstantOfAnyKind_ReadsItsTicksAsUtc(DateTimeKind kind)
    {
        var stored = new DateTime(2022, 4, 10, 9, 0, 0, kind);
        var utc = BeijingTime.Utc(stored);
        utc.Offset.ShouldBe(TimeSpan.Zero);
        utc.ShouldBe(new DateTimeOffset(2022, 4, 10, 17, 0, 0, TimeSpan.FromHours(8)));
    }

    [Fact]
    public void Local_StoredInstant_IsTheSameInstantAtUtcPlusEight()
    {
        var local = BeijingTime.Local(new DateTime(2022, 4, 10, 9, 0, 0, DateTimeKind.Utc));
        local.Offset.ShouldBe(TimeSpan.FromHours(8));
        local.Hour.ShouldBe(17);
        BeijingTime.Local((DateTime?)null).ShouldBeNull();
    }

    [Fact]
    public void FromWallClock_TypedWithoutOffset_IsReadInBeijingTime()
    {
        var at = BeijingTime.FromWallClock(new DateTime(2022, 4, 10, 17, 0, 0));
        at.ShouldBe(new DateTimeOffset(2022, 4, 10, 9, 0, 0, TimeSpan.Zero));
        at.Offset.ShouldBe(TimeSpan.FromHours(8));
    }
}
