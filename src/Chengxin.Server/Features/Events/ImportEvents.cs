using Chengxin.Domain.Monitoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.DishonestLists;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Events;

public sealed record ImportEventsResult(int Created);

/// <summary>
/// Imports events from an XLSX or CSV file (UTF-8 or GBK): 类型 (投诉 / 负面舆情), 来源, 日期, 内容, 类别 and 涉及单位 (unit codes, or
/// names, separated by 、 or a comma), each unit in the caller's scope. The whole file is checked first; one bad row refuses it,
/// every bad row listed with its row, column and reason, and nothing is stored.
/// </summary>
public static class ImportEvents
{
    public static readonly IReadOnlyList<string> Header = ["类型", "来源", "日期", "内容", "类别", "涉及单位"];

    public static async Task<IResult> Import(HttpRequest http, ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var table = await TableUpload.ReadAsync(http, ct);
        var columns = Header.Select(h => table.Column(h)).ToArray();
        var validation = new Validation();
        if (columns.Any(c => c < 0))
        {
            validation.Add("file", $"表头须有：{string.Join("、", Header)}。");
            return validation.Problem();
        }
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Name, u.Code }).ToListAsync(ct);
        var byCode = units.Where(u => u.Code != null).ToDictionary(u => u.Code!, u => u.Id, StringComparer.Ordinal);
        var byName = units.GroupBy(u => u.Name).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Id, StringComparer.Ordinal);

        var records = new List<MonitoringEventRecord>();
        for (var i = 1; i < table.Rows.Count; i++)
        {
            var row = table.Rows[i];
            string Cell(int c) => c < row.Count ? row[c].Trim() : "";
            if (row.All(string.IsNullOrWhiteSpace))
                continue;
            var problems = new List<(string Field, string Column, string Reason)>();
            var kind = Cell(columns[0]) switch { "投诉" => EventKind.Complaint, "负面舆情" or "舆情" => EventKind.Opinion, _ => (EventKind?)null };
            var record = RecordEvent.Check(problems, kind, Cell(columns[1]), Cell(columns[2]), Cell(columns[3]), Cell(columns[4]), scope, clock);
            var named = Cell(columns[5]).Split(['、', ',', '，', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var ids = new List<long>();
            foreach (var n in named)
            {
                if (byCode.TryGetValue(n, out var id) || byName.TryGetValue(n, out id))
                    ids.Add(id);
                else
                    problems.Add(("unitIds", "涉及单位", $"“{n}”不是您权限范围内的单位编码或名称（重名的单位请写编码）"));
            }
            if (named.Length == 0)
                problems.Add(("unitIds", "涉及单位", "不能为空"));
            foreach (var (_, column, reason) in problems)
                validation.Add($"row{i + 1}", $"第 {i + 1} 行「{column}」：{reason}。");
            if (record is not null && problems.Count == 0)
            {
                record.Units = ids.Distinct().Select(id => new MonitoringEventUnit { UnitId = id }).ToList();
                records.Add(record);
            }
        }
        if (records.Count == 0 && validation.IsValid)
            validation.Add("file", "文件中没有事件。");
        if (!validation.IsValid)
            return validation.Problem();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.MonitoringEvents.AddRange(records);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new ImportEventsResult(records.Count));
    }
}
