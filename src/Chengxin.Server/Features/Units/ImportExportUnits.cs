using Chengxin.Domain;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Units;

public sealed record ImportResult(int Created, int Updated);

/// <summary>
/// The unit list as an Excel sheet (编码, 名称, 上级编码, 层级, 类别, 状态). Import matches rows to
/// units by code: a known code updates name and class, a new one creates the unit under its
/// parent code. The whole file is checked first and saved at once, or not at all.
/// </summary>
public static class ImportExportUnits
{
    public static readonly IReadOnlyList<string> Header = ["编码", "名称", "上级编码", "层级", "类别", "状态"];

    public static async Task<IResult> Export(ChengxinDbContext db, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Id).ToListAsync(ct);
        // A parent outside the caller's scope is left blank rather than named.
        var codes = units.ToDictionary(u => u.Id, u => u.Code);
        var rows = units.Select(u => (IReadOnlyList<object?>)
        [
            u.Code, u.Name, u.ParentId is { } p ? codes.GetValueOrDefault(p) : null,
            UnitRules.LevelNames[u.Level], u.Class, u.IsActive ? "启用" : "停用",
        ]);
        return Xlsx.Stream([new XlsxSheet("单位", Header, rows)], Xlsx.FileName("单位"), ct);
    }

    public static async Task<IResult> Import(HttpRequest http, ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var sheet = await Xlsx.ReadAsync(http, header => Header.Take(5).SequenceEqual(header.Take(5)) ? null : $"表头须为：{string.Join("、", Header)}。", ct);
        var validation = new Validation();

        var visible = await db.Units.ToListAsync(ct);
        var byCode = visible.Where(u => u.Code is not null).ToDictionary(u => u.Code!, StringComparer.Ordinal);
        var takenElsewhere = (await db.Units.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter])
            .Where(u => u.Code != null).Select(u => u.Code!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow().UtcDateTime;
        var created = new List<(Unit Unit, string ParentCode)>();
        var updated = 0;

        for (var i = 1; i < sheet.Count; i++)
        {
            var row = sheet[i];
            string Cell(int c) => c < row.Count ? row[c] : "";
            if (row.All(string.IsNullOrWhiteSpace))
                continue;
            var field = $"row{i + 1}";
            var (code, name, parentCode, levelText, unitClass) = (Cell(0), Cell(1), Cell(2), Cell(3), Cell(4));
            if (code.Length == 0 || name.Length == 0)
            {
                validation.Add(field, $"第 {i + 1} 行：编码和名称不能为空。");
                continue;
            }
            if (code.Length > 50 || name.Length > 100 || unitClass.Length > 50)
            {
                validation.Add(field, $"第 {i + 1} 行：编码、名称或类别过长。");
                continue;
            }
            if (byCode.TryGetValue(code, out var existing))
            {
                if (created.Any(c => c.Unit == existing))
                {
                    validation.Add(field, $"第 {i + 1} 行：编码“{code}”在文件中重复。");
                    continue;
                }
                existing.Name = name;
                existing.Class = ManageUnits.Blank(unitClass);
                updated++;
                continue;
            }
            if (takenElsewhere.Contains(code))
            {
                validation.Add(field, $"第 {i + 1} 行：编码“{code}”已被权限范围外的单位使用。");
                continue;
            }
            if (UnitRules.ParseLevel(levelText) is not { } level)
            {
                validation.Add(field, $"第 {i + 1} 行：层级“{levelText}”无效。");
                continue;
            }
            if (parentCode.Length == 0 || !byCode.ContainsKey(parentCode))
            {
                validation.Add(field, $"第 {i + 1} 行：上级编码“{parentCode}”不存在或不在您的权限范围内（上级须在本行之前）。");
                continue;
            }
            var unit = new Unit
            {
                TenantId = scope.TenantId, Name = name, Code = code, Level = level,
                Class = ManageUnits.Blank(unitClass), CreatedAt = now,
            };
            try
            {
                UnitRules.EnsureCanBeChildOf(level, byCode[parentCode]);
            }
            catch (DomainRuleException e)
            {
                validation.Add(field, $"第 {i + 1} 行：{e.Message}");
                continue;
            }
            byCode[code] = unit;
            created.Add((unit, parentCode));
        }
        if (!validation.IsValid)
            return validation.Problem();

        // Parents created by this file get their ids as they are saved, in file order.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (unit, parentCode) in created)
        {
            unit.ParentId = byCode[parentCode].Id;
            db.Units.Add(unit);
            await db.SaveChangesAsync(ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new ImportResult(created.Count, updated));
    }
}
