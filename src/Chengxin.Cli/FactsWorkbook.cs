using System.Globalization;
using System.Text.RegularExpressions;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Chengxin.Cli;

/// <summary>
/// Facts as an Excel workbook, the way an office collects them: one sheet「单位事实」of units ×
/// scalar facts, one sheet per ledger fact (a row per record, keyed by the unit's code), and a
/// sheet「填写说明」. Every header ends in the key in full-width brackets, 「是否成立领导小组（group_set_up）」,
/// so the Chinese stays readable and the key makes the column unambiguous when read back.
/// </summary>
public static partial class FactsWorkbook
{
    public const string UnitsSheet = "单位事实";
    public const string GuideSheet = "填写说明";
    private const string IdHeader = "单位编码（id）";
    private const string NameHeader = "单位名称（name）";
    private const string ClassHeader = "单位类别（class）";

    // ---------------------------------------------------------------- writing

    /// <summary>Writes the units with whatever facts they hold (none: a blank template).</summary>
    public static void Write(Stream stream, CompiledScheme scheme, IReadOnlyList<UnitFacts> units)
    {
        using var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var book = doc.AddWorkbookPart();
        book.Workbook = new Workbook();
        var sheets = book.Workbook.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.Sheets());
        var strings = new SharedStrings(book.AddNewPart<SharedStringTablePart>());
        uint sheetId = 0;

