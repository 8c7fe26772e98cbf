using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Chengxin.Documents;
using Chengxin.Domain.FollowUp;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.FollowUp;

/// <summary>
/// A follow-up document printed as DOCX or PDF with the office's header (the shared official-document generator, as the
/// bulletins use it): the supervision order (督办单), the record of its latest interview (约谈记录), the referral of the case with
/// its whole history (问题线索移交函), and a work reminder (工作提示单). Whoever may see the case may print it; a document the
/// case has not reached yet (no interview, not referred) is a 409. Every file made is audited with its SHA-256, so a copy on
/// someone's desk can be traced to who printed it and when.
/// </summary>
public static class PrintFollowUpDocument
{
    public const string Action = "printed";

    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static async Task<IResult> Order(long id, string? format, string? kind, ChengxinDbContext db, AccessScope scope, TimeProvider clock,
        HttpResponse response, CancellationToken ct)
    {
        var validation = FormatChecked(format)
            .Check(kind is null or "order" or "interview" or "referral", "kind", "文书只能是督办单、约谈记录或问题线索移交函。");
        if (!validation.IsValid)
            return validation.Problem();
        var order = await db.SupervisionOrders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
            return ProblemResponses.NotFound("督办单");
        var now = clock.GetUtcNow();
        var @case = await GetOrder.CaseAsync(db, order, now, ct);
        var (document, name, refusal) = kind switch
        {
            "interview" => (InterviewRecord(@case), "约谈记录", "该督办单尚未约谈，还没有约谈记录可以打印。"),
            "referral" => (Referral(@case), "问题线索移交函", "该督办单尚未移交问责，还没有问题线索移交函可以打印。"),
            _ => (SupervisionOrder(@case), "督办单", ""),
        };
        if (document is null)
            return ProblemResponses.Conflict(refusal);
        return await FileAsync(db, scope, response, document, format == "pdf", name,
            new Printed(order.TenantId, "supervision-order", order.Id, order.UnitId, @case.Order.UnitName), now, ct);
    }

    public static async Task<IResult> Reminder(long id, string? format, ChengxinDbContext db, AccessScope scope, TimeProvider clock,
        HttpResponse response, CancellationToken ct)
    {
        var validation = FormatChecked(format);
        if (!validation.IsValid)
            return validation.Problem();
        var reminder = await db.WorkReminders.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (reminder is null)
            return ProblemResponses.NotFound("提示单");
        var names = await FollowUpContext.UnitNamesAsync(db, [reminder.UnitId], ct);
        var office = await db.CreditOffices.AsNoTracking().Where(o => o.Id == reminder.TenantId).Select(o => o.Name).FirstAsync(ct);
        var document = WorkReminder(FollowUpContext.View(reminder, names[reminder.UnitId]), office);
        return await FileAsync(db, scope, response, document, format == "pdf", "工作提示单",
            new Printed(reminder.TenantId, "work-reminder", reminder.Id, reminder.UnitId, names[reminder.UnitId]), clock.GetUtcNow(), ct);
    }

    /// <summary>The supervision order as issued to the unit: the problem, the requirement and the rectification deadline.</summary>
    public static FollowUpDocument SupervisionOrder(OrderCaseView c)
    {
        var order = c.Order;
        var deadline = $"请于{Moment(order.Deadline)}前完成整改，并报送整改报告及佐证材料。逾期未完成或整改不到位的，将依规进行约谈提醒。";
        // After an interview the order's deadline is the one the unit committed to there; the printed order says so.
        if (c.Steps.Any(s => s.Kind == OrderStepKind.Interviewed))
            deadline = $"经约谈，整改期限调整为{Moment(order.Deadline)}。请按期完成整改，并报送整改报告及佐证材料。";
        return new FollowUpDocument($"关于督促{order.UnitName}限期整改的督办单", order.Number, order.UnitName,
            [
                new("", ["经督导检查，你单位存在下列问题，现予挂牌督办。请高度重视，认真组织整改，按期报送整改情况。"]),
                new("存在问题", [Sentence(order.Problem)]),
                new("整改要求", [Sentence(order.Requirement)]),
                new("整改期限", [deadline]),
            ],
            c.Document.Issuer, Day(order.IssuedAt));
    }

