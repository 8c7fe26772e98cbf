using Chengxin.Domain.FollowUp;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.FollowUp;

public sealed record OrderStepView(long Id, OrderStepKind Kind, string KindName, string Text, DateTimeOffset? HeldAt, string? Attendees,
    string? Commitments, string? ReferredTo, string ByName, DateTimeOffset At, IReadOnlyList<OrderEvidenceView> Evidence);

public sealed record OrderEvidenceView(long Id, string FileName, string TypeName, long Size, string UploadedByName, DateTimeOffset UploadedAt);

/// <summary>An order with its whole history: what the office and the unit see, and what a referral carries.</summary>
public sealed record OrderCaseView(OrderView Order, IReadOnlyList<OrderStepView> Steps, IReadOnlyList<OrderEvidenceView> PendingEvidence,
    FollowUpDocument Document);

/// <summary>A section of a printed follow-up document: a heading and its paragraphs.</summary>
public sealed record DocumentSection(string Heading, IReadOnlyList<string> Paragraphs);

/// <summary>
/// The content of a printed supervision order or case referral (title, number, addressee, sections, issuer and date), built by a
/// pure function from the order and its history. The DOCX/PDF printing of the bulletins' document library renders this record with
/// the office's header; until that library lands the web app shows it as one page.
/// </summary>
public sealed record FollowUpDocument(string Title, string Number, string Addressee, IReadOnlyList<DocumentSection> Sections, string Issuer,
    DateOnly Date);

internal static class FollowUpDocuments
{
    public static string StepName(OrderStepKind kind) => kind switch
    {
        OrderStepKind.Issued => "下发督办",
        OrderStepKind.Replied => "整改报告",
        OrderStepKind.Passed => "核验通过",
        OrderStepKind.Failed => "核验不通过",
        OrderStepKind.Interviewed => "约谈",
        _ => "移交问责线索",
    };

    public static OrderStepView View(OrderStep s, IEnumerable<OrderEvidence> evidence) =>
        new(s.Id, s.Kind, StepName(s.Kind), s.Text, BeijingTime.Local(s.HeldAt), s.Attendees, s.Commitments, s.ReferredTo, s.ByName,
            BeijingTime.Local(s.At), evidence.Where(e => e.StepId == s.Id).Select(View).ToList());

    public static OrderEvidenceView View(OrderEvidence e) =>
        new(e.Id, e.FileName, TypeName(e.ContentType), e.Size, e.UploadedByName, BeijingTime.Local(e.UploadedAt));

    private static string TypeName(string contentType) =>
        Submissions.EvidenceStore.Pdf.ContentType == contentType ? "PDF"
        : Submissions.EvidenceStore.Png.ContentType == contentType ? "PNG 图片"
        : Submissions.EvidenceStore.Jpeg.ContentType == contentType ? "JPEG 图片"
        : Submissions.EvidenceStore.Docx.ContentType == contentType ? "Word 文档"
        : Submissions.EvidenceStore.Xlsx.ContentType == contentType ? "Excel 表格"
        : Submissions.EvidenceStore.Text.ContentType == contentType ? "文本"
        : "文件";

    /// <summary>
    /// The order as a document: a supervision order while it is only issued, the case referral (问责线索移交) with every step once it
    /// is referred, and otherwise the order with its history so far.
    /// </summary>
    public static FollowUpDocument Build(OrderView order, string office, IReadOnlyList<OrderStepView> steps)
    {
        var referred = steps.LastOrDefault(s => s.Kind == OrderStepKind.Referred);
        var sections = new List<DocumentSection>
        {
            new("存在问题", [order.Problem]),
            new("整改要求", [order.Requirement, $"请于 {order.Deadline:yyyy年M月d日 HH:mm} 前完成整改，并报送整改报告及佐证材料。"]),
        };
        var history = steps.Where(s => s.Kind != OrderStepKind.Issued).Select(s => Paragraph(s)).ToList();
        if (history.Count > 0)
            sections.Add(new DocumentSection("督办过程", history));
        if (referred is not null)
            sections.Add(new DocumentSection("移交意见", [$"移交{referred.ReferredTo}：{referred.Text}"]));
        var title = referred is not null ? "问责线索移交函" : order.State == OrderState.Issued ? "督办单" : "督办情况";
        return new FollowUpDocument(title, order.Number, referred?.ReferredTo ?? order.UnitName, sections, office,
            DateOnly.FromDateTime((referred?.At ?? order.IssuedAt).DateTime));
    }

    private static string Paragraph(OrderStepView s)
    {
        var text = $"{s.At:yyyy年M月d日}，{s.KindName}（{s.ByName}）：{s.Text}";
        if (s.Kind == OrderStepKind.Interviewed)
            text += $" 约谈时间：{s.HeldAt:yyyy年M月d日 HH:mm}；参加人员：{s.Attendees}；整改承诺：{s.Commitments}。";
        if (s.Evidence.Count > 0)
            text += $" 佐证材料：{string.Join("、", s.Evidence.Select(e => e.FileName))}。";
        return text;
    }
}
