using System.Text;
using System.Text.Json;
using Chengxin.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Results;

/// <summary>
/// A published snapshot read a unit at a time. A snapshot is stored whole, as one JSON document of the campaign's results with every
/// unit's items (<c>PublishedResults.Json</c>, about 10 MB for 3,000 units × 40 items), so the document itself is read from the
/// database as it is; what is not done any more is to make all of it into records before the first sheet is written. The units are
/// deserialised one at a time as they are asked for (in the snapshot's order, which is rank order), one unit's sheet makes that unit
/// alone, and the others are skipped over as bytes.
/// </summary>
internal sealed class SnapshotUnits
{
    private static readonly JsonSerializerOptions Json = ManageResults.SnapshotJson;
    private readonly byte[] _utf8;
    // Where the units' array starts: the reader's position and state just after its '['.
    private readonly int _units;
    private readonly JsonReaderState _unitsState;

    /// <summary>The campaign's name as published (the file is named after it, as the whole snapshot's was).</summary>
    public string Name { get; }

    private SnapshotUnits(byte[] utf8)
    {
        _utf8 = utf8;
        var reader = new Utf8JsonReader(utf8);
        reader.Read();
        var (name, units, state) = ("", -1, default(JsonReaderState));
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                name = reader.GetString()!;
            }
            else if (reader.ValueTextEquals("units"u8))
            {
                reader.Read();
                (units, state) = ((int)reader.BytesConsumed, reader.CurrentState);
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        (Name, _units, _unitsState) = (name, units, state);
    }

    /// <summary>The latest published snapshot of a campaign the caller may see; null before the first publication.</summary>
    public static async Task<SnapshotUnits?> LatestAsync(ChengxinDbContext db, long campaignId, CancellationToken ct)
    {
        var json = await db.PublishedResults.AsNoTracking().Where(p => p.CampaignId == campaignId).OrderByDescending(p => p.Version)
            .Select(p => p.Json).FirstOrDefaultAsync(ct);
        return json is null ? null : new SnapshotUnits(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>The units' ids in the snapshot's order, read without making any unit.</summary>
    public List<long> UnitIds()
    {
        var ids = new List<long>();
        var at = (_units, _unitsState);
        while (Next(ref at, only: null, make: false) is { } found)
            ids.Add(found.Id);
        return ids;
    }

    /// <summary>One unit as published; null when the snapshot does not hold it.</summary>
    public UnitResultView? Unit(long unitId)
    {
        var at = (_units, _unitsState);
        return Next(ref at, only: unitId, make: true)?.Unit;
    }

    /// <summary>The units as published, in the snapshot's order, those that <paramref name="keep"/> holds, each made when it is asked for.</summary>
    public IEnumerable<UnitResultView> Units(IReadOnlySet<long> keep)
    {
        var at = (_units, _unitsState);
        while (Next(ref at, only: null, make: false, keep) is { } found)
            yield return found.Unit!;
    }

    /// <summary>
    /// The next unit from <paramref name="at"/> (the unit <paramref name="only"/>, or one <paramref name="keep"/> holds), moving
    /// <paramref name="at"/> past it; units passed over are skipped as bytes. Null at the end of the units.
    /// </summary>
    private (long Id, UnitResultView? Unit)? Next(ref (int Offset, JsonReaderState State) at, long? only, bool make, IReadOnlySet<long>? keep = null)
    {
        if (at.Offset < 0)
            return null;
        var reader = new Utf8JsonReader(_utf8.AsSpan(at.Offset), isFinalBlock: true, at.State);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var id = UnitIdOf(reader);
            if ((only is { } wanted && id != wanted) || (keep is not null && (id is null || !keep.Contains(id.Value))))
            {
                reader.Skip();
                continue;
            }
            UnitResultView? unit = null;
            if (make || keep is not null)
                unit = JsonSerializer.Deserialize<UnitResultView>(ref reader, Json)!;
            else
                reader.Skip();
            at = (at.Offset + (int)reader.BytesConsumed, reader.CurrentState);
            return (unit?.UnitId ?? id ?? 0, unit);
        }
        at = (-1, default);
        return null;
    }

    /// <summary>A unit's id, read ahead on a copy of the reader (the id is the record's first property, so this reads a few bytes).</summary>
    private static long? UnitIdOf(Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("unitId"u8))
            {
                reader.Read();
                return reader.GetInt64();
            }
            reader.Read();
            reader.Skip();
        }
        return null;
    }
}
