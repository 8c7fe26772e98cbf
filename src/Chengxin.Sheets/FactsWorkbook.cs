using System.Globalization;
using System.Text.RegularExpressions;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;

namespace Chengxin.Sheets;

/// <summary>
/// The one facts workbook, written and read by the CLI (facts template, score) and written by the server's data-provider grid.
/// As an office reads it: units by name and code, every column headed by the fact's label (the item's title before it where
/// two facts share a label), a sheet per ledger with a record per row, and a sheet「填写说明」. No fact key is shown; a hidden
/// sheet「字段对照」maps each sheet and header to its key, so reading back is exact. A workbook whose hidden sheet was lost
/// reads by the labels, and one written before this format, its headers ending in the key in brackets, still reads.
/// </summary>
public static partial class FactsWorkbook
{
    public const string UnitsSheet = "单位事实";
    public const string GuideSheet = "填写说明";
    public const string KeysSheet = "字段对照";
    public const string NameHeader = "单位名称";
    public const string CodeHeader = "单位编码";
    public const string ClassHeader = "单位类别";

    /// <summary>A cell of a fact that does not apply to the unit's class: written by the server's grid, skipped when read.</summary>
    public const string NotApplicable = "（不适用）";

    // The keys of the unit columns in the hidden sheet, as the format before this one wrote them in its headers.
    private const string IdKey = "id";
    private const string NameKey = "name";
    private const string ClassKey = "class";

    private static readonly IReadOnlyList<string> KeysHeader = ["工作表", "列标题", "键"];

    /// <summary>A column of a facts sheet: the header a person reads and the key a program reads back.</summary>
    public sealed record Column(string Header, string Key);

    /// <summary>The unit columns a facts sheet starts with; the class is left out where the reader knows it (the server's grid).</summary>
    public static IReadOnlyList<Column> UnitColumns(bool withClass) =>
        withClass ? [new(NameHeader, NameKey), new(CodeHeader, IdKey), new(ClassHeader, ClassKey)] : [new(NameHeader, NameKey), new(CodeHeader, IdKey)];

    /// <summary>
    /// A fact's header: its label, with the title of the item that reads it before it where another of <paramref name="facts"/>
    /// has the same label. The server's grid heads its columns the same way, over the provider's facts only.
    /// </summary>
    public static string Header(IReadOnlyList<(Item Item, FactDefinition Fact)> facts, Item item, FactDefinition fact) =>
        facts.Count(f => f.Fact.Label == fact.Label) > 1 ? $"{item.Title}：{fact.Label}" : fact.Label;

    /// <summary>A facts sheet and the hidden sheet that names its columns' keys: how the server's grid writes its export.</summary>
    public static IReadOnlyList<XlsxSheet> Sheets(string sheetName, IReadOnlyList<Column> columns, IEnumerable<IReadOnlyList<object?>> rows) =>
        [new XlsxSheet(sheetName, [.. columns.Select(c => c.Header)], rows), Keys([(sheetName, columns)])];

    private static XlsxSheet Keys(IEnumerable<(string Sheet, IReadOnlyList<Column> Columns)> sheets) =>
        new(KeysSheet, KeysHeader, [.. sheets.SelectMany(s => s.Columns.Select(c => (IReadOnlyList<object?>)[s.Sheet, c.Header, c.Key]))], Hidden: true);

    // ---------------------------------------------------------------- writing

