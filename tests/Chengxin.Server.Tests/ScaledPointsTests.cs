using Chengxin.Server.Data;

namespace Chengxin.Server.Tests;

public sealed class ScaledPointsTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("0.5", 5_000L)]
    [InlineData("89.9999", 899_999L)]
    [InlineData("90", 900_000L)]
    [InlineData("-7.5", -75_000L)]
    [InlineData("4.2", 42_000L)]
    public void ToStored_ExactDecimal_IsAWholeNumberOfTenThousandths(string points, long stored)
    {
        var value = decimal.Parse(points, System.Globalization.CultureInfo.InvariantCulture);
        ScaledPoints.ToStored(value).ShouldBe(stored);
        ScaledPoints.FromStored(stored).ShouldBe(value);
    }

    [Fact]
    public void ToStored_FifthDecimalPlace_IsRefusedRatherThanRounded()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ScaledPoints.ToStored(89.99999m));
    }

    [Fact]
    public void Stored_SortsLikeThePoints()
    {
        decimal[] points = [90m, -2.5m, 89.9999m, 0.5m, 7m * 0.6m, 60m];
        points.OrderBy(ScaledPoints.ToStored).ShouldBe(points.Order());
    }
}
