namespace Chengxin.Domain.Scoring;

/// <summary>An item as scoring computes it, before a result keeps it (packed, or as an <see cref="ItemResult"/>).</summary>
internal readonly record struct RawItem(ItemStatus Status, decimal Score, decimal Penalty, decimal Bonus, int PartsMissing)
{
    public static RawItem Of(ItemStatus status) => new(status, 0, 0, 0, 0);

    public ItemResult ToResult() => new(Status, Score, Penalty, Bonus, PartsMissing);
}

/// <summary>
/// An item result in one 64-bit word, as a campaign keeps most of them: status, parts missing, the score, the penalty and
/// the bonus, each decimal as sign, scale and mantissa. Bit for bit: 0.0 and −0 come back as they went in. An item that
/// does not fit (a score beyond 41,943.03 at two digits, a penalty or bonus beyond 40.95, more than 7 parts missing, a
/// carried score) is kept as an <see cref="ItemResult"/> instead, with every other item of its unit.
/// </summary>
/// <remarks>
/// Layout from the low bit: status 2 | parts missing 3 | score 27 (mantissa 22, scale 4, sign) | penalty 16 (mantissa 12,
/// scale 3, sign) | bonus 16. A campaign keeps one per item per unit, so this is 8 bytes where an <see cref="ItemResult"/>
/// is 32 (and 80 more when its penalty is a 0.0 kept bit for bit, as every item with a penalty part has).
/// </remarks>
internal static class PackedItem
{
    private static readonly Field ScoreField = new(Shift: 5, Mantissa: 22, Scale: 4);
    private static readonly Field PenaltyField = new(Shift: 32, Mantissa: 12, Scale: 3);
    private static readonly Field BonusField = new(Shift: 48, Mantissa: 12, Scale: 3);

    public static bool TryPack(in RawItem item, out long packed) =>
        TryPack(item.Status, item.Score, item.Penalty, item.Bonus, item.PartsMissing, out packed);

    public static bool TryPack(ItemStatus status, decimal score, decimal penalty, decimal bonus, int partsMissing, out long packed)
    {
        packed = 0;
        if ((uint)partsMissing > 7 || !ScoreField.TryPut(score, out var s) || !PenaltyField.TryPut(penalty, out var p)
            || !BonusField.TryPut(bonus, out var b))
            return false;
        packed = (long)((ulong)status | ((ulong)partsMissing << 2) | s | p | b);
        return true;
    }

    public static ItemStatus Status(long packed) => (ItemStatus)(packed & 3);

    public static int PartsMissing(long packed) => (int)((packed >> 2) & 7);

    public static decimal Score(long packed) => ScoreField.Get(packed);

    public static decimal Penalty(long packed) => PenaltyField.Get(packed);

    public static decimal Bonus(long packed) => BonusField.Get(packed);

    /// <summary>Whether the penalty or the bonus is anything but the plain 0 (scale 0, not negative).</summary>
    public static bool HasExtras(long packed) => ((ulong)packed & (PenaltyField.Mask | BonusField.Mask)) != 0;

    public static ItemResult ToResult(long packed) => new(Status(packed), Score(packed), Penalty(packed), Bonus(packed), PartsMissing(packed));

    /// <summary>The same item with another status and score (pass two settles it): false when the score does not fit.</summary>
    public static bool TrySettle(long packed, ItemStatus status, decimal score, out long settled)
    {
        settled = 0;
        if (!ScoreField.TryPut(score, out var s)) return false;
        settled = (long)(((ulong)packed & ~(3UL | ScoreField.Mask)) | (ulong)status | s);
        return true;
    }

    /// <summary>A decimal at <paramref name="Shift"/>: mantissa, then scale, then sign.</summary>
    private readonly record struct Field(int Shift, int Mantissa, int Scale)
    {
        public ulong Mask => ((1UL << (Mantissa + Scale + 1)) - 1) << Shift;

        public bool TryPut(decimal d, out ulong bits)
        {
            Span<int> parts = stackalloc int[4];
            decimal.GetBits(d, parts);
            bits = 0;
            var scale = (parts[3] >> 16) & 0xFF;
            if (parts[1] != 0 || parts[2] != 0 || (uint)parts[0] >= 1u << Mantissa || scale >= 1 << Scale) return false;
            bits = ((uint)parts[0] | ((ulong)scale << Mantissa) | (parts[3] < 0 ? 1UL << (Mantissa + Scale) : 0)) << Shift;
            return true;
        }

        public decimal Get(long packed)
        {
            var bits = (ulong)packed >> Shift;
            return new decimal((int)(bits & ((1UL << Mantissa) - 1)), 0, 0, ((bits >> (Mantissa + Scale)) & 1) != 0,
                (byte)((bits >> Mantissa) & ((1UL << Scale) - 1)));
        }
    }
}