    /// <summary>Writes the units with whatever facts they hold (none: a blank template).</summary>
    public static void Write(Stream stream, CompiledScheme scheme, IReadOnlyList<UnitFacts> units)
    {
        var scalar = ScalarColumns(scheme);
        var ledgers = scheme.FactDefinitions.Where(f => f.Type == FactType.Ledger).ToList();
        var names = XlsxWriter.SheetNames([UnitsSheet, .. ledgers.Select(l => l.Label), GuideSheet]);
        var sheets = new List<XlsxSheet>();
        var keyed = new List<(string, IReadOnlyList<Column>)>();

        IReadOnlyList<Column> unitColumns = [.. UnitColumns(withClass: true), .. scalar.Select(c => c.Column)];
        sheets.Add(new XlsxSheet(names[0], [.. unitColumns.Select(c => c.Header)],
            [.. units.Select(u => (IReadOnlyList<object?>)[u.Name ?? "", u.UnitId, u.UnitClass, .. scalar.Select(c => c.Get(u))])]));
        keyed.Add((names[0], unitColumns));

        for (var i = 0; i < ledgers.Count; i++)
        {
            var ledger = ledgers[i];
            IReadOnlyList<Column> columns = [new(CodeHeader, IdKey), new(NameHeader, NameKey), .. ledger.Columns.Select(c => new Column(c.Label, c.Key))];
            sheets.Add(new XlsxSheet(names[i + 1], [.. columns.Select(c => c.Header)],
                [.. units.SelectMany(u => (u[ledger.Key].Rows ?? []).Select(record =>
                    (IReadOnlyList<object?>)[u.UnitId, u.Name ?? "", .. ledger.Columns.Select(c => CellValueOf(record[c.Key]))]))]));
            // The sheet itself stands for the ledger: an empty header names the sheet's key.
            keyed.Add((names[i + 1], [new("", ledger.Key), .. columns]));
        }

        var sheetOf = ledgers.Select((l, i) => (l.Key, Name: names[i + 1])).ToDictionary(x => x.Key, x => x.Name);
        sheets.Add(new XlsxSheet(names[^1], ["名称", "类型", "提供方", "填写方式", "所在工作表"],
            [.. scheme.FactDefinitions.Select(f => (IReadOnlyList<object?>)[f.Label, RuleText.TypeName(f.Type), RuleText.SupplierName(f.Supplier),
                RuleText.OnlyFor(scheme.Scheme, f.Key) is { } only ? $"{HowToFill(f, sheetOf)}；{only}，其他单位留空" : HowToFill(f, sheetOf),
                sheetOf.GetValueOrDefault(f.Key, names[0])])]));
        sheets.Add(Keys(keyed));
        XlsxWriter.Write(stream, sheets);
    }

    private static string HowToFill(FactDefinition f, IReadOnlyDictionary<string, string> sheetOf) => SystemFacts.IsSystem(f.Supplier)
        // The platform counts these from its own records; offline there are no records, so the count is typed in.
        ? "平台上由系统按报送记录统计，无需填写；离线评分时填写统计的次数（不小于 0 的整数），留空即缺少该事实"
        : f.Type switch
        {
            FactType.Bool => "填“是”或“否”",
            FactType.Count => "不小于 0 的整数",
            FactType.Number => "数值",
            FactType.Percent => "0 到 100 的数值（85 表示 85%）",
            FactType.Date => "日期 yyyy-MM-dd",
            FactType.Text => "文本",
            FactType.Ledger => $"在工作表「{sheetOf[f.Key]}」每行填一条记录，首列为单位编码；「{UnitsSheet}」中的记录条数可留空，填写则须与记录数一致，填 0 表示没有记录",
            FactType.Judgement => "分值与理由两列，须同时填写",
            _ => "",
        };

    private sealed record ScalarColumn(Column Column, FactDefinition Fact, string? Sub, Func<UnitFacts, object?> Get);

    private static List<ScalarColumn> ScalarColumns(CompiledScheme scheme)
    {
        var owners = scheme.FactDefinitions
            .Select(f => (Item: scheme.Scheme.Items.FirstOrDefault(i => i.Facts.Any(d => d.Key == f.Key)), Fact: f))
            .Where(x => x.Item is not null).Select(x => (Item: x.Item!, x.Fact)).ToList();
        string Label(FactDefinition f) => owners.FirstOrDefault(o => o.Fact.Key == f.Key) is { Item: not null } o ? Header(owners, o.Item, f) : f.Label;
        var columns = new List<ScalarColumn>();
        foreach (var f in scheme.FactDefinitions)
        {
            switch (f.Type)
            {
                case FactType.Ledger:
                    columns.Add(new(new($"{Label(f)}·记录条数", f.Key), f, null, u => u[f.Key].HasValue ? u[f.Key].Rows!.Count : null));
                    break;
                case FactType.Judgement:
                    columns.Add(new(new($"{Label(f)}·分值", $"{f.Key}.points"), f, "points", u => u[f.Key].HasValue ? u[f.Key].Number : null));
                    columns.Add(new(new($"{Label(f)}·理由", $"{f.Key}.reason"), f, "reason", u => u[f.Key].HasValue ? u[f.Key].Text : null));
                    break;
                default:
                    columns.Add(new(new(Label(f), f.Key), f, null, u => CellValueOf(u[f.Key])));
                    break;
            }
        }
        return columns;
    }

