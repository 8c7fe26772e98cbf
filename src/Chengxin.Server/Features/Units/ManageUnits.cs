using Chengxin.Domain;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Units;

public sealed record UnitResponse(long Id, long? ParentId, string Name, string? Code, UnitLevel Level, string LevelName, string? Class, bool IsActive);

public sealed record CreateUnitRequest(long? ParentId, string? Name, string? Code, string? Level, string? Class);

public sealed record UpdateUnitRequest(string? Name, string? Code, string? Class);

public sealed record MoveUnitRequest(long? ParentId);

/// <summary>Unit tree CRUD. Every read goes through the unit scope filter, so a unit outside the caller's scope is simply not found.</summary>
public static class ManageUnits
{
    public static UnitResponse Map(Unit u) =>
        new(u.Id, u.ParentId, u.Name, u.Code, u.Level, UnitRules.LevelNames[u.Level], u.Class, u.IsActive);

    /// <summary>
    /// Every unit in the caller's scope at once, for the exports and scripts that need the whole tree. The web app never asks for
    /// it: at a province's 40,000 units it is 5 MB; the app opens the tree a piece at a time (<see cref="BrowseUnits"/>). Streamed
    /// as an export is: the rows are written as the database yields them (the columns the answer carries, no entities), so the
    /// first units reach the caller at once and the server holds no list of the province.
    /// </summary>
    public static IResult List(ChengxinDbContext db, bool? includeInactive)
    {
        var query = db.Units.AsNoTracking();
        if (includeInactive != true)
            query = query.Where(u => u.IsActive);
        var rows = query.OrderBy(u => u.Id)
            .Select(u => new { u.Id, u.ParentId, u.Name, u.Code, u.Level, u.Class, u.IsActive })
            .AsAsyncEnumerable()
            .Select(u => new UnitResponse(u.Id, u.ParentId, u.Name, u.Code, u.Level, UnitRules.LevelNames[u.Level], u.Class, u.IsActive));
        return TypedResults.Ok(rows);
    }

    public static async Task<IResult> Get(long id, ChengxinDbContext db, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        return unit is null ? ProblemResponses.NotFound("单位") : TypedResults.Ok(Map(unit));
    }

    public static async Task<IResult> Create(CreateUnitRequest request, ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var level = UnitRules.ParseLevel(request.Level);
        var validation = new Validation()
            .Required("name", request.Name, "单位名称")
            .Optional("code", request.Code, "单位编码", 50)
            .Optional("class", request.Class, "单位类别", 50)
            .Check(request.ParentId is not null, "parentId", "请选择上级单位。")
            .Check(level is not null, "level", "层级须为 市、县/区、乡镇/街道、村/社区 或 部门。");
        var parent = request.ParentId is { } parentId ? await db.Units.FirstOrDefaultAsync(u => u.Id == parentId, ct) : null;
        if (request.ParentId is not null && parent is null)
            validation.Add("parentId", "上级单位不存在或不在您的权限范围内。");
        await CheckCodeAsync(db, validation, request.Code, exceptId: null, ct);
        if (!validation.IsValid)
            return validation.Problem();

        UnitRules.EnsureCanBeChildOf(level!.Value, parent!);
        var unit = new Unit
        {
            TenantId = scope.TenantId,
            ParentId = parent!.Id,
            Name = request.Name!.Trim(),
            Code = Blank(request.Code),
            Level = level.Value,
            Class = Blank(request.Class),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Units.Add(unit);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/units/{unit.Id}", Map(unit));
    }

    public static async Task<IResult> Update(long id, UpdateUnitRequest request, ChengxinDbContext db, CancellationToken ct)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
            return ProblemResponses.NotFound("单位");
        var validation = new Validation()
            .Required("name", request.Name, "单位名称")
            .Optional("code", request.Code, "单位编码", 50)
            .Optional("class", request.Class, "单位类别", 50);
        await CheckCodeAsync(db, validation, request.Code, exceptId: id, ct);
        if (!validation.IsValid)
            return validation.Problem();
        unit.Name = request.Name!.Trim();
        unit.Code = Blank(request.Code);
        unit.Class = Blank(request.Class);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Map(unit));
    }

    public static async Task<IResult> Move(long id, MoveUnitRequest request, ChengxinDbContext db, CancellationToken ct)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
            return ProblemResponses.NotFound("单位");
        var validation = new Validation().Check(request.ParentId is not null, "parentId", "请选择新的上级单位。");
        var parent = request.ParentId is { } parentId ? await db.Units.FirstOrDefaultAsync(u => u.Id == parentId, ct) : null;
        if (request.ParentId is not null && parent is null)
            validation.Add("parentId", "上级单位不存在或不在您的权限范围内。");
        if (!validation.IsValid)
            return validation.Problem();

        UnitRules.EnsureNoCycle(unit, parent!);
        UnitRules.EnsureCanBeChildOf(unit.Level, parent!);
        unit.ParentId = parent!.Id;
        // The save rewrites the paths of the unit and everything below it (UnitPaths), so scopes follow the move at once.
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Map(unit));
    }

    public static async Task<IResult> Deactivate(long id, ChengxinDbContext db, CancellationToken ct)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
            return ProblemResponses.NotFound("单位");
        var hasActiveChildren = await db.Units.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter])
            .AnyAsync(u => u.ParentId == id && u.IsActive, ct);
        UnitRules.EnsureCanDeactivate(unit, hasActiveChildren);
        unit.IsActive = false;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Map(unit));
    }

    public static async Task<IResult> Activate(long id, ChengxinDbContext db, CancellationToken ct)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
            return ProblemResponses.NotFound("单位");
        if (unit.ParentId is { } parentId)
        {
            var parentActive = await db.Units.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter])
                .Where(u => u.Id == parentId).Select(u => u.IsActive).FirstAsync(ct);
            if (!parentActive)
                throw new DomainRuleException($"“{unit.Name}”的上级单位已停用，请先启用上级单位。");
        }
        unit.IsActive = true;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Map(unit));
    }

    public static async Task<IResult> Delete(long id, ChengxinDbContext db, CancellationToken ct)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
            return ProblemResponses.NotFound("单位");
        var hasChildren = await db.Units.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AnyAsync(u => u.ParentId == id, ct);
        var hasUsers = await db.Users.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AnyAsync(u => u.UnitId == id || u.ScopeUnitId == id, ct);
        var hasCampaigns = await db.CampaignUnits.AnyAsync(c => c.UnitId == id, ct);
        // Its creation is the one event every unit has; anything after that is history worth keeping.
        var entityId = id.ToString();
        var hasHistory = await db.AuditEvents.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter])
            .CountAsync(e => e.EntityType == "unit" && e.EntityId == entityId, ct) > 1;
        UnitRules.EnsureCanDelete(unit, hasChildren, hasUsers, hasCampaigns, hasHistory);
        db.Units.Remove(unit);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    internal static async Task CheckCodeAsync(ChengxinDbContext db, Validation validation, string? code, long? exceptId, CancellationToken ct)
    {
        if (Blank(code) is not { } trimmed)
            return;
        // Codes are unique in the whole office, so the check looks beyond the caller's scope.
        var taken = await db.Units.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter])
            .AnyAsync(u => u.Code == trimmed && u.Id != exceptId, ct);
        if (taken)
            validation.Add("code", $"单位编码“{trimmed}”已被使用。");
    }

    internal static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
