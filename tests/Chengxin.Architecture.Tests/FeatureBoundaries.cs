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
        ["Campaigns.ReadinessItemView"] = "one open matter in the answer of the readiness query",
        ["Campaigns.ReadinessCounts"] = "what is open before the next step, counted by grouped queries: the office's tasks ask it",
        ["Campaigns.ReadinessSummary"] = "the counted answer of readiness, with the first names of each open matter",
        // Submissions: a unit's report, which review, spot check and provider grid work on.
        ["Submissions.SubmissionContext"] = "a unit's submission loaded once (campaign, unit, class, compiled scheme) and the checks on entered facts",
        ["Submissions.EvidenceStore"] = "the content store under SHA-256 that letters' scans share with evidence",
        // Facts: the one query for a unit's facts from every source (docs/adr/0007).
        ["Facts.CampaignFacts"] = "the one query for a unit's facts from every source",
        ["Facts.FactsMember"] = "a unit as the facts query takes it",
        ["Facts.SpotCheckFindings"] = "the spot-check source of the facts query",
        ["Schemes.SchemeCatalog"] = "the built-in schemes",
        ["Users.UserReach"] = "which accounts the caller reaches (the audit log filters by it)",
        // Results: the one read of a campaign's results, from their stored rows (docs/adr/0007).
        ["Results.ResultQueries"] = "a campaign's results (stored rows or the published snapshot) kept to the caller's scope, and its appeals",
        ["Results.CampaignAppealView"] = "one appeal as the office sees it, which the score-sheet export lists",
        ["Results.StoredResults"] = "a campaign's stored results brought up to date, and the ranks over them",
        ["Results.StoredCampaignResults"] = "the answer of the stored-results read",
        ["Results.StoredRanks"] = "a campaign's stored ranks made current (or left to the ranks worker), which the dashboard reads as the ranking does",
        ["Results.ResultSettings"] = "up to how many units a read ranks a campaign itself, which the dashboard follows as the ranking does",
        ["Results.StoredItemResult"] = "one item of a stored result",
        ["Results.CampaignResultView"] = "results as the office sees them, which the dashboard, exports and periods show",
        ["Results.UnitResultView"] = "one unit's result in the results view",
        ["Results.ItemResultView"] = "one item's result in the results view",
        ["Results.PeriodInputs"] = "the earlier published results a period's composite or carried points read",
        ["Results.PeriodContext"] = "the period inputs of one campaign",
        ["Results.PeriodSourceView"] = "one earlier published campaign a period read",
        ["Results.PublishedSnapshots"] = "the latest published snapshot past the filters, which the office's and the public bulletin are made from",
        // Workspace: the progress board of a campaign, which the leaders' dashboard shows beside the results.
        ["Workspace.CampaignProgress"] = "who has submitted what in a campaign, and what is late",
        // Monitoring sources of facts: one more source each (docs/adr/0007), read by the facts query and named in explanations.
        ["Disclosures.DisclosureCampaignFacts"] = "the 双公示 statistics of a campaign's units, and the records that cost points",
        ["Events.MonitoringFacts"] = "confirmed complaints, opinion and list hits of a campaign's units, and what they were counted from",
        ["Surveys.SurveyFacts"] = "the satisfaction figures of the public questionnaire, which the facts query reads as system facts",
        ["DishonestLists.TableUpload"] = "reading an uploaded CSV or XLSX table (encoding detected), shared by the two monitoring registers",
        ["DishonestLists.ImportListSnapshot"] = "the words for a list's kind, which an explanation naming a list hit uses",
        // Notifications: every workflow step tells its people through one call that commits with the step (a transactional outbox).
        ["Notifications.Notices"] = "posts a notice to users, a unit's liaisons or the office, with the action that caused it",
        ["Notifications.Notice"] = "what a user is told, and the cause that is never told twice",
        ["DishonestLists.ManagePersons"] = "the masking of an id number, which an explanation naming a person hit uses",
    };

}
