namespace Chengxin.Server.Data;

/// <summary>
/// The kinds of a <see cref="ReportRecord"/>: a unit's report and its supplement after a return. Submissions records them as
/// units report; Campaigns records the missing ones when review starts; results count them.
/// </summary>
public static class ReportKinds
{
    public const string Submission = "submission";
    public const string Supplement = "supplement";
}
