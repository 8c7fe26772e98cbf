namespace Chengxin.Domain.Monitoring;

/// <summary>
/// A list's identifiers read once into numbers, the form <see cref="ScreeningIndex"/> is built from: a resident id number
/// (17 digits and a check character) as a 64-bit number, a masked one (2301**********1234) as its mask shape and visible
/// digits, anything else (统一社会信用代码, other forms) kept as normalised text. Reading is split into chunks read on every core,
/// because a list of twelve million entries costs more to read than to index.
/// </summary>
public sealed class ScreeningCodes
{
    // What an entry's identifier is: the tag of each entry, then its number in Keys when it has one.
    internal const byte None = 0;
    internal const byte Unindexed = 1;
    internal const byte FullId = 2;
    internal const byte Other = 3;
    internal const byte FirstShape = 4;

    // Chunks big enough that scheduling one costs nothing next to reading it, small enough that both cores stay busy.
    private const int ChunkSize = 1 << 16;

    private ScreeningCodes(long[] keys, byte[] tags, MaskShape[] shapes, List<(int Entry, string Code)> others, int masked)
    {
        (Keys, Tags, Shapes, Others, Masked) = (keys, tags, shapes, others, masked);
    }

    /// <summary>How many entries carry a masked number the index can read.</summary>
    internal int Masked { get; }

    public int Count => Tags.Length;

    internal long[] Keys { get; }

    internal byte[] Tags { get; }

    /// <summary>The mask shapes the list uses, in the order first met; an entry of shape s has the tag FirstShape + s.</summary>
    internal MaskShape[] Shapes { get; }

    /// <summary>The entries whose identifier is neither a full nor a masked resident id number, in entry order.</summary>
    internal List<(int Entry, string Code)> Others { get; }

    /// <summary>Reads a list's identifiers (null or blank for an entry without one), in chunks on every core for a long list.</summary>
    public static ScreeningCodes Parse(IReadOnlyList<string?> codes)
    {
        var count = codes.Count;
        var keys = new long[count];
        var tags = new byte[count];
        var shapes = new List<(int Prefix, int Suffix)>();
        var chunks = (count + ChunkSize - 1) / ChunkSize;
        var others = new List<(int, string)>?[chunks];

        var masked = 0;
        void Read(int chunk)
        {
            var ownMasked = 0;
            var to = Math.Min(count, (chunk + 1) * ChunkSize);
            // A list nearly always masks in one shape: the shared table of shapes is consulted only when it changes.
            (int Prefix, int Suffix, byte Tag) last = (-1, -1, 0);
            List<(int, string)>? own = null;
            for (var i = chunk * ChunkSize; i < to; i++)
            {
                var code = codes[i];
                if (string.IsNullOrWhiteSpace(code))
                    continue;
                var normalised = Normalised(code);
                if (normalised.Contains('*', StringComparison.Ordinal))
                {
                    if (MaskKey(normalised) is not { } mask)
                        tags[i] = Unindexed;
                    else
                    {
                        if (mask.Prefix != last.Prefix || mask.Suffix != last.Suffix)
                            last = (mask.Prefix, mask.Suffix, ShapeTag(shapes, mask.Prefix, mask.Suffix));
                        tags[i] = last.Tag;
                        ownMasked++;
                        keys[i] = mask.Key;
                    }
                }
                else if (ScreeningIndex.IdKey(normalised) is { } id)
                {
                    tags[i] = FullId;
                    keys[i] = id;
                }
                else
                {
                    tags[i] = Other;
                    (own ??= []).Add((i, normalised));
                }
            }
            others[chunk] = own;
            Interlocked.Add(ref masked, ownMasked);
        }

        if (chunks > 1)
            Parallel.For(0, chunks, Read);
        else if (chunks == 1)
            Read(0);
        var allOthers = new List<(int Entry, string Code)>();
        foreach (var chunk in others)
            if (chunk is not null)
                allOthers.AddRange(chunk);
        return new ScreeningCodes(keys, tags, [.. shapes.Select(s => new MaskShape(s.Prefix, s.Suffix))], allOthers, masked);
    }

