using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Units;

/// <summary>A population figure; null clears it.</summary>
public sealed record SetUnitPopulationRequest(long? Population);

public sealed record UnitPopulationView(long UnitId, string UnitName, long Population, string UpdatedByName, DateTimeOffset UpdatedAt);

/// <summary>
/// The office keeps each unit's population (人口) beside the tree: seed 001 item 23 reads dishonest civil servants per population.
/// The list answers the units in the caller's scope that have one; setting it replaces the figure (audited), clearing removes it.
/// </summary>
public static class SetUnitPopulation
{
    public static async Task<IResult> List(ChengxinDbContext db, CancellationToken ct)
    {
        var rows = await (from p in db.UnitPopulations.AsNoTracking()
                          join u in db.Units on p.UnitId equals u.Id
                          orderby u.Path
                          select new { p, u.Name }).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => View(r.p, r.Name)).ToList());
    }

    public static async Task<IResult> Handle(long id, SetUnitPopulationRequest request, ChengxinDbContext db, AccessScope scope, TimeProvider clock,
        CancellationToken ct)
    {
        // The unit decides first: one outside the caller's scope is not found, whatever the figure.
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
            return ProblemResponses.NotFound("单位");
        var validation = new Validation().Check(request.Population is null or (> 0 and <= 2_000_000_000), "population", "人口须为 1 至 20 亿之间的整数。");
        if (!validation.IsValid)
            return validation.Problem();
        var row = await db.UnitPopulations.FirstOrDefaultAsync(p => p.UnitId == id, ct);
        if (request.Population is not { } population)
        {
            if (row is not null)
            {
                db.UnitPopulations.Remove(row);
                await db.SaveChangesAsync(ct);
            }
            return TypedResults.NoContent();
        }
        if (row is null)
        {
            row = new UnitPopulation { UnitId = id, TenantId = scope.TenantId, UpdatedByName = scope.ActorName };
            db.UnitPopulations.Add(row);
        }
        row.Population = population;
        row.UpdatedByName = scope.ActorName;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(row, unit.Name));
    }

    private static UnitPopulationView View(UnitPopulation p, string unitName) =>
        new(p.UnitId, unitName, p.Population, p.UpdatedByName, BeijingTime.Local(p.UpdatedAt));
}