    /// <summary>The record of the order's latest interview, or null before there is one.</summary>
    public static FollowUpDocument? InterviewRecord(OrderCaseView c)
    {
        var at = c.Steps.ToList().FindLastIndex(s => s.Kind == OrderStepKind.Interviewed);
        if (at < 0)
            return null;
        var interview = c.Steps[at];
        var order = c.Order;
        var cause = at > 0 && c.Steps[at - 1].Kind == OrderStepKind.Failed
            ? $"整改报告经核验不通过（{c.Steps[at - 1].Text.TrimEnd('。')}）"
            : "逾期未完成整改";
        var held = interview.HeldAt ?? interview.At;
        // The order's deadline is the one this interview set as long as no later interview has moved it again.
        DocumentSection[] deadline = c.Steps.Skip(at + 1).Any(s => s.Kind == OrderStepKind.Interviewed)
            ? []
            : [new DocumentSection("整改期限", [$"请于{Moment(order.Deadline)}前整改到位，并报送整改报告及佐证材料。"])];
        return new FollowUpDocument($"关于{order.UnitName}督办整改事项的约谈记录", order.Number, order.UnitName,
            [
                new("", [$"你单位督办单{order.Number}（{order.Problem.TrimEnd('。')}）{cause}。{c.Document.Issuer}于{Moment(held)}对你单位进行约谈提醒，现将约谈情况记录如下。"]),
                new("约谈时间", [Moment(held)]),
                new("参加人员", [interview.Attendees ?? ""]),
                new("约谈内容", [Sentence(interview.Text)]),
                new("整改承诺", [Sentence(interview.Commitments ?? "")]),
                .. deadline,
            ],
            c.Document.Issuer, Day(held));
    }

    /// <summary>The referral of the case to the supervising body with the whole history, or null before the case is referred.</summary>
    public static FollowUpDocument? Referral(OrderCaseView c)
    {
        var referred = c.Steps.LastOrDefault(s => s.Kind == OrderStepKind.Referred);
        if (referred is null)
            return null;
        var order = c.Order;
        return new FollowUpDocument($"关于{order.UnitName}督办事项的问题线索移交函", order.Number, referred.ReferredTo ?? "",
            [
                new("", [$"{order.UnitName}经督办、约谈后，仍未按要求时限、质效完成整改。现将该单位督办单{order.Number}的问题线索及督办全过程材料移交你单位，请依规处理。"]),
                new("存在问题", [Sentence(order.Problem)]),
                new("整改要求", [Sentence(order.Requirement)]),
                new("督办过程", c.Steps.Where(s => s.Kind != OrderStepKind.Referred).Select(History).ToList()),
                new("移交意见", [Sentence(referred.Text)]),
            ],
            c.Document.Issuer, Day(referred.At));
    }

    /// <summary>A work reminder as issued to the unit: what it is about and what the unit is to do by when.</summary>
    public static FollowUpDocument WorkReminder(ReminderView r, string office)
    {
        var requirement = new List<string> { Sentence(r.ExpectedResponse) };
        if (r.RespondBy is { } by)
            requirement.Add($"请于{Moment(by)}前反馈落实情况。");
        return new FollowUpDocument($"关于{Subject(r.Title)}的工作提示单", r.Number, r.UnitName,
            [
                new("", ["现将有关工作提示如下，请认真抓好落实。"]),
                new("提示事项", [Sentence(r.Content)]),
                new("工作要求", requirement),
            ],
            office, Day(r.IssuedAt));
    }

    /// <summary>
    /// A follow-up document in the official layout: a section without a heading is the opening paragraph; the others are numbered
    /// 一、二、… and each line a user typed is a paragraph of its own.
    /// </summary>
    public static OfficialDocument Official(FollowUpDocument d)
    {
        var body = new List<DocumentBlock>();
        var numbered = 0;
        foreach (var section in d.Sections)
        {
            if (section.Heading.Length > 0)
                body.Add(new HeadingBlock($"{Numerals[numbered++]}、{section.Heading}"));
            body.AddRange(section.Paragraphs.SelectMany(p => p.Split('\n')).Select(p => p.Trim()).Where(p => p.Length > 0)
                .Select(p => new ParagraphBlock(p)));
        }
        return new OfficialDocument(d.Issuer, d.Number, d.Date, d.Title, body) { Addressee = d.Addressee };
    }

