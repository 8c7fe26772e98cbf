using System.Text.Json;
using Chengxin.Domain;
using Chengxin.Domain.Calendar;
using Chengxin.Domain.Schemes;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Disclosures;

/// <summary>
/// The office's column mapping, reporting rule and holiday calendar. The calendar is edited as the office's own copy of the
/// official one (years, 放假日, 调休上班日); a year it lacks is an error wherever a date in it is judged, never a guess.
/// </summary>
public static class DisclosureSettingsEndpoints
{
    public static async Task<IResult> Get(ChengxinDbContext db, AccessScope scope, IConfiguration config, CancellationToken ct) =>
        TypedResults.Ok(View(await DisclosureOffice.LoadAsync(db, scope.TenantId, config, ct)));

    public static async Task<IResult> Save(SaveDisclosureSettingsRequest request, ChengxinDbContext db, AccessScope scope, IConfiguration config,
        CancellationToken ct)
    {
        var validation = new Validation()
            .Check(request.Version is not null, "version", "缺少版本号，请刷新后再保存。")
            .Check(request.DueDays is null or (>= 1 and <= 60), "dueDays", "报送时限须在 1 到 60 天之间。")
            .Check(request.Calendar is null || request.Calendar.Length <= 100_000, "calendar", "日历过长。");
        if (request.Calendar is { } text)
        {
            try
            {
                WorkingDayCalendar.Parse(text);
            }
            catch (Exception e) when (e is SchemeLoadException or DomainRuleException or YamlDotNet.Core.YamlException)
            {
                validation.Add("calendar", $"日历格式有误：{e.Message}");
            }
        }
        if (request.Columns is { } columns)
        {
            var known = Enum.GetValues<Domain.Monitoring.DisclosureField>().Select(Domain.Monitoring.DisclosureColumnMapping.NameOf).ToHashSet();
            foreach (var key in columns.Keys.Where(k => !known.Contains(k)))
                validation.Add("columns", $"没有名为「{key}」的字段（可用：{string.Join("、", known)}）。");
        }
        if (!validation.IsValid)
            return validation.Problem();

        var row = await db.DisclosureSettings.FirstOrDefaultAsync(ct);
        if ((row?.Version ?? 0) != request.Version)
            return ProblemResponses.Conflict("设置已被他人修改，请刷新后再保存。");
        if (row is null)
        {
            row = new DisclosureSettings { TenantId = scope.TenantId };
            db.DisclosureSettings.Add(row);
        }
        if (request.Columns is not null)
            row.MappingJson = JsonSerializer.Serialize(DisclosureOffice.ColumnsOf(DisclosureOffice.MappingFrom(request.Columns)));
        if (request.Calendar is not null)
            row.CalendarYaml = request.Calendar;
        row.DueDays = request.DueDays ?? row.DueDays;
        row.DueInWorkingDays = request.DueInWorkingDays ?? row.DueInWorkingDays;
        row.Version++;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(await DisclosureOffice.LoadAsync(db, scope.TenantId, config, ct)));
    }

    private static DisclosureSettingsView View(DisclosureOfficeSettings s) =>
        new(DisclosureOffice.ColumnsOf(s.Mapping), s.Rule.Days, s.Rule.WorkingDays, s.CalendarText, s.Calendar.Years.Order().ToList(), s.CalendarIsDefault, s.Version);
}
