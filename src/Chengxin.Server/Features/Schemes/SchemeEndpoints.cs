using Chengxin.Domain.Linting;
using Chengxin.Domain.Schemes;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Schemes;

public sealed record SchemeSummary(string Id, int Version, string Title, string? Issuer, string? Document, string? Date,
    PeriodKind Period, decimal Total, IReadOnlyList<UnitClass> Classes, int ItemCount);

public sealed record SchemeList(IReadOnlyList<SchemeSummary> Schemes, IReadOnlyList<SchemeCatalog.LoadError> Errors);

public sealed record ItemView(string Id, string? No, string Title, decimal Max, string? Note, IReadOnlyList<string> Classes, bool IsBonus,
    int? ValidFor, string? Method, string? Source, Wording Wording, IReadOnlyList<EvidenceRequirement> Evidence,
    IReadOnlyList<RulePartView> Rule, IReadOnlyList<FactView> Facts, string AppliesTo, IReadOnlyList<string> Units);

/// <summary>A rule part; <paramref name="Text"/> says it in the office's words (its unit classes, lines, caps and varying amounts included).</summary>
public sealed record RulePartView(string Kind, string? Label, IReadOnlyList<string> Facts, string Text);

/// <summary>A category; <paramref name="Caps"/> are its caps in words (「本类得分以 10 分封顶」「以上三项最高扣5分：…」).</summary>
public sealed record CategoryView(string Id, string? No, string Title, decimal Max, string? Note,
    IReadOnlyList<CategoryView> Categories, IReadOnlyList<ItemView> Items, bool Capped, IReadOnlyList<string> Caps);

public sealed record SchemeView(SchemeSummary Summary, string? Note, IReadOnlyList<GradeBand> Grades, IReadOnlyList<VetoRule> Vetoes,
    IReadOnlyList<Resolution> Resolutions, IReadOnlyList<CategoryView> Categories);

public sealed record FactColumnView(string Key, string Label, FactType Type);

public sealed record FactView(string Key, string Label, FactType Type, string Supplier, IReadOnlyList<FactColumnView> Columns);

public sealed record SchemeFactView(string ItemId, string ItemTitle, FactView Fact);

public sealed record LintFindingView(string Code, LintSeverity Severity, string NodePath, string? NodeId, string Message,
    int Line, int Column, bool Resolved, Resolution? Resolution);

/// <summary>The schemes, read through the domain: list, show, lint and the facts each one reads.</summary>
public static class SchemeEndpoints
{
    public static void MapSchemeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/schemes").WithTags("Schemes").RequireAuthorization(SchemePermissions.Read).WithStandardProblems();
        group.MapGet("/", (SchemeCatalog catalog) => TypedResults.Ok(new SchemeList(catalog.Schemes.Select(Summary).ToList(), catalog.Errors)))
            .WithName("ListSchemes").WithSummary("评价指标体系列表").Produces<SchemeList>();
        group.MapGet("/{id}", (string id, SchemeCatalog catalog) =>
                catalog.Find(id) is { } s ? TypedResults.Ok(Show(s)) : ProblemResponses.NotFound("指标体系"))
            .WithName("GetScheme").WithSummary("指标体系详情（类别、指标、规则、材料要求）").Produces<SchemeView>();
        group.MapGet("/{id}/lint", (string id, SchemeCatalog catalog) =>
                catalog.Find(id) is { } s ? TypedResults.Ok(Linter.Lint(s).Select(Finding).ToList()) : ProblemResponses.NotFound("指标体系"))
            .WithName("LintScheme").WithSummary("检查指标体系（分值、规则、区间、等次）").Produces<List<LintFindingView>>();
        group.MapGet("/{id}/facts", (string id, SchemeCatalog catalog) =>
                catalog.Find(id) is { } s
                    ? TypedResults.Ok(s.Items.SelectMany(i => i.Facts.Select(f => new SchemeFactView(i.Id, i.Title, Fact(f)))).ToList())
                    : ProblemResponses.NotFound("指标体系"))
            .WithName("SchemeFacts").WithSummary("指标体系需要采集的事实（类型、提供方）").Produces<List<SchemeFactView>>();
    }

    private static SchemeSummary Summary(Scheme s) =>
        new(s.Id, s.Version, s.Title, s.Issuer, s.Document, s.Date, s.Period, s.Total, s.Classes, s.Items.Count());

    private static SchemeView Show(Scheme s) =>
        new(Summary(s), s.Note, s.Grades, s.Vetoes, s.Resolutions, s.Categories.Select(c => Category(c, s)).ToList());

    private static CategoryView Category(Category c, Scheme s) =>
        new(c.Id, c.No, c.Title, c.Max, c.Note, c.Categories.Select(sub => Category(sub, s)).ToList(), c.Items.Select(i => Item(i, s)).ToList(),
            c.Capped, RuleText.Caps(c));

    private static ItemView Item(Item i, Scheme s) =>
        new(i.Id, i.No, i.Title, i.Max, i.Note, i.Classes, i.IsBonus, i.ValidFor, i.Method, i.Source, i.Wording, i.Evidence,
            i.Rule.Select(r => new RulePartView(r.Kind, r.Label, r.FactsRead.ToList(), RuleText.Describe(r, i, s))).ToList(), i.Facts.Select(Fact).ToList(),
            RuleText.AppliesTo(i, s), i.Units);

    private static FactView Fact(FactDefinition f) =>
        new(f.Key, f.Label, f.Type, f.Supplier, f.Columns.Select(c => new FactColumnView(c.Key, c.Label, c.Type)).ToList());

    private static LintFindingView Finding(LintFinding f) =>
        new(f.Code, f.Severity, f.NodePath, f.NodeId, f.Message, f.Span.Line, f.Span.Column, f.IsResolved, f.Resolution);
}