        void AddSheet(string name, List<List<object?>> rows, int width)
        {
            var part = book.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Count; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Count; c++)
                    if (rows[r][c] is { } value)
                        row.Append(strings.Cell($"{ColumnName(c)}{r + 1}", value));
                data.Append(row);
            }
            var columns = new Columns(new Column { Min = 1, Max = (uint)Math.Max(1, width), Width = 24, CustomWidth = true });
            part.Worksheet = new Worksheet(columns, data);
            sheets.Append(new Sheet { Id = book.GetIdOfPart(part), SheetId = ++sheetId, Name = name });
        }

        var scalar = ScalarColumns(scheme);
        List<List<object?>> unitRows = [[IdHeader, NameHeader, ClassHeader, .. scalar.Select(c => (object?)c.Header)]];
        foreach (var u in units)
            unitRows.Add([u.UnitId, u.Name ?? "", u.UnitClass, .. scalar.Select(c => c.Get(u))]);
        AddSheet(UnitsSheet, unitRows, 3 + scalar.Count);

        foreach (var ledger in scheme.FactDefinitions.Where(f => f.Type == FactType.Ledger))
        {
            List<List<object?>> rows = [[IdHeader, .. ledger.Columns.Select(c => (object?)Header(c.Label, c.Key))]];
            foreach (var u in units)
                foreach (var record in u[ledger.Key].Rows ?? [])
                    rows.Add([u.UnitId, .. ledger.Columns.Select(c => CellValueOf(record[c.Key]))]);
            AddSheet(LedgerSheetName(ledger), rows, 1 + ledger.Columns.Count);
        }

        List<List<object?>> guide = [["事实键 key", "名称", "类型", "提供方", "填写方式", "所在工作表"]];
        foreach (var f in scheme.FactDefinitions)
            guide.Add([f.Key, f.Label, RuleText.TypeName(f.Type), RuleText.SupplierName(f.Supplier),
                RuleText.OnlyFor(scheme.Scheme, f.Key) is { } only ? $"{HowToFill(f)}；{only}，其他单位留空" : HowToFill(f),
                f.Type == FactType.Ledger ? LedgerSheetName(f) : UnitsSheet]);
        AddSheet(GuideSheet, guide, 6);
        book.Workbook.Save();
    }

    private static string HowToFill(FactDefinition f) => SystemFacts.IsSystem(f.Supplier)
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
        FactType.Ledger => $"在工作表「{LedgerSheetName(f)}」每行填一条记录，首列为单位编码；「{UnitsSheet}」中的记录条数可留空，填写则须与记录数一致，填 0 表示没有记录",
        FactType.Judgement => "分值与理由两列，须同时填写",
        _ => "",
    };

    private static string Header(string label, string key) => $"{label}（{key}）";

    /// <summary>A sheet is named by the ledger's label and key when Excel's 31-character limit allows, else by the key.</summary>
    public static string LedgerSheetName(FactDefinition f)
    {
        var name = Header(f.Label, f.Key);
        return name.Length <= 31 && name.IndexOfAny([':', '\\', '/', '?', '*', '[', ']']) < 0 ? name : f.Key;
    }

    private sealed record ScalarColumn(string Header, string Key, FactDefinition Fact, string? Sub, Func<UnitFacts, object?> Get);

    private static List<ScalarColumn> ScalarColumns(CompiledScheme scheme)
    {
        var columns = new List<ScalarColumn>();
        foreach (var f in scheme.FactDefinitions)
        {
            switch (f.Type)
            {
                case FactType.Ledger:
                    columns.Add(new(Header($"{f.Label}·记录条数", f.Key), f.Key, f, null,
                        u => u[f.Key].HasValue ? u[f.Key].Rows!.Count : null));
                    break;
                case FactType.Judgement:
                    columns.Add(new(Header($"{f.Label}·分值", $"{f.Key}.points"), f.Key, f, "points",
                        u => u[f.Key].HasValue ? u[f.Key].Number : null));
                    columns.Add(new(Header($"{f.Label}·理由", $"{f.Key}.reason"), f.Key, f, "reason",
                        u => u[f.Key].HasValue ? u[f.Key].Text : null));
                    break;
                default:
                    columns.Add(new(Header(f.Label, f.Key), f.Key, f, null, u => CellValueOf(u[f.Key])));
                    break;
            }
        }
        return columns;
    }

    private static object? CellValueOf(FactValue v) => !v.HasValue ? null : v.Type switch
    {
        FactType.Bool => v.IsTrue ? "是" : "否",
        FactType.Date or FactType.Text => v.Text,
        _ => v.Number,
    };

    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
            name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    private static int ColumnIndex(string reference)
    {
        var n = 0;
        foreach (var ch in reference)
        {
            if (ch is < 'A' or > 'Z') break;
            n = n * 26 + (ch - 'A' + 1);
        }
        return n - 1;
    }

    /// <summary>Strings go to the shared-string table, as Excel itself writes them.</summary>
    private sealed class SharedStrings(SharedStringTablePart part)
    {
        private readonly Dictionary<string, int> _index = [];

        public Cell Cell(string reference, object value)
        {
            if (value is decimal or int or long)
                return new Cell
                {
                    CellReference = reference,
                    DataType = CellValues.Number,
                    CellValue = new CellValue(Convert.ToString(value is decimal d ? d.Normalized() : value, CultureInfo.InvariantCulture)!),
                };
            var text = value.ToString() ?? "";
            if (!_index.TryGetValue(text, out var i))
            {
                part.SharedStringTable ??= new SharedStringTable();
                part.SharedStringTable.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
                i = _index[text] = _index.Count;
            }
            return new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(i.ToString(CultureInfo.InvariantCulture)) };
        }
    }

    // ---------------------------------------------------------------- reading

    /// <summary>Reads a filled workbook. Every error names the file, sheet, row and column, and the unit and fact.</summary>
    public static IReadOnlyList<UnitFacts> Read(string path, CompiledScheme scheme)
    {
        SpreadsheetDocument doc;
        try
        {
            doc = SpreadsheetDocument.Open(path, false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OpenXmlPackageException or InvalidDataException or FileFormatException)
        {
            throw new FactsFileException($"{path}：无法作为 Excel 工作簿（.xlsx）打开：{e.Message}");
        }
        using (doc)
        {
            var book = doc.WorkbookPart ?? throw new FactsFileException($"{path}：不是 Excel 工作簿");
            var shared = book.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            var sheets = book.Workbook.Sheets?.Elements<Sheet>()
                .Select(s => (Name: s.Name?.Value ?? "", Part: (WorksheetPart)book.GetPartById(s.Id!.Value!)))
                .ToList() ?? [];
            var units = sheets.FirstOrDefault(s => s.Name == UnitsSheet);
            if (units.Part is null)
                throw new FactsFileException($"{path}：缺少工作表「{UnitsSheet}」（可用 facts template --format xlsx 生成）");

            var reader = new Reader(path, scheme, shared, PercentStyles(book));
            var result = reader.ReadUnits(units.Part);
            foreach (var ledger in scheme.FactDefinitions.Where(f => f.Type == FactType.Ledger))
            {
                var sheet = sheets.FirstOrDefault(s => s.Name == LedgerSheetName(ledger) || s.Name == ledger.Key || KeyIn(s.Name) == ledger.Key);
                reader.ReadLedger(ledger, sheet.Part is null ? null : (sheet.Name, sheet.Part));
            }
            return result;
        }
    }

    /// <summary>The cell styles whose number format shows a percentage (built-in 0% and 0.00%, or a custom format with %).</summary>
    private static HashSet<uint> PercentStyles(WorkbookPart book)
    {
        var result = new HashSet<uint>();
        var stylesheet = book.WorkbookStylesPart?.Stylesheet;
        if (stylesheet?.CellFormats is not { } formats) return result;
        var custom = stylesheet.NumberingFormats?.Elements<NumberingFormat>()
            .Where(n => n.FormatCode?.Value?.Contains('%') == true && n.NumberFormatId?.Value is not null)
            .Select(n => n.NumberFormatId!.Value)
            .ToHashSet() ?? [];
        uint index = 0;
        foreach (var format in formats.Elements<CellFormat>())
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (id is 9 or 10 || custom.Contains(id)) result.Add(index);
            index++;
        }
        return result;
    }

    /// <summary>The key at the end of a header: "是否成立领导小组（group_set_up）" → group_set_up.</summary>
    private static string? KeyIn(string header)
    {
        var m = HeaderKey().Match(header.Trim());
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex(@"[（(]\s*([A-Za-z][A-Za-z0-9_]*(?:\.(?:points|reason))?)\s*[）)]$")]
    private static partial Regex HeaderKey();

    private readonly record struct RawCell(string Text, bool IsNumber, bool IsPercentStyled, int Row, int Column)
    {
        public string Ref => $"{ColumnName(Column)}{Row}";
    }

    private sealed class Reader(string path, CompiledScheme scheme, List<string> shared, HashSet<uint> percentStyles)
    {
        private readonly Dictionary<string, UnitFacts> _units = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (int Count, RawCell Cell)> _declaredCounts = [];

        private List<List<RawCell>> Rows(WorksheetPart part)
        {
            var rows = new List<List<RawCell>>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var cells = new List<RawCell>();
                var rowIndex = (int)(row.RowIndex?.Value ?? (uint)(rows.Count + 1));
                var next = 0;
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = cell.CellReference?.Value is { } r ? ColumnIndex(r) : next;
                    next = column + 1;
                    var type = cell.DataType?.Value;
                    string text;
                    if (type == CellValues.SharedString)
                        text = int.TryParse(cell.CellValue?.Text, CultureInfo.InvariantCulture, out var i) && i < shared.Count ? shared[i] : "";
                    else if (type == CellValues.InlineString)
                        text = cell.InlineString?.InnerText ?? "";
                    else
                        text = cell.CellValue?.Text ?? "";
                    var isNumber = type is null || type == CellValues.Number;
                    cells.Add(new RawCell(text.Trim(), isNumber && text.Length > 0, cell.StyleIndex?.Value is uint style && percentStyles.Contains(style), rowIndex, column));
                }
                rows.Add(cells);
            }
            return rows;
        }

        private string Where(string sheet, RawCell c) =>
            $"{path} 工作表「{sheet}」第 {c.Row} 行第 {c.Column + 1} 列（{c.Ref}）";

        public List<UnitFacts> ReadUnits(WorksheetPart part)
        {
            var rows = Rows(part);
            if (rows.Count == 0) throw new FactsFileException($"{path} 工作表「{UnitsSheet}」是空的，第 1 行应为表头");
            var header = rows[0];
            int idCol = -1, nameCol = -1, classCol = -1;
            var columns = new Dictionary<int, (FactDefinition Fact, string? Sub)>();
            foreach (var h in header.Where(h => h.Text.Length > 0))
            {
                var key = KeyIn(h.Text);
                switch (key)
                {
                    case "id": idCol = h.Column; continue;
                    case "name": nameCol = h.Column; continue;
                    case "class": classCol = h.Column; continue;
                }
                if (key is null)
                    throw new FactsFileException($"{Where(UnitsSheet, h)}：表头“{h.Text}”末尾应有括号中的事实键，如“是否成立领导小组（group_set_up）”");
                var sub = key.EndsWith(".points", StringComparison.Ordinal) ? "points" : key.EndsWith(".reason", StringComparison.Ordinal) ? "reason" : null;
                var factKey = sub is null ? key : key[..key.LastIndexOf('.')];
                var slot = scheme.SlotOf(factKey) ?? throw new FactsFileException($"{Where(UnitsSheet, h)}：方案 {scheme.Scheme.Id} 中没有事实 '{factKey}'");
                columns[h.Column] = (scheme.FactDefinitions[slot], sub);
            }
            if (idCol < 0) throw new FactsFileException($"{path} 工作表「{UnitsSheet}」第 1 行缺少“{IdHeader}”列");
            if (classCol < 0) throw new FactsFileException($"{path} 工作表「{UnitsSheet}」第 1 行缺少“{ClassHeader}”列");

            var result = new List<UnitFacts>();
            foreach (var row in rows.Skip(1))
            {
                if (row.All(c => c.Text.Length == 0)) continue;
                string? At(int col) => row.FirstOrDefault(c => c.Column == col && c.Text.Length > 0) is { Text: not null } c && c.Text.Length > 0 ? c.Text : null;
                var rowNo = row[0].Row;
                var id = At(idCol) ?? throw new FactsFileException($"{path} 工作表「{UnitsSheet}」第 {rowNo} 行第 {idCol + 1} 列（{ColumnName(idCol)}{rowNo}）：缺少单位编码");
                if (_units.ContainsKey(id)) throw new FactsFileException($"{path} 工作表「{UnitsSheet}」第 {rowNo} 行：单位 {id} 重复");
                var cls = At(classCol) ?? throw new FactsFileException($"{path} 工作表「{UnitsSheet}」第 {rowNo} 行第 {classCol + 1} 列（{ColumnName(classCol)}{rowNo}）：单位 {id} 缺少单位类别（可用：{ClassList()}）");
                var classId = scheme.Scheme.Classes.FirstOrDefault(c => c.Id == cls || c.Name == cls)?.Id;
                if (classId is null && scheme.Scheme.Classes.Count > 0)
                    throw new FactsFileException($"{path} 工作表「{UnitsSheet}」第 {rowNo} 行第 {classCol + 1} 列（{ColumnName(classCol)}{rowNo}）：单位 {id} 的类别 '{cls}' 不在方案 {scheme.Scheme.Id} 中（可用：{ClassList()}）");
                var facts = scheme.NewFacts(id, classId ?? cls, nameCol >= 0 ? At(nameCol) : null);

                var judgements = new Dictionary<string, (RawCell? Points, RawCell? Reason)>();
                foreach (var cell in row.Where(c => c.Text.Length > 0 && columns.ContainsKey(c.Column)))
                {
                    var (def, sub) = columns[cell.Column];
                    var what = $"单位 {id} 的事实 '{def.Key}'（{def.Label}）";
                    if (def.Type == FactType.Judgement)
                    {
                        var j = judgements.GetValueOrDefault(def.Key);
                        judgements[def.Key] = sub == "points" ? (cell, j.Reason) : (j.Points, cell);
                    }
                    else if (def.Type == FactType.Ledger)
                    {
                        var n = Scalar(cell, FactType.Count, $"{what}的记录条数", UnitsSheet);
                        _declaredCounts[$"{id}\n{def.Key}"] = ((int)n.Number, cell);
                    }
                    else facts.Set(def.Key, Scalar(cell, def.Type, what, UnitsSheet));
                }
                foreach (var (key, (points, reason)) in judgements)
                {
                    var def = scheme.FactDefinitions[scheme.SlotOf(key)!.Value];
                    var what = $"单位 {id} 的事实 '{key}'（{def.Label}）";
                    if (points is not { } p) throw new FactsFileException($"{Where(UnitsSheet, reason!.Value)}：{what}有理由而没有分值");
                    if (reason is not { } r) throw new FactsFileException($"{Where(UnitsSheet, p)}：{what}：评审给分须说明理由");
                    var value = Scalar(p, FactType.Number, $"{what}的分值", UnitsSheet);
                    facts.Set(key, FactValue.OfJudgement(new Judgement(value.Number, r.Text)));
                }
                _units[id] = facts;
                result.Add(facts);
            }
            return result;
        }

        private string ClassList() => string.Join("、", scheme.Scheme.Classes.Select(c => $"{c.Id} {c.Name}"));

        public void ReadLedger(FactDefinition ledger, (string Name, WorksheetPart Part)? sheet)
        {
            var records = _units.Keys.ToDictionary(k => k, _ => new List<LedgerRow>());
            if (sheet is var (name, part))
            {
                var rows = Rows(part);
                var columns = new Dictionary<int, FactColumn>();
                var idCol = -1;
                foreach (var h in rows.FirstOrDefault() ?? [])
                {
                    if (h.Text.Length == 0) continue;
                    var key = KeyIn(h.Text);
                    if (key == "id") { idCol = h.Column; continue; }
                    columns[h.Column] = ledger.Columns.FirstOrDefault(c => c.Key == key)
                        ?? throw new FactsFileException($"{Where(name, h)}：台账 '{ledger.Key}'（{ledger.Label}）没有列“{h.Text}”（可用：{string.Join("、", ledger.Columns.Select(c => Header(c.Label, c.Key)))}）");
                }
                if (idCol < 0 && rows.Count > 0) throw new FactsFileException($"{path} 工作表「{name}」第 1 行缺少“{IdHeader}”列");
                foreach (var row in rows.Skip(1))
                {
                    if (row.All(c => c.Text.Length == 0)) continue;
                    var idCell = row.FirstOrDefault(c => c.Column == idCol && c.Text.Length > 0);
                    var rowNo = row[0].Row;
                    if (idCell.Text is null)
                        throw new FactsFileException($"{path} 工作表「{name}」第 {rowNo} 行第 {idCol + 1} 列（{ColumnName(idCol)}{rowNo}）：记录缺少单位编码");
                    if (!records.TryGetValue(idCell.Text, out var list))
                        throw new FactsFileException($"{Where(name, idCell)}：单位 {idCell.Text} 不在工作表「{UnitsSheet}」中");
                    var cells = new Dictionary<string, FactValue>();
                    foreach (var cell in row.Where(c => c.Text.Length > 0 && columns.ContainsKey(c.Column)))
                    {
                        var col = columns[cell.Column];
                        cells[col.Key] = Scalar(cell, col.Type, $"单位 {idCell.Text} 的台账 '{ledger.Key}'（{ledger.Label}）的列 '{col.Key}'（{col.Label}）", name);
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
                        throw new FactsFileException($"{Where(UnitsSheet, declared.Cell)}：单位 {id} 的台账 '{ledger.Key}'（{ledger.Label}）填写记录条数 {declared.Count}，工作表「{sheet?.Name ?? LedgerSheetName(ledger)}」中实有 {list.Count} 条");
                    _units[id].Set(ledger.Key, FactValue.Ledger(list));
                }
                else if (list.Count > 0)
                    _units[id].Set(ledger.Key, FactValue.Ledger(list));
            }
        }

        private FactValue Scalar(RawCell c, FactType type, string what, string sheet)
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
                    if (type == FactType.Percent && c.IsPercentStyled) d = (d * 100).Normalized();
                    if (type == FactType.Percent && (d < 0 || d > 100)) throw Bad("0 到 100 之间的百分数");
                    return type == FactType.Percent ? FactValue.Percent(d) : FactValue.Num(d);
                case FactType.Date:
                    if (c.IsNumber && double.TryParse(c.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 0 and < 2958466)
                        return FactValue.Date(DateOnly.FromDateTime(DateTime.FromOADate(serial)));
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
        private static bool TryDecimal(RawCell c, out decimal value)
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
