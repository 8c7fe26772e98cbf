using System.Reflection;
using Chengxin.Domain.Bulletins;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Chengxin.Documents.Bulletins;

/// <summary>
/// The default bulletin templates that ship with the product, one per seed family's way of reporting, in the notice layout of
/// <see cref="DocxWriter"/>. An office downloads one, edits it in Word and uploads it as its own. They are embedded DOCX files
/// (Templates/*.docx) made by <see cref="Layout"/>; CHENGXIN_WRITE_TEMPLATES=1 on the Documents tests writes them again after a
/// change to the layout.
/// </summary>
public static class BulletinTemplates
{
    /// <summary>Seed 002: the red, blue and yellow lists are the point of the bulletin.</summary>
    public const string Lists = "lists";

    /// <summary>Seed 003: a task force's monthly and quarterly bulletin, reporting first, no grades.</summary>
    public const string Taskforce = "taskforce";

    /// <summary>Seed 004 and every other scheme: a ranking by grade.</summary>
    public const string Grades = "grades";

    public static readonly IReadOnlyList<string> Kinds = [Lists, Taskforce, Grades];

    /// <summary>The kind of default template that fits a composed bulletin.</summary>
    public static string KindOf(BulletinContent c) => c.GradesAreLists ? Lists : c.GradeLists.Count == 0 ? Taskforce : Grades;

    public static string FileName(string kind) => $"bulletin-{kind}.docx";

    /// <summary>The embedded default template of a kind.</summary>
    public static byte[] Default(string kind)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Chengxin.Documents.Templates.{FileName(kind)}")
            ?? throw new DocumentException("没有这种默认模板");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>Checks an office's template against the names a bulletin offers; a <see cref="DocumentException"/> says what is wrong and where.</summary>
    public static void Check(byte[] template) => DocxTemplate.Check(template, Shape.Value);

    /// <summary>The grade names of the built-in schemes, which a template may use as fields (the units of that grade).</summary>
    public static readonly IReadOnlyList<string> KnownGrades = ["红名单", "蓝名单", "黄名单", "优秀", "良好", "合格", "不合格", "一般", "较差"];

    private static readonly Lazy<TemplateData> Shape = new(() =>
    {
        var content = BulletinComposer.Compose(new BulletinInput("示例批次", "示例期", [], [], []));
        // Charts of no units: the check needs their names, not their pictures.
        var pixel = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");
        var data = BulletinDocument.Data(content, new BulletinHeader("示例", null, new DateOnly(2026, 1, 1)), new BulletinCharts(pixel, pixel, pixel));
        // Grades are the scheme's own names; a template for seed 002 or 004 may name each of them as a field.
        var fields = new Dictionary<string, string>(data.Fields, StringComparer.Ordinal);
        foreach (var grade in KnownGrades) fields.TryAdd(grade, "");
        return data with { Fields = fields };
    });

    /// <summary>Writes the default template of a kind in the notice layout, with placeholders where a bulletin's words go.</summary>
    public static byte[] Layout(string kind)
    {
        var body = new List<DocumentBlock> { new ParagraphBlock("现将{{批次}}（{{期别}}）评价结果通报如下。") };
        var rankingRow = new[] { "{{#rows 排名}}{{名次}}", "{{单位}}", "{{总分}}", "{{等次}}", "{{名次变化}}{{/rows}}" };
        var categoryRow = new[] { "{{#rows 指标}}{{指标}}", "{{满分}}", "{{平均分}}", "{{得分率}}{{/rows}}" };
        switch (kind)
        {
            case Lists:
                body.AddRange([
                    new HeadingBlock("一、总体情况"), new ParagraphBlock("{{总体情况}}"), new ParagraphBlock("{{chart 等次分布}}"),
                    new HeadingBlock("二、红名单、蓝名单、黄名单"),
                    new ParagraphBlock("红名单：{{红名单}}。"), new ParagraphBlock("蓝名单：{{蓝名单}}。"), new ParagraphBlock("黄名单：{{黄名单}}。"),
                    new HeadingBlock("三、评价排名"), new TableBlock(["名次", "单位", "总分", "名单", "名次变化"], [rankingRow], [1, 4, 2, 2, 2]),
                    new HeadingBlock("四、各项指标得分情况"), new TableBlock(["指标", "满分", "平均分", "得分率"], [categoryRow], [4, 1, 1, 1]),
                    new HeadingBlock("五、各期走势"), new ParagraphBlock("{{chart 走势}}"),
                ]);
                break;
            case Taskforce:
                body.AddRange([
                    new HeadingBlock("一、总体情况"), new ParagraphBlock("{{总体情况}}"),
                    new HeadingBlock("二、报送情况"), new ParagraphBlock("{{报送情况}}"),
                    new TableBlock(["单位", "报送情况"], [["{{#rows 报送}}{{单位}}", "{{报送情况}}{{/rows}}"]], [3, 1]),
                    new HeadingBlock("三、考评排名"),
                    new TableBlock(["名次", "单位", "得分", "名次变化"], [[rankingRow[0], rankingRow[1], rankingRow[2], rankingRow[4]]], [1, 4, 2, 2]),
                    new ParagraphBlock("{{chart 排名}}"),
                    new HeadingBlock("四、各项指标得分情况"), new TableBlock(["指标", "满分", "平均分", "得分率"], [categoryRow], [4, 1, 1, 1]),
                    new HeadingBlock("五、各期走势"), new ParagraphBlock("{{chart 走势}}"),
                ]);
                break;
            default:
                body.AddRange([
                    new HeadingBlock("一、总体情况"), new ParagraphBlock("{{总体情况}}"), new ParagraphBlock("{{chart 等次分布}}"),
                    new HeadingBlock("二、评价排名"), new TableBlock(["名次", "单位", "总分", "等次", "名次变化"], [rankingRow], [1, 4, 2, 2, 2]),
                    new ParagraphBlock("{{chart 排名}}"),
                    new HeadingBlock("三、各等次单位"), new ParagraphBlock("{{等次名单}}"),
                    new HeadingBlock("四、各项指标得分情况"), new TableBlock(["指标", "满分", "平均分", "得分率"], [categoryRow], [4, 1, 1, 1]),
                ]);
                break;
        }
        var sentinel = new DateOnly(1900, 1, 1);
        var document = new OfficialDocument("{{发文机关}}", "{{文号}}", sentinel, "{{标题}}", body) { Addressee = "{{主送}}", Signature = "{{发文机关}}" };
        using var stream = new MemoryStream();
        DocxWriter.Write(document, stream);
        using (var docx = WordprocessingDocument.Open(stream, true))
        {
            var paragraphs = docx.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().ToList();
            foreach (var text in paragraphs.SelectMany(p => p.Descendants<Text>()).Where(t => t.Text == DocxWriter.ChineseDate(sentinel)))
                text.Text = "{{日期}}";
            // A chart is a picture centred on its own line, not an indented paragraph.
            foreach (var p in paragraphs.Where(p => p.InnerText.StartsWith("{{chart", StringComparison.Ordinal)))
            {
                p.ParagraphProperties!.Justification = new Justification { Val = JustificationValues.Center };
                p.ParagraphProperties.Indentation?.Remove();
            }
            docx.MainDocumentPart.Document.Save();
        }
        return stream.ToArray();
    }
}
