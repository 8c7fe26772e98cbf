using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using Chengxin.Sheets;

namespace Chengxin.Cli;

/// <summary>facts template: a blank facts file (JSON or XLSX) for a set of units.</summary>
public static class TemplateVerb
{
    public static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        // Chinese names and labels stay readable instead of becoming \uXXXX.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static int Run(CliContext ctx, Scheme scheme, string format, string? unitsCsv, int? count, string? output)
    {
        if (unitsCsv is not null && count is not null)
            throw new CliException("--units 与 --count 只能给一个 (give either --units or --count)");
        var compiled = new CompiledScheme(scheme);
        var units = unitsCsv is not null ? ReadUnits(unitsCsv, scheme) : BlankUnits(scheme, count ?? 1);
        var facts = units.Select(u => compiled.NewFacts(u.Id, u.Class, u.Name)).ToList();

        if (format == "xlsx")
        {
            var path = output ?? $"{scheme.Id}-facts.xlsx";
            try
            {
                using var stream = File.Create(path);
                FactsWorkbook.Write(stream, compiled, facts);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"无法写入文件 {path}：{e.Message}");
            }
            ctx.Err.WriteLine($"已写入 {path}：{facts.Count} 个单位 (written)");
        }
        else
        {
            Sink.WriteText(ctx, output, Json(compiled, facts));
        }
        if (units.Any(u => u.Class.Length == 0))
            ctx.Err.WriteLine($"请填写单位类别 (fill in each unit's class)：{string.Join("、", scheme.Classes.Select(c => $"{c.Id} {c.Name}"))}");
        return ChengxinCli.Ok;
    }

    /// <summary>Units u1…uN; the class is filled only when the scheme has one, so that nobody scores a guessed class.</summary>
    private static List<(string Id, string Name, string Class)> BlankUnits(Scheme scheme, int count)
    {
        if (count < 1) throw new CliException($"--count 应为正整数，实为 {count}");
        var cls = scheme.Classes.Count == 1 ? scheme.Classes[0].Id : "";
        return Enumerable.Range(1, count).Select(i => ($"u{i}", "", cls)).ToList();
    }

    /// <summary>A CSV with a header row naming id, name and class (in Chinese or English).</summary>
    private static List<(string Id, string Name, string Class)> ReadUnits(string path, Scheme scheme)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"无法读取单位名单 {path}：{e.Message}");
        }
        var records = Csv.Parse(text);
        if (records.Count == 0) throw new CliException($"单位名单 {path} 是空的，应有表头：单位编码,单位名称,单位类别");
        var header = records[0].Select(h => h.Trim()).ToList();
        int Column(params string[] names) => header.FindIndex(h => names.Contains(h, StringComparer.OrdinalIgnoreCase));
        var id = Column("id", "编码", "单位编码");
        var name = Column("name", "名称", "单位名称");
        var cls = Column("class", "类别", "单位类别");
        if (id < 0) throw new CliException($"单位名单 {path} 第 1 行应为表头，须有“单位编码”（id）列，实为：{string.Join(",", header)}");
        var units = new List<(string, string, string)>();
        var seen = new HashSet<string>();
        for (var i = 1; i < records.Count; i++)
        {
            string At(int c) => c >= 0 && c < records[i].Count ? records[i][c].Trim() : "";
            var unitId = At(id);
            var unitClass = At(cls);
            if (unitId.Length == 0) throw new CliException($"单位名单 {path} 第 {i + 1} 行缺少单位编码");
            if (!seen.Add(unitId)) throw new CliException($"单位名单 {path} 第 {i + 1} 行：单位 {unitId} 重复");
            if (unitClass.Length > 0 && scheme.Classes.Count > 0 && scheme.Classes.All(c => c.Id != unitClass && c.Name != unitClass))
                throw new CliException($"单位名单 {path} 第 {i + 1} 行：单位 {unitId} 的类别 '{unitClass}' 不在方案 {scheme.Id} 中（可用：{string.Join("、", scheme.Classes.Select(c => $"{c.Id} {c.Name}"))}）");
            // A list may name the class as the office does (乡镇); the facts file wants its id (town).
            var classId = scheme.Classes.FirstOrDefault(c => c.Name == unitClass)?.Id ?? unitClass;
            units.Add((unitId, At(name), classId));
        }
        return units;
    }

    /// <summary>The facts-file format with every declared fact present as null, so a person sees every key to fill.</summary>
    private static string Json(CompiledScheme compiled, IReadOnlyList<UnitFacts> units)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, JsonOptions))
        {
            w.WriteStartObject();
            w.WriteStartArray("units");
            foreach (var u in units)
            {
                w.WriteStartObject();
                w.WriteString("id", u.UnitId);
                w.WriteString("name", u.Name ?? "");
                w.WriteString("class", u.UnitClass);
                w.WriteStartObject("facts");
                foreach (var f in compiled.FactDefinitions)
                    w.WriteNull(f.Key);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }
}
