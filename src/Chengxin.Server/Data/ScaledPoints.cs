using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Chengxin.Server.Data;

/// <summary>
/// Points are stored as whole numbers of ten-thousandths (long), never as floating point and
/// never as a database decimal: SQLite cannot order decimals in SQL, and a total of 89.99999
/// instead of 90 changes a grade. Every decimal property of the model is stored this way (see
/// <see cref="ChengxinDbContext"/>'s conventions), so ranking queries sort the same on both databases.
/// </summary>
public static class ScaledPoints
{
    public const long Scale = 10_000;

    public static long ToStored(decimal points)
    {
        var scaled = points * Scale;
        if (scaled != decimal.Truncate(scaled))
            throw new ArgumentOutOfRangeException(nameof(points), points, "分值最多保留四位小数（points keep at most four decimal places）。");
        return decimal.ToInt64(scaled);
    }

    public static decimal FromStored(long stored) => (decimal)stored / Scale;
}

public sealed class ScaledPointsConverter() : ValueConverter<decimal, long>(p => ScaledPoints.ToStored(p), s => ScaledPoints.FromStored(s));