    private static byte ShapeTag(List<(int Prefix, int Suffix)> shapes, int prefix, int suffix)
    {
        lock (shapes)
        {
            var s = shapes.IndexOf((prefix, suffix));
            if (s < 0)
            {
                s = shapes.Count;
                shapes.Add((prefix, suffix));
            }
            // An 18-character number masked in one run has at most 171 shapes, so the tag always fits in a byte.
            return (byte)(FirstShape + s);
        }
    }

    /// <summary>A list's identifiers are mostly in the normal form already: only those that are not cost a new string.</summary>
    internal static string Normalised(string code)
    {
        foreach (var c in code)
            if (c is (>= 'a' and <= 'z') or '＊' || char.IsWhiteSpace(c))
                return ListScreening.NormaliseCode(code);
        return code;
    }

    // A mask's shape (visible characters before and after the asterisks) and the number with the masked digits read as zero;
    // only an 18-character resident id masked in one run of asterisks is indexed (the form the court's list publishes).
    private static (int Prefix, int Suffix, long Key)? MaskKey(string code)
    {
        if (code.Length != 18)
            return null;
        var prefix = code.IndexOf('*', StringComparison.Ordinal);
        var suffix = 17 - code.LastIndexOf('*');
        long value = 0;
        for (var i = 0; i < 17; i++)
        {
            var c = code[i];
            var masked = i >= prefix && i < 18 - suffix;
            if (masked ? c != '*' : c is < '0' or > '9')
                return null;
            value = value * 10 + (masked ? 0 : c - '0');
        }
        var last = code[17];
        long check = suffix == 0 ? 0 : last == 'X' ? 10 : last is >= '0' and <= '9' ? last - '0' : -1;
        return check < 0 ? null : (prefix, suffix, value * 11 + check);
    }
}

/// <summary>
/// One mask shape a list uses, and how to read a full number's visible digits through it (the masked run zeroed; the check
/// character kept unless it is masked too), with the divisors worked out once.
/// </summary>
internal sealed class MaskShape
{
    private readonly int _high;
    private readonly int _low;
    private readonly bool _keepCheck;

    public MaskShape(int prefix, int suffix)
    {
        _high = 17 - prefix;
        _low = 17 - Math.Max(prefix, Math.Min(17, 18 - suffix));
        _keepCheck = suffix > 0;
    }

    public long Visible(long id)
    {
        var digits = id / 11;
        return (Truncate(digits, _high) + (digits - Truncate(digits, _low))) * 11 + (_keepCheck ? id - digits * 11 : 0);
    }

    // The number with its last p digits zeroed. Dividing by a constant compiles to a multiplication, by a variable to a division
    // several times slower, and every person is read through every shape.
    private static long Truncate(long v, int p) => p switch
    {
        0 => v,
        1 => v / 10 * 10,
        2 => v / 100 * 100,
        3 => v / 1_000 * 1_000,
        4 => v / 10_000 * 10_000,
        5 => v / 100_000 * 100_000,
        6 => v / 1_000_000 * 1_000_000,
        7 => v / 10_000_000 * 10_000_000,
        8 => v / 100_000_000 * 100_000_000,
        9 => v / 1_000_000_000 * 1_000_000_000,
        10 => v / 10_000_000_000 * 10_000_000_000,
        11 => v / 100_000_000_000 * 100_000_000_000,
        12 => v / 1_000_000_000_000 * 1_000_000_000_000,
        13 => v / 10_000_000_000_000 * 10_000_000_000_000,
        14 => v / 100_000_000_000_000 * 100_000_000_000_000,
        15 => v / 1_000_000_000_000_000 * 1_000_000_000_000_000,
        16 => v / 10_000_000_000_000_000 * 10_000_000_000_000_000,
        _ => 0,
    };
}
