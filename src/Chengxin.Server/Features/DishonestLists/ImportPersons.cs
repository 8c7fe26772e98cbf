using System.Globalization;
using Chengxin.Domain.Identifiers;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.DishonestLists;

public sealed record ImportPersonsResult(int Created);

/// <summary>
/// The civil servants hired or transferred, imported from an XLSX or CSV file (UTF-8 or GBK) for screening (seed 001 item 15):
/// 姓名, 身份证号码, 单位 (its code, or its name when unique), 类别 (录用 / 调任) and 日期. The whole file is checked first; one bad
/// row refuses it, every bad row listed with its row, column and reason, and nothing is stored.
/// </summary>
public static class ImportPersons
{
    public static readonly IReadOnlyList<string> Header = ["姓名", "身份证号码", "单位", "类别", "日期"];

    public static async Task<IResult> Import(HttpRequest http, ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var table = await TableUpload.ReadAsync(http, ct);
        var columns = new[]
        {
            table.Column("姓名"), table.Column("身份证号码", "公民身份号码", "证件号码"), table.Column("单位", "所在单位"),
            table.Column("类别", "录用或调任"), table.Column("日期", "录用或调任日期"),
        };
        var validation = new Validation();
        if (columns.Any(c => c < 0))
        {
            validation.Add("file", $"表头须有：{string.Join("、", Header)}。");
            return validation.Problem();
        }
        // Only units in the caller's scope can be named: the scope filter leaves the others out of both look-ups.
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Name, u.Code }).ToListAsync(ct);
        var byCode = units.Where(u => u.Code != null).ToDictionary(u => u.Code!, u => u.Id, StringComparer.Ordinal);
        var byName = units.GroupBy(u => u.Name).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Id, StringComparer.Ordinal);
        var known = (await db.ScreenedPersons.AsNoTracking().Select(p => new { p.UnitId, p.IdNumber }).ToListAsync(ct))
            .Select(p => (p.UnitId, p.IdNumber)).ToHashSet();

        var persons = new List<ScreenedPerson>();
        var now = clock.GetUtcNow().UtcDateTime;
        for (var i = 1; i < table.Rows.Count; i++)
        {
            var row = table.Rows[i];
            string Cell(int c) => c < row.Count ? row[c].Trim() : "";
            if (row.All(string.IsNullOrWhiteSpace))
                continue;
            var problems = new List<(string Column, string Reason)>();
            var name = Cell(columns[0]);
            if (name.Length == 0)
                problems.Add(("姓名", "不能为空"));
            else if (name.Length > 50)
                problems.Add(("姓名", "不能超过 50 个字"));
            var idText = Cell(columns[1]);
            string? id = null;
            if (idText.Length == 0)
                problems.Add(("身份证号码", "不能为空"));
            else if (ResidentIdNumber.Problem(idText) is { } problem)
                problems.Add(("身份证号码", problem));
            else
                id = ResidentIdNumber.Normalise(idText);
            var unitText = Cell(columns[2]);
            long? unitId = byCode.TryGetValue(unitText, out var byCodeId) ? byCodeId : byName.TryGetValue(unitText, out var byNameId) ? byNameId : null;
            if (unitId is null)
                problems.Add(("单位", unitText.Length == 0 ? "不能为空" : $"“{unitText}”不是您权限范围内的单位编码或名称（重名的单位请写编码）"));
            var reason = Cell(columns[3]);
            if (!ManagePersons.Reasons.Contains(reason))
                problems.Add(("类别", "须为录用或调任"));
            var joined = DateOnly.TryParseExact(Cell(columns[4]), ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var d) && d.Year is >= 2000 and <= 2100 ? d : (DateOnly?)null;
            if (joined is null)
                problems.Add(("日期", "须为 2000–2100 年间的日期（如 2023-06-30）"));
            if (unitId is { } u && id is not null && !known.Add((u, id)))
                problems.Add(("身份证号码", "该单位已登记此身份证号码的人员（或文件中重复）"));
            foreach (var (column, text) in problems)
                validation.Add($"row{i + 1}", $"第 {i + 1} 行「{column}」：{text.TrimEnd('。')}。");
            if (problems.Count > 0)
                continue;
            persons.Add(new ScreenedPerson
            {
                TenantId = scope.TenantId, UnitId = unitId!.Value, Name = name, IdNumber = id!, Reason = reason, JoinedOn = joined!.Value,
                RetainUntil = new DateOnly(joined.Value.Year + 1, 12, 31), EnteredByName = scope.ActorName, EnteredAt = now,
            });
        }
        if (persons.Count == 0 && validation.IsValid)
            validation.Add("file", "文件中没有人员。");
        if (!validation.IsValid)
            return validation.Problem();
        // One transaction: a file is stored whole or not at all, never half-written.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ScreenedPersons.AddRange(persons);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new ImportPersonsResult(persons.Count));
    }
}
