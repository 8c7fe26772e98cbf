using System.Globalization;
using System.Text.Json;
using Chengxin.Documents;
using Chengxin.Documents.Bulletins;
using Chengxin.Domain.Bulletins;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;

namespace Chengxin.Cli;

/// <summary>
/// bulletin: a bulletin (通报) of a `score --format json` results file, as DOCX (the default layout or an office's template) or
/// PDF, for a scripted monthly run. The sentences, tables and charts are those the platform writes; reporting timeliness is
/// the platform's alone (a results file does not hold it).
/// </summary>
public static class BulletinVerb
{
    public sealed record Options(string Results, string? Previous, string? PreviousLabel, string Period, string? Name, string Format, string? Template,
        string? Issuer, string? Number, DateOnly? Date, string Output);

    public static int Run(CliContext ctx, Scheme scheme, Options o)
    {
        var compiled = new CompiledScheme(scheme, OfficialCalendar.Load(ctx.Root));
        var units = Read(o.Results, compiled);
        var input = new BulletinInput(o.Name ?? $"{scheme.Title}（{o.Period}）", o.Period, scheme.Grades.Select(g => g.Name).ToList(),
            scheme.Categories.Select(c => new BulletinCategory(c.Title, c.Max)).ToList(), units);
        if (o.Previous is not null)
            input = input with { Previous = new BulletinPreviousPeriod(o.PreviousLabel ?? "上期", Read(o.Previous, compiled)) };
        var content = BulletinComposer.Compose(input);
        var issuer = o.Issuer ?? scheme.Issuer ?? throw new CliException("方案没有发文机关，请用 --issuer 给出 (the scheme names no issuer; give --issuer)");
        var header = new BulletinHeader(issuer, o.Number, o.Date ?? DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime));
        var charts = BulletinDocument.Charts(content);

        using var output = new MemoryStream();
        try
        {
            if (o.Format == "pdf")
                PdfWriter.Write(BulletinDocument.Build(content, header, charts), output);
            else if (o.Template is not null)
                DocxTemplate.Fill(ReadBytes(o.Template, "模板"), BulletinDocument.Data(content, header, charts), output);
            else
                DocxWriter.Write(BulletinDocument.Build(content, header, charts), output);
        }
        catch (DocumentException e)
        {
            throw new CliException(e.Message);
        }
        try
        {
            File.WriteAllBytes(o.Output, output.ToArray());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"无法写入 {o.Output}：{e.Message}");
        }
        ctx.Out.WriteLine($"已生成通报 {o.Output}：{content.Ranking.Count} 个单位，SHA-256 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(output.ToArray()))}");
        return ChengxinCli.Ok;
    }

    /// <summary>A results file's units, their points per first-level category summed from the items' scores.</summary>
    private static List<BulletinUnit> Read(string path, CompiledScheme scheme)
    {
        var itemCategory = scheme.Items.ToDictionary(ci => ci.Item.Id, ci => scheme.Nodes[ci.AncestorNodes[0]].Id, StringComparer.Ordinal);
        var categories = scheme.Scheme.Categories.Select(c => c.Id).ToList();
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(ExistingFile(path, "结果文件")));
            var units = new List<BulletinUnit>();
            foreach (var r in doc.RootElement.GetProperty("results").EnumerateArray())
            {
                var items = r.TryGetProperty("items", out var list) ? list.EnumerateArray().Select(i => (Id: i.GetProperty("id").GetString()!, Score: i.GetProperty("score").GetDecimal())).ToList() : [];
                units.Add(new BulletinUnit(r.GetProperty("unit").GetString()!, r.GetProperty("name").GetString()!, r.GetProperty("total").GetDecimal(),
                    r.TryGetProperty("grade", out var g) && g.ValueKind == JsonValueKind.String ? g.GetString() : null, r.GetProperty("rank").GetInt32(),
                    categories.Select(c => items.Where(i => itemCategory.GetValueOrDefault(i.Id) == c).Sum(i => i.Score)).ToList()));
            }
            return units;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new CliException($"{path} 不是 score --format json 的结果文件：{ResultsFileProblem.Describe(e)}");
        }
    }

    private static string ExistingFile(string path, string what) =>
        File.Exists(path) ? path : throw new CliException($"找不到{what} {path} (no such file)");

    private static byte[] ReadBytes(string path, string what) => File.ReadAllBytes(ExistingFile(path, what));

    public static DateOnly? ParseDate(string? text) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new CliException($"日期 {text} 须写成 2026-10-15 (date as yyyy-MM-dd)");
}
