using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Chengxin.Server.Infrastructure.BeijingTime;
using Campaign = Chengxin.Server.Data.Campaign;
using DomainCampaign = Chengxin.Domain.Campaigns.Campaign;

namespace Chengxin.Server.Features.Campaigns;

/// <summary>
/// Opens a campaign. Units are a list of ids, or a subtree with an optional filter of unit classes;
/// classMap maps the server's unit class names to the scheme's class ids where they differ by name.
/// </summary>
public sealed record OpenCampaignRequest(
    string? Name, string? SchemeId, string? PeriodKey,
    List<long>? UnitIds, long? SubtreeUnitId, List<string>? UnitClasses, Dictionary<string, string>? ClassMap,
    ScheduleRequest? Schedule, List<Guid>? ReviewerIds, decimal? SpotCheckShare, bool? SelfAssessmentRequired, long? BaselineCampaignId = null);

/// <summary>Opens a campaign on a frozen scheme version: its units, schedule and reviewers, audited as one membership event.</summary>
public static class CreateCampaign
{
    public static async Task<IResult> Handle(OpenCampaignRequest request, ChengxinDbContext db, AccessScope scope, SchemeVersions versions,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var validation = new Validation()
            .Required("name", request.Name, "批次名称", 200)
            .Required("schemeId", request.SchemeId, "指标体系")
            .Required("periodKey", request.PeriodKey, "评价期间", 40)
            .Check(request.Schedule?.EvidenceDue is not null, "schedule.evidenceDue", "请填写佐证材料截止时间。")
            .Check(request.SpotCheckShare is null or (>= 0 and <= 1), "spotCheckShare", "抽查比例应在 0 到 1 之间。")
            // Stored as ten-thousandths like points; a finer share would not survive the round trip.
            .Check(request.SpotCheckShare is not { } share || share * ScaledPoints.Scale == decimal.Truncate(share * ScaledPoints.Scale),
                "spotCheckShare", "抽查比例最多保留四位小数。")
            .Check(request.UnitIds is not { Count: > CampaignMembers.MaxUnits }, "unitIds", $"一个批次最多 {CampaignMembers.MaxUnits} 个参评单位，请按上级单位和类别选择或分批开展。")
            .Check(request.UnitClasses is not { Count: > CampaignMembers.MaxListed }, "unitClasses", $"单位类别最多 {CampaignMembers.MaxListed} 个。")
            .Check(request.ClassMap is not { Count: > CampaignMembers.MaxListed }, "classMap", $"类别对应关系最多 {CampaignMembers.MaxListed} 条。")
            .Check(request.ReviewerIds is not { Count: > CampaignMembers.MaxListed }, "reviewerIds", $"评审员最多 {CampaignMembers.MaxListed} 名。")
            .Check(request.Schedule?.AppealWindowDays is null or (>= 0 and <= 365), "schedule.appealWindowDays", "申诉期应在 0 到 365 天之间。")
            .Check((request.UnitIds is { Count: > 0 }) != (request.SubtreeUnitId is not null), "unitIds", "请列出参评单位，或指定一个上级单位及单位类别（二选一）。");

        var scheme = request.SchemeId is { Length: > 0 } schemeId ? versions.Catalog.Find(schemeId) : null;
        if (request.SchemeId is { Length: > 0 } && scheme is null)
            validation.Add("schemeId", $"没有编号为「{request.SchemeId}」的指标体系。");

        Period? period = null;
        if (request.PeriodKey is { Length: > 0 } key)
        {
            try
            {
                period = Period.ParseKey(key.Trim());
            }
            catch (DomainRuleException e)
            {
                validation.Add("periodKey", e.Message.Contains("超出范围", StringComparison.Ordinal)
                    ? $"{e.Message}。"
                    : $"无法识别的期间「{key}」（应如 2023-03、2022Q1、2022 或 2022-07-01..2023-06-30）。");
            }
        }
        if (period is not null && scheme is not null && period.Kind != scheme.Period)
            validation.Add("periodKey", $"指标体系「{scheme.Title}」按{PeriodName(scheme.Period)}评价，期间「{period.Key}」是{PeriodName(period.Kind)}。");

        var liaisonDue = Instants.Parse(request.Schedule?.LiaisonDue, "schedule.liaisonDue", validation);
        var evidenceDue = Instants.Parse(request.Schedule?.EvidenceDue, "schedule.evidenceDue", validation);
        var selfDue = Instants.Parse(request.Schedule?.SelfAssessmentDue, "schedule.selfAssessmentDue", validation);
        var reviewDue = Instants.Parse(request.Schedule?.ReviewDue, "schedule.reviewDue", validation);
        CampaignSchedules.CheckOrder(liaisonDue, evidenceDue, selfDue, reviewDue, validation);

        // A list past its cap is refused before it reaches SQL, where it would exceed the database's parameter limit.
        var listsFit = validation.IsValid || !validation.Has("unitIds", "unitClasses", "classMap", "reviewerIds");
        var units = scheme is null || !listsFit ? [] : await CampaignMembers.SelectUnitsAsync(db, request, scheme, validation, ct);
        var reviewers = listsFit ? await CampaignMembers.SelectReviewersAsync(db, request.ReviewerIds ?? [], validation, ct) : [];
        var baseline = await BaselineCopy.FindAsync(db, request.BaselineCampaignId, scheme?.Id, validation, ct);
        if (!validation.IsValid)
            return validation.Problem();

        var schedule = new CampaignSchedule(liaisonDue, evidenceDue!.Value, selfDue, reviewDue, TimeSpan.FromDays(request.Schedule!.AppealWindowDays ?? 0));
        // The domain checks the schedule's order; a refusal is a 409 with its own message.
        _ = new DomainCampaign(scheme!.Id, scheme.Version, period!, schedule);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var version = (await versions.FreezeAsync(db, scheme.Id, scope.TenantId, now.UtcDateTime, ct))!;
        var campaign = new Campaign
        {
            TenantId = scope.TenantId,
            Name = request.Name!.Trim(),
            PeriodKey = period!.Key,
            State = CampaignState.Draft,
            LiaisonDue = liaisonDue?.UtcDateTime,
            EvidenceDue = evidenceDue.Value.UtcDateTime,
            SelfAssessmentDue = selfDue?.UtcDateTime,
            ReviewDue = reviewDue?.UtcDateTime,
            AppealWindowSeconds = (long)schedule.AppealWindow.TotalSeconds,
            SpotCheckShare = request.SpotCheckShare ?? 0,
            SelfAssessmentRequired = request.SelfAssessmentRequired ?? true,
            CreatedBy = scope.UserId,
            CreatedAt = now.UtcDateTime,
            Units = units.Select(u => new CampaignUnit { UnitId = u.Unit.Id, SchemeClass = u.SchemeClass }).ToList(),
            Reviewers = reviewers.Select(r => new CampaignReviewer { UserId = r }).ToList(),
            BaselineCampaignId = baseline?.Id,
        };
        // Set after the version is saved in the same transaction, so a new version's generated key is known.
        await db.SaveChangesAsync(ct);
        campaign.SchemeVersionId = version.Id;
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        await CampaignContext.RecordAsync(db, scope, campaign, "campaign.members", new
        {
            schemeVersionId = version.Id,
            schemeSha256 = version.Sha256,
            units = campaign.Units.Select(u => new { u.UnitId, u.SchemeClass }),
            reviewers = campaign.Reviewers.Select(r => r.UserId),
        }, now.UtcDateTime, ct);
        if (baseline is not null)
            await BaselineCopy.CopyAsync(db, versions, campaign, baseline, now.UtcDateTime, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/campaigns/{campaign.Id}", (await CampaignViews.MapAsync(db, [campaign], ct))[0]);
    }

    private static string PeriodName(PeriodKind kind) => kind switch
    {
        PeriodKind.Month => "月度",
        PeriodKind.Quarter => "季度",
        PeriodKind.Year => "年度",
        _ => "固定期间",
    };
}