    private static object? CellValueOf(FactValue v) => !v.HasValue ? null : v.Type switch
    {
        FactType.Bool => v.IsTrue ? "是" : "否",
        FactType.Date or FactType.Text => v.Text,
        _ => v.Number.Normalized(),
    };

    // ---------------------------------------------------------------- reading

    /// <summary>Reads a filled workbook from a file. Every error names the file, sheet, row and column, and the unit and fact.</summary>
    public static IReadOnlyList<UnitFacts> Read(string path, CompiledScheme scheme)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FactsFileException($"{path}：无法作为 Excel 工作簿（.xlsx）打开：{e.Message}");
        }
        return Read(new MemoryStream(bytes), scheme, path);
    }

    /// <summary>
    /// Reads a filled workbook; <paramref name="source"/> names it in errors. <paramref name="classOfUnit"/> gives the class by unit
    /// code for a workbook without a class column, as the server's grid writes it (the server knows every unit's class).
    /// </summary>
    public static IReadOnlyList<UnitFacts> Read(Stream stream, CompiledScheme scheme, string source, IReadOnlyDictionary<string, string>? classOfUnit = null)
    {
        try
        {
            using var workbook = XlsxReader.Open(stream);
            var sheets = workbook.Sheets();
            var keys = sheets.FirstOrDefault(s => s.Name == KeysSheet) is { Path: { } keysPath }
                ? workbook.Rows(keysPath, null).Skip(1).Where(r => r.Count >= 3)
                    .GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.GroupBy(r => r[1]).ToDictionary(h => h.Key, h => h.First()[2]))
                : new Dictionary<string, Dictionary<string, string>>();
            var data = sheets.Where(s => s.Name is not (GuideSheet or KeysSheet)).ToList();
            // The units sheet by its name; a workbook the server's grid wrote has its own first sheet.
            var units = data.FirstOrDefault(s => s.Name == UnitsSheet) is { Path: not null } named ? named : data.FirstOrDefault();
            if (units.Path is null)
                throw new FactsFileException($"{source}：缺少工作表「{UnitsSheet}」（可用 facts template --format xlsx 生成）");

            var reader = new Reader(source, scheme, classOfUnit ?? NoKeys);
            var result = reader.ReadUnits(units.Name, workbook.Cells(units.Path), keys.GetValueOrDefault(units.Name) ?? NoKeys);
            foreach (var ledger in scheme.FactDefinitions.Where(f => f.Type == FactType.Ledger))
            {
                var sheet = data.FirstOrDefault(s => keys.GetValueOrDefault(s.Name)?.GetValueOrDefault("") == ledger.Key);
                if (sheet.Path is null)
                    sheet = data.FirstOrDefault(s => s.Name == ledger.Label || s.Name == ledger.Key || KeyIn(s.Name) == ledger.Key);
                reader.ReadLedger(ledger, sheet.Path is null ? null : (sheet.Name, workbook.Cells(sheet.Path), keys.GetValueOrDefault(sheet.Name) ?? NoKeys));
            }
            return result;
        }
        catch (UnusableWorkbookException e)
        {
            throw new FactsFileException($"{source}：{e.Message}");
        }
    }

    private static readonly Dictionary<string, string> NoKeys = [];

    /// <summary>The key at the end of a header in the earlier format: "是否成立领导小组（group_set_up）" → group_set_up.</summary>
    private static string? KeyIn(string header)
    {
        var m = HeaderKey().Match(header.Trim());
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex(@"[（(]\s*([A-Za-z][A-Za-z0-9_]*(?:\.(?:points|reason))?)\s*[）)]$")]
    private static partial Regex HeaderKey();

    private sealed class Reader(string path, CompiledScheme scheme, IReadOnlyDictionary<string, string> classOfUnit)
    {
        private readonly Dictionary<string, UnitFacts> _units = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _idsByName = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (int Count, XlsxCell Cell, string Sheet)> _declaredCounts = [];

        /// <summary>A header's key: from the hidden sheet, else from the labels as this format writes them, else from the earlier format's brackets.</summary>
        private string? KeyOf(string header, IReadOnlyDictionary<string, string> keys, IReadOnlyDictionary<string, string> byLabel) =>
            keys.GetValueOrDefault(header) ?? byLabel.GetValueOrDefault(header) ?? KeyIn(header);

        private string Where(string sheet, XlsxCell c) =>
            $"{path} 工作表「{sheet}」第 {c.Row} 行第 {c.Column + 1} 列（{XlsxWriter.ColumnName(c.Column)}{c.Row}）";

        private string WhereColumn(string sheet, int row, int column) =>
            $"{path} 工作表「{sheet}」第 {row} 行第 {column + 1} 列（{XlsxWriter.ColumnName(column)}{row}）";

        private static string? At(IReadOnlyList<XlsxCell> row, int column) =>
            row.FirstOrDefault(c => c.Column == column && c.Text.Length > 0) is { Text.Length: > 0 } c ? c.Text : null;

        public List<UnitFacts> ReadUnits(string sheet, IReadOnlyList<IReadOnlyList<XlsxCell>> rows, IReadOnlyDictionary<string, string> keys)
        {
            if (rows.Count == 0) throw new FactsFileException($"{path} 工作表「{sheet}」是空的，第 1 行应为表头");
            var byLabel = UnitColumns(withClass: true).Concat(ScalarColumns(scheme).Select(c => c.Column)).ToDictionary(c => c.Header, c => c.Key);
            int idCol = -1, nameCol = -1, classCol = -1;
            var columns = new Dictionary<int, (FactDefinition Fact, string? Sub)>();
            foreach (var h in rows[0].Where(h => h.Text.Length > 0))
            {
                var key = KeyOf(h.Text, keys, byLabel);
                switch (key)
                {
                    case IdKey: idCol = h.Column; continue;
                    case NameKey: nameCol = h.Column; continue;
                    case ClassKey: classCol = h.Column; continue;
                }
                if (key is null)
                    throw new FactsFileException($"{Where(sheet, h)}：表头“{h.Text}”不是方案「{scheme.Scheme.Title}」的事实（请用 facts template 生成的表头）");
                var sub = key.EndsWith(".points", StringComparison.Ordinal) ? "points" : key.EndsWith(".reason", StringComparison.Ordinal) ? "reason" : null;
                var factKey = sub is null ? key : key[..key.LastIndexOf('.')];
                var slot = scheme.SlotOf(factKey) ?? throw new FactsFileException($"{Where(sheet, h)}：表头“{h.Text}”不是方案「{scheme.Scheme.Title}」的事实（请用 facts template 生成的表头）");
                columns[h.Column] = (scheme.FactDefinitions[slot], sub);
            }
            if (idCol < 0) throw new FactsFileException($"{path} 工作表「{sheet}」第 1 行缺少“{CodeHeader}”列");
            // One class needs no column: the server's grid leaves it out, as every unit of such a scheme has it.
            var onlyClass = scheme.Scheme.Classes.Count == 1 ? scheme.Scheme.Classes[0].Id : null;
            if (classCol < 0 && onlyClass is null && classOfUnit.Count == 0) throw new FactsFileException($"{path} 工作表「{sheet}」第 1 行缺少“{ClassHeader}”列");

            var result = new List<UnitFacts>();
            foreach (var row in rows.Skip(1))
            {
                if (row.All(c => c.Text.Length == 0)) continue;
                var rowNo = row[0].Row;
                var id = At(row, idCol) ?? throw new FactsFileException($"{WhereColumn(sheet, rowNo, idCol)}：缺少单位编码");
                if (_units.ContainsKey(id)) throw new FactsFileException($"{path} 工作表「{sheet}」第 {rowNo} 行：单位 {id} 重复");
                var cls = (classCol >= 0 ? At(row, classCol) : null) ?? classOfUnit.GetValueOrDefault(id) ?? onlyClass
                    ?? throw new FactsFileException($"{WhereColumn(sheet, rowNo, classCol)}：单位 {id} 缺少单位类别（可用：{ClassList()}）");
                var classId = scheme.Scheme.Classes.FirstOrDefault(c => c.Id == cls || c.Name == cls)?.Id;
                if (classId is null && scheme.Scheme.Classes.Count > 0)
                    throw new FactsFileException($"{WhereColumn(sheet, rowNo, classCol)}：单位 {id} 的类别“{cls}”不在方案「{scheme.Scheme.Title}」中（可用：{ClassList()}）");
                var name = nameCol >= 0 ? At(row, nameCol) : null;
                var facts = scheme.NewFacts(id, classId ?? cls, name);

                var judgements = new Dictionary<string, (XlsxCell? Points, XlsxCell? Reason)>();
                foreach (var cell in row.Where(c => c.Text.Length > 0 && c.Text != NotApplicable && columns.ContainsKey(c.Column)))
                {
                    var (def, sub) = columns[cell.Column];
                    var what = $"单位「{id}」的「{def.Label}」";
                    if (def.Type == FactType.Judgement)
                    {
                        var j = judgements.GetValueOrDefault(def.Key);
                        judgements[def.Key] = sub == "points" ? (cell, j.Reason) : (j.Points, cell);
                    }
                    else if (def.Type == FactType.Ledger)
                    {
                        var n = Scalar(cell, FactType.Count, $"{what}的记录条数", sheet);
                        _declaredCounts[$"{id}\n{def.Key}"] = ((int)n.Number, cell, sheet);
                    }
                    else facts.Set(def.Key, Scalar(cell, def.Type, what, sheet));
                }
                foreach (var (key, (points, reason)) in judgements)
                {
                    var def = scheme.FactDefinitions[scheme.SlotOf(key)!.Value];
                    var what = $"单位「{id}」的「{def.Label}」";
                    if (points is not { } p) throw new FactsFileException($"{Where(sheet, reason!.Value)}：{what}有理由而没有分值");
                    if (reason is not { } r) throw new FactsFileException($"{Where(sheet, p)}：{what}：评审给分须说明理由");
                    var value = Scalar(p, FactType.Number, $"{what}的分值", sheet);
                    facts.Set(key, FactValue.OfJudgement(new Judgement(value.Number, r.Text)));
                }
                _units[id] = facts;
                if (name is not null) _idsByName.TryAdd(name, id);
                result.Add(facts);
            }
            return result;
        }

        private string ClassList() => string.Join("、", scheme.Scheme.Classes.Select(c => $"{c.Id} {c.Name}"));

        public void ReadLedger(FactDefinition ledger, (string Name, IReadOnlyList<IReadOnlyList<XlsxCell>> Rows, IReadOnlyDictionary<string, string> Keys)? sheet)
        {
            var records = _units.Keys.ToDictionary(k => k, _ => new List<LedgerRow>());
            if (sheet is var (name, rows, keys))
            {
                var byLabel = new Dictionary<string, string> { [CodeHeader] = IdKey, [NameHeader] = NameKey };
                foreach (var c in ledger.Columns)
                    byLabel.TryAdd(c.Label, c.Key);
                var columns = new Dictionary<int, FactColumn>();
                var idCol = -1;
                foreach (var h in rows.FirstOrDefault() ?? [])
                {
                    if (h.Text.Length == 0) continue;
                    var key = KeyOf(h.Text, keys, byLabel);
                    if (key == IdKey) { idCol = h.Column; continue; }
                    if (key == NameKey) continue;
                    columns[h.Column] = ledger.Columns.FirstOrDefault(c => c.Key == key)
                        ?? throw new FactsFileException($"{Where(name, h)}：台账 '{ledger.Key}'（{ledger.Label}）没有列“{h.Text}”（可用：{string.Join("、", ledger.Columns.Select(c => c.Label))}）");
                }
                if (idCol < 0 && rows.Count > 0) throw new FactsFileException($"{path} 工作表「{name}」第 1 行缺少“{CodeHeader}”列");
                foreach (var row in rows.Skip(1))
                {
                    if (row.All(c => c.Text.Length == 0)) continue;
                    var rowNo = row[0].Row;
                    var idCell = row.FirstOrDefault(c => c.Column == idCol && c.Text.Length > 0);
                    if (idCell.Text is null)
                        throw new FactsFileException($"{WhereColumn(name, rowNo, idCol)}：记录缺少单位编码");
                    if (!records.TryGetValue(idCell.Text, out var list))
                        throw new FactsFileException($"{Where(name, idCell)}：单位 {idCell.Text} 不在工作表「{UnitsSheet}」中");
                    var cells = new Dictionary<string, FactValue>();
                    foreach (var cell in row.Where(c => c.Text.Length > 0 && columns.ContainsKey(c.Column)))
                    {
                        var col = columns[cell.Column];
                        cells[col.Key] = Scalar(cell, col.Type, $"单位「{idCell.Text}」的台账「{ledger.Label}」的列「{col.Label}」", name);
                    }
                    list.Add(new LedgerRow(cells));
                }
            }
            foreach (var (id, list) in records)
            {
                // A stated count of records makes an empty ledger distinguishable from one nobody filled in.
                if (_declaredCounts.TryGetValue($"{id}\n{ledger.Key}", out var declared))
                {
                    if (declared.Count != list.Count)
                        throw new FactsFileException($"{Where(declared.Sheet, declared.Cell)}：单位「{id}」的台账「{ledger.Label}」填写记录条数 {declared.Count}，工作表「{sheet?.Name ?? ledger.Label}」中实有 {list.Count} 条");
                    _units[id].Set(ledger.Key, FactValue.Ledger(list));
                }
                else if (list.Count > 0)
                    _units[id].Set(ledger.Key, FactValue.Ledger(list));
            }
        }

        private FactValue Scalar(XlsxCell c, FactType type, string what, string sheet)
        {
            FactsFileException Bad(string expected) => new($"{Where(sheet, c)}：{what}应为{expected}，实为 '{c.Text}'");
            switch (type)
            {
                case FactType.Bool:
                    return c.Text.ToLowerInvariant() switch
                    {
                        "是" or "true" or "1" or "y" or "yes" or "√" => FactValue.Bool(true),
                        "否" or "false" or "0" or "n" or "no" or "×" => FactValue.Bool(false),
                        _ => throw Bad("“是”或“否”"),
                    };
                case FactType.Count:
                    if (!TryDecimal(c, out var n) || n < 0 || n != decimal.Truncate(n)) throw Bad("不小于 0 的整数");
                    return FactValue.Count((long)n);
                case FactType.Number:
                case FactType.Percent:
                    var text = type == FactType.Percent && c.Text.EndsWith('%') ? c with { Text = c.Text[..^1] } : c;
                    if (!TryDecimal(text, out var d)) throw Bad("数值");
                    // 85% typed into a cell formatted as a percentage is stored as 0.85; the fact means 85.
                    if (type == FactType.Percent && c.IsPercent) d = (d * 100).Normalized();
                    if (type == FactType.Percent && (d < 0 || d > 100)) throw Bad("0 到 100 之间的百分数");
                    return type == FactType.Percent ? FactValue.Percent(d) : FactValue.Num(d);
                case FactType.Date:
                    if (c.IsNumber && decimal.TryParse(c.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 0 and < 2958466)
                        return FactValue.Date(new DateOnly(1899, 12, 30).AddDays((int)decimal.Truncate(serial)));
                    if (DateOnly.TryParseExact(DatePart(c.Text), ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                        return FactValue.Date(date);
                    throw Bad("日期 yyyy-MM-dd");
                case FactType.Text:
                    return FactValue.OfText(c.Text);
                default:
                    throw Bad(RuleText.TypeName(type));
            }
        }

        /// <summary>A date cell (t="d") holds an ISO date-time; its date is what the fact wants.</summary>
        private static string DatePart(string text) => text.Length > 10 && text[10] == 'T' ? text[..10] : text;

        /// <summary>
        /// Excel keeps numbers as doubles and may write 0.1 as 0.10000000000000001; it shows 15
        /// significant digits, so a value is read as the 15 digits the person saw and typed.
        /// </summary>
        private static bool TryDecimal(XlsxCell c, out decimal value)
        {
            if (!decimal.TryParse(c.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return false;
            if (c.IsNumber && value != 0)
            {
                var magnitude = 0;
                for (var a = Math.Abs(value); a >= 10; a /= 10) magnitude++;
                for (var a = Math.Abs(value); a < 1; a *= 10) magnitude--;
                var digits = 14 - magnitude;
                if (digits is >= 0 and <= 28) value = Math.Round(value, digits, MidpointRounding.AwayFromZero);
            }
            value = value.Normalized();
            return true;
        }
    }
}
