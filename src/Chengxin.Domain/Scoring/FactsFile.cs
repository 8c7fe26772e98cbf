using System.Globalization;
using System.Text.Json;
using Chengxin.Domain.Schemes;

namespace Chengxin.Domain.Scoring;

/// <summary>A facts file that cannot be used: names the unit and the fact.</summary>
public sealed class FactsFileException(string message) : Exception(message);

/// <summary>
/// Reads the facts file format: {"units":[{"id","name","class","group","period","facts":{key: value}}]}.
/// Ledgers are arrays of objects; judgements are {"points", "reason"}. Values are checked against
/// the scheme's declarations, and every error names the unit and the fact.
/// </summary>
public static class FactsFile
{
    public static IReadOnlyList<UnitFacts> Parse(string json, CompiledScheme scheme, string? file = null)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new FactsFileException($"{file ?? "事实文件"}：JSON 格式错误，第 {e.LineNumber + 1} 行：{e.Message}");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("units", out var units) || units.ValueKind != JsonValueKind.Array)
                throw new FactsFileException($"{file ?? "事实文件"}：应为 {{\"units\": [ … ]}}");
            var result = new List<UnitFacts>();
            var seen = new HashSet<string>();
            var index = 0;
            foreach (var u in units.EnumerateArray())
            {
                index++;
                var id = Str(u, "id") ?? throw new FactsFileException($"{file ?? "事实文件"}：第 {index} 个单位缺少 id");
                // The unit as the file names it: its name where it has one, else the id the file gave it.
                var unit = Str(u, "name") ?? id;
                if (!seen.Add(id)) throw new FactsFileException($"单位「{unit}」在文件中出现了两次");
                var cls = Str(u, "class") ?? throw new FactsFileException($"单位「{unit}」缺少 class（单位类别）");
                if (scheme.Scheme.Classes.Count > 0 && scheme.Scheme.Classes.All(c => c.Id != cls))
                    throw new FactsFileException($"单位「{unit}」的类别「{cls}」不在指标体系「{scheme.Scheme.Title}」中（可用：{string.Join("、", scheme.Scheme.Classes.Select(c => $"{c.Id}（{c.Name}）"))}）");
                var facts = scheme.NewFacts(id, cls, Str(u, "name"), Str(u, "group"), Str(u, "period"));
                if (u.TryGetProperty("facts", out var fs))
                {
                    if (fs.ValueKind != JsonValueKind.Object) throw new FactsFileException($"单位「{unit}」的 facts 应为对象");
                    foreach (var p in fs.EnumerateObject())
                    {
                        if (p.Value.ValueKind == JsonValueKind.Null) continue;
                        facts.Set(p.Name, ReadFact(scheme, unit, p.Name, p.Value));
                    }
                }
                result.Add(facts);
            }
            return result;
        }
    }

    /// <summary>
    /// One fact of one unit in its JSON form, checked against the scheme's declaration: the one reader of a stored or
    /// entered value. Errors name the unit as the caller words it (its name), the item by its number and title and the fact by
    /// its label, never by the key the scheme stores it under.
    /// </summary>
    public static FactValue ReadFact(CompiledScheme scheme, string unit, string key, JsonElement value)
    {
        var slot = scheme.SlotOf(key) ?? throw new FactsFileException($"单位「{unit}」：方案中没有名为「{key}」的事实");
        var def = scheme.FactDefinitions[slot];
        return Read(value, def.Type, def.Columns, $"单位「{unit}」{ItemOf(scheme, key)}「{def.Label}」");
    }

    private static string ItemOf(CompiledScheme scheme, string key) =>
        scheme.Items.FirstOrDefault(ci => ci.Item.Facts.Any(f => f.Key == key)) is { } ci ? $"指标 {ci.Item.No ?? ci.Item.Id}「{ci.Item.Title}」的" : "的";

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    internal static FactValue Read(JsonElement v, FactType type, IReadOnlyList<FactColumn> columns, string what)
    {
        switch (type)
        {
            case FactType.Bool:
                return v.ValueKind switch
                {
                    JsonValueKind.True => FactValue.Bool(true),
                    JsonValueKind.False => FactValue.Bool(false),
                    _ => throw new FactsFileException($"{what} 应为 true 或 false，实为 {v.GetRawText()}"),
                };
            case FactType.Count:
                if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var n) || n < 0)
                    throw new FactsFileException($"{what} 应为不小于 0 的整数，实为 {v.GetRawText()}");
                return FactValue.Count(n);
            case FactType.Number:
            case FactType.Percent:
                if (v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var d))
                    throw new FactsFileException($"{what} 应为数值，实为 {v.GetRawText()}");
                if (type == FactType.Percent && (d < 0 || d > 100))
                    throw new FactsFileException($"{what} 是百分比，应在 0 到 100 之间，实为 {d.Text()}");
                return type == FactType.Percent ? FactValue.Percent(d) : FactValue.Num(d);
            case FactType.Date:
                if (v.ValueKind != JsonValueKind.String || !DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    throw new FactsFileException($"{what} 应为日期 yyyy-MM-dd，实为 {v.GetRawText()}");
                return FactValue.Date(date);
            case FactType.Text:
                if (v.ValueKind != JsonValueKind.String) throw new FactsFileException($"{what} 应为文本，实为 {v.GetRawText()}");
                return FactValue.OfText(v.GetString()!);
            case FactType.Judgement:
                if (v.ValueKind != JsonValueKind.Object || !v.TryGetProperty("points", out var pts) || !pts.TryGetDecimal(out var points))
                    throw new FactsFileException($"{what} 应为 {{\"points\": 分值, \"reason\": \"理由\"}}，实为 {v.GetRawText()}");
                var reason = Str(v, "reason");
                if (string.IsNullOrWhiteSpace(reason)) throw new FactsFileException($"{what}：评审给分须说明理由（reason）");
                return FactValue.OfJudgement(new Judgement(points, reason));
            case FactType.Ledger:
                if (v.ValueKind != JsonValueKind.Array) throw new FactsFileException($"{what} 是台账，应为记录数组，实为 {v.GetRawText()}");
                var rows = new List<LedgerRow>();
                var i = 0;
                foreach (var row in v.EnumerateArray())
                {
                    i++;
                    if (row.ValueKind != JsonValueKind.Object) throw new FactsFileException($"{what} 第 {i} 条记录应为对象");
                    var cells = new Dictionary<string, FactValue>();
                    foreach (var cell in row.EnumerateObject())
                    {
                        var col = columns.FirstOrDefault(c => c.Key == cell.Name)
                            ?? throw new FactsFileException($"{what} 第 {i} 条记录有未声明的列 '{cell.Name}'（可用：{string.Join("、", columns.Select(c => c.Key))}）");
                        if (cell.Value.ValueKind == JsonValueKind.Null) continue;
                        cells[cell.Name] = Read(cell.Value, col.Type, [], $"{what} 第 {i} 条记录的列 '{cell.Name}'（{col.Label}）");
                    }
                    rows.Add(new LedgerRow(cells));
                }
                return FactValue.Ledger(rows);
            default:
                throw new FactsFileException($"{what}：不支持的类型 {type}");
        }
    }
}
