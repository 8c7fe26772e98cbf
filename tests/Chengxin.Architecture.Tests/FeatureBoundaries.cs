namespace Chengxin.Architecture.Tests;

/// <summary>
/// What a feature folder offers the others, listed in one place. A feature stands alone (docs/adr/0008): it calls another
/// feature only through a type that feature exposes on purpose (a query or a small context type), never through another
/// feature's handler class used as a library. Everything not listed here is internal to its folder.
/// </summary>
internal static class FeatureBoundaries
{
    /// <summary>The exposed types, by folder-qualified name, each with why others may use it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Exposed = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Campaigns is the base every campaign feature stands on.
        ["Campaigns.CampaignContext"] = "a campaign the caller may change, holding its state, a transition, an audited membership event",
        ["Campaigns.CampaignResponse"] = "what a campaign transition answers (publication is a transition of the campaign)",
        ["Campaigns.ReadinessOverrideRequest"] = "the body of every step that checks readiness",
        ["Campaigns.Readiness"] = "what is still open before the next step: the publication steps and the office's tasks ask it",
        ["Campaigns.ReadinessView"] = "the answer of the readiness query",
        ["Campaigns.ReadinessItemView"] = "one open matter in the answer of the readiness query",
        // Submissions: a unit's report, which review, spot check and provider grid work on.
        ["Submissions.SubmissionContext"] = "a unit's submission loaded once (campaign, unit, class, compiled scheme) and the checks on entered facts",
        ["Submissions.EvidenceStore"] = "the content store under SHA-256 that letters' scans share with evidence",
        // Facts: the one query for a unit's facts from every source (docs/adr/0007).
        ["Facts.CampaignFacts"] = "the one query for a unit's facts from every source",
        ["Facts.FactsMember"] = "a unit as the facts query takes it",
        ["Facts.SpotCheckFindings"] = "the spot-check source of the facts query",
        ["Schemes.SchemeCatalog"] = "the built-in schemes",
        ["SpotChecks.SpotCheckQueries"] = "how many spot checks are open, which are completed",
        ["Users.UserReach"] = "which accounts the caller reaches (the audit log filters by it)",
        // Results: the one read of a campaign's results, from their stored rows (docs/adr/0007).
        ["Results.StoredResults"] = "a campaign's stored results brought up to date, and the ranks over them",
        ["Results.StoredCampaignResults"] = "the answer of the stored-results read",
        ["Results.StoredItemResult"] = "one item of a stored result",
        ["Results.CampaignResultView"] = "results as the office sees them, which the dashboard, exports and periods show",
        ["Results.UnitResultView"] = "one unit's result in the results view",
        ["Results.ItemResultView"] = "one item's result in the results view",
        ["Results.PeriodInputs"] = "the earlier published results a period's composite or carried points read",
        ["Results.PeriodContext"] = "the period inputs of one campaign",
        ["Results.PeriodSourceView"] = "one earlier published campaign a period read",
        // Monitoring sources of facts: one more source each (docs/adr/0007), read by the facts query and named in explanations.
        ["Disclosures.DisclosureCampaignFacts"] = "the 双公示 statistics of a campaign's units, and the records that cost points",
        ["Events.MonitoringFacts"] = "confirmed complaints, opinion and list hits of a campaign's units, and what they were counted from",
        ["DishonestLists.TableUpload"] = "reading an uploaded CSV or XLSX table (encoding detected), shared by the two monitoring registers",
        ["DishonestLists.ImportListSnapshot"] = "the words for a list's kind, which an explanation naming a list hit uses",
    };

    /// <summary>
    /// Known references that live in the folders another engineer is rebuilding for stored results (Results, Dashboard,
    /// Exports, Periods); they go when that work lands. Nothing else may be added here.
    /// </summary>
    public static readonly IReadOnlySet<string> KnownInResultsWork = new HashSet<string>(StringComparer.Ordinal)
    {
        "Dashboard → Results.ManageResults",
        "Dashboard → Workspace.CampaignProgress",
        "Dashboard → Workspace.CampaignProgressView",
        "Exports → Results.CampaignAppealView",
        "Exports → Results.ManageAppeals",
        "Exports → Results.ManageResults",
    };

    /// <summary>Cycles between folders that live in the same results work (see <see cref="KnownInResultsWork"/>).</summary>
    public static readonly IReadOnlySet<string> KnownCycles = new HashSet<string>(StringComparer.Ordinal)
    {
    };
}
