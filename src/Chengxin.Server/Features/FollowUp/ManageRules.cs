using Chengxin.Domain.FollowUp;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.FollowUp;

public sealed record RuleView(long Id, string SchemeFamily, RuleKind Kind, string KindName, decimal Threshold, bool IsEnabled, int Version);

public sealed record SaveRuleRequest(string? SchemeFamily, RuleKind? Kind, decimal? Threshold, bool? IsEnabled, int? ExpectedVersion);

/// <summary>
/// The office's rules as data: per scheme family (the scheme id without its year) one rule of each kind with its threshold, switched
/// on or off. Listed, created, edited with the version read (a stale edit is a 409). Audited.
/// </summary>
public static class ManageRules
{
    public static async Task<IResult> List(ChengxinDbContext db, CancellationToken ct)
    {
        var rules = await db.FollowUpRules.AsNoTracking().OrderBy(r => r.SchemeFamily).ThenBy(r => r.Id).ToListAsync(ct);
        return TypedResults.Ok(rules.Select(View).ToList());
    }

    public static async Task<IResult> Create(SaveRuleRequest request, ChengxinDbContext db, AccessScope scope, CancellationToken ct)
    {
        var validation = Check(request, requireFamily: true);
        if (!validation.IsValid)
            return validation.Problem();
        var family = Domain.Schemes.SchemeFamily.Of(request.SchemeFamily!);
        if (await db.FollowUpRules.AnyAsync(r => r.SchemeFamily == family && r.Kind == request.Kind, ct))
            return ProblemResponses.Conflict($"该方案系列已有“{FollowUpRules.KindName(request.Kind!.Value)}”规则，请直接修改。");
        var rule = new FollowUpRule
        {
            TenantId = scope.TenantId, SchemeFamily = family, Kind = request.Kind!.Value, Threshold = request.Threshold!.Value,
            IsEnabled = request.IsEnabled ?? true,
        };
        db.FollowUpRules.Add(rule);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/follow-up/rules/{rule.Id}", View(rule));
    }

    public static async Task<IResult> Update(long id, SaveRuleRequest request, ChengxinDbContext db, CancellationToken ct)
    {
        var rule = await db.FollowUpRules.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null)
            return ProblemResponses.NotFound("规则");
        var validation = Check(request with { Kind = rule.Kind }, requireFamily: false)
            .Check(request.ExpectedVersion is not null, "expectedVersion", "请提供读取时的版本号。");
        if (!validation.IsValid)
            return validation.Problem();
        FollowUpContext.CheckVersion(rule.Version, request.ExpectedVersion!.Value);
        rule.Threshold = request.Threshold!.Value;
        rule.IsEnabled = request.IsEnabled ?? rule.IsEnabled;
        rule.Version++;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(rule));
    }

    private static Validation Check(SaveRuleRequest request, bool requireFamily)
    {
        var validation = new Validation().Check(request.Kind is not null, "kind", "请选择规则类型。").Defined("kind", request.Kind, "规则类型");
        if (requireFamily)
            validation.Required("schemeFamily", request.SchemeFamily, "方案系列", 100);
        if (request.Threshold is null)
            validation.Add("threshold", "请填写阈值。");
        else if (request.Kind is { } kind && Enum.IsDefined(kind) && FollowUpRules.CheckThreshold(kind, request.Threshold.Value) is { } reason)
            validation.Add("threshold", reason);
        return validation;
    }

    internal static RuleView View(FollowUpRule r) =>
        new(r.Id, r.SchemeFamily, r.Kind, FollowUpRules.KindName(r.Kind), r.Threshold, r.IsEnabled, r.Version);
}