    private const string Numerals = "一二三四五六七八九十";

    private sealed record Printed(long TenantId, string EntityType, long Id, long UnitId, string UnitName);

    private static async Task<IResult> FileAsync(ChengxinDbContext db, AccessScope scope, HttpResponse response, FollowUpDocument document, bool pdf,
        string name, Printed printed, DateTimeOffset now, CancellationToken ct)
    {
        byte[] file;
        using (var output = new MemoryStream())
        {
            if (pdf)
                PdfWriter.Write(Official(document), output);
            else
                DocxWriter.Write(Official(document), output);
            file = output.ToArray();
        }
        var sha = Convert.ToHexStringLower(SHA256.HashData(file));
        var after = JsonSerializer.Serialize(new { document = name, number = document.Number, format = pdf ? "PDF" : "Word", sha256 = sha }, AuditJson);
        // The chain's head is read and extended under one transaction, as every other append does it.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await AuditChain.AppendAsync(db, [new AuditDraft(printed.TenantId, now.UtcDateTime, scope.UserId, scope.ActorName,
                $"{printed.EntityType}.{Action}", printed.EntityType, printed.Id.ToString(CultureInfo.InvariantCulture), printed.UnitId, null, after)], ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        response.Headers["X-Document-Sha256"] = sha;
        return TypedResults.File(file, pdf ? "application/pdf" : DocxType, $"{name}{document.Number}-{printed.UnitName}.{(pdf ? "pdf" : "docx")}");
    }

    private static Validation FormatChecked(string? format) =>
        new Validation().Check(format is null or "docx" or "pdf", "format", "格式只能是 Word（DOCX）或 PDF。");

    /// <summary>What a reminder is about, from its title: 「报送截止提示」 → 报送截止, 「关于落实某某批示的提示」 → 落实某某批示.</summary>
    private static string Subject(string title)
    {
        var subject = title.Trim();
        if (subject.StartsWith("关于", StringComparison.Ordinal))
            subject = subject[2..];
        foreach (var ending in (string[])["的工作提示单", "工作提示单", "的提示单", "提示单", "的提示", "提示"])
        {
            if (subject.Length > ending.Length && subject.EndsWith(ending, StringComparison.Ordinal))
                return subject[..^ending.Length];
        }
        return subject;
    }

    private static string History(OrderStepView s)
    {
        // The issued step's text opens with what its name already says.
        var said = s.Kind == OrderStepKind.Issued && s.Text.StartsWith(IssuedOpening, StringComparison.Ordinal) ? s.Text[IssuedOpening.Length..] : s.Text;
        var text = $"{DocxWriter.ChineseDate(Day(s.At))}，{s.KindName}（{s.ByName}）：{Sentence(said)}";
        if (s.Kind == OrderStepKind.Interviewed)
            text += $"约谈时间：{(s.HeldAt is { } held ? Moment(held) : "")}；参加人员：{s.Attendees}；整改承诺：{s.Commitments?.TrimEnd('。')}。";
        if (s.Evidence.Count > 0)
            text += $"佐证材料：{string.Join("、", s.Evidence.Select(e => e.FileName))}。";
        return text;
    }

    private const string IssuedOpening = "下发督办单。";

    /// <summary>What a user typed as a sentence of the document: the full stop it lacks added, one per line.</summary>
    private static string Sentence(string text) =>
        string.Join('\n', text.Split('\n').Select(l => l.TrimEnd()).Select(l => l.Length == 0 || "。！？；…）”」".Contains(l[^1], StringComparison.Ordinal) ? l : l + "。"));

    private static string Moment(DateTimeOffset at)
    {
        var local = BeijingTime.Local(at);
        return string.Create(CultureInfo.InvariantCulture, $"{local.Year}年{local.Month}月{local.Day}日{local.Hour:00}:{local.Minute:00}");
    }

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(BeijingTime.Local(at).DateTime);

    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
