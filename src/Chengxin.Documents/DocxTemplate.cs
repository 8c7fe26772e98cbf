using System.IO.Packaging;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Chengxin.Documents;

/// <summary>A table a template repeats a row for: its column names and, per row, one text per column.</summary>
public sealed record TemplateTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>What a template may name: fields (text, lines split by \n), tables (a repeated row) and charts (PNG bytes).</summary>
public sealed record TemplateData(IReadOnlyDictionary<string, string> Fields, IReadOnlyDictionary<string, TemplateTable> Tables,
    IReadOnlyDictionary<string, byte[]> Charts);

/// <summary>
/// An office's own DOCX filled from <see cref="TemplateData"/>. The syntax (README.md has an example):
/// <list type="bullet">
/// <item><c>{{名称}}</c> — a field, anywhere in a paragraph, a table cell, a header or a footer; a value with line breaks
/// becomes as many paragraphs, each keeping the paragraph's format.</item>
/// <item><c>{{#rows 表名}}</c> … <c>{{/rows}}</c> — in one table row: the row is repeated for every row of the table, and
/// <c>{{列名}}</c> in it names that row's column (a field of the same name is hidden there).</item>
/// <item><c>{{chart 图名}}</c> — alone in its paragraph: the chart as a picture scaled to the text width.</item>
/// </list>
/// A placeholder the data does not know, a loop outside a table row or not closed in it, and an unclosed <c>{{</c> are refused
/// with the placeholder and its place (第几段, 第几个表格第几行, 页眉, 页脚), before anything is written. Word often splits
/// what a person typed into several runs; a paragraph is read as one text and written back into its first run, so the
/// placeholder's paragraph keeps the format of its first characters.
/// </summary>
public static partial class DocxTemplate
{
    [GeneratedRegex(@"\{\{(.*?)\}\}", RegexOptions.Singleline)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^\s*#rows\s+(.+?)\s*$")]
    private static partial Regex RowsOpen();

    [GeneratedRegex(@"^\s*chart\s+(.+?)\s*$")]
    private static partial Regex Chart();

    /// <summary>Fills a template into <paramref name="output"/>; throws <see cref="DocumentException"/> naming what is wrong and where.</summary>
    public static void Fill(byte[] template, TemplateData data, Stream output)
    {
        using var buffer = new MemoryStream();
        buffer.Write(template);
        buffer.Position = 0;
        WordprocessingDocument document;
        try
        {
            document = WordprocessingDocument.Open(buffer, true);
        }
        catch (Exception e) when (e is OpenXmlPackageException or FileFormatException or InvalidDataException or IOException)
        {
            throw new DocumentException("模板不是有效的 Word 文档（.docx），请用 Word 或 WPS 另存为 .docx 后再上传");
        }
        using (document)
        {
            var main = document.MainDocumentPart ?? throw new DocumentException("模板不是有效的 Word 文档（.docx）：没有正文");
            var body = main.Document?.Body ?? throw new DocumentException("模板不是有效的 Word 文档（.docx）：没有正文");
            var filler = new Filler(main, data);
            filler.Tables(body);
            filler.Paragraphs(body, null);
            foreach (var header in main.HeaderParts) filler.Paragraphs(header.Header, "页眉");
            foreach (var footer in main.FooterParts) filler.Paragraphs(footer.Footer, "页脚");
            main.Document.Save();
            foreach (var header in main.HeaderParts) header.Header.Save();
            foreach (var footer in main.FooterParts) footer.Footer.Save();
        }
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    /// <summary>Refuses a template whose placeholders the data does not know (the data's values may be empty).</summary>
    public static void Check(byte[] template, TemplateData shape) => Fill(template, shape, Stream.Null);

    private sealed class Filler(MainDocumentPart main, TemplateData data)
    {
        private uint _pictures = 1000;

        public void Tables(OpenXmlElement body)
        {
            var tables = body.Descendants<Table>().ToList();
            for (var t = 0; t < tables.Count; t++)
            {
                var rows = tables[t].Elements<TableRow>().ToList();
                for (var r = 0; r < rows.Count; r++)
                {
                    var place = $"第{t + 1}个表格第{r + 1}行";
                    var names = Placeholder().Matches(Text(rows[r])).Select(m => m.Groups[1].Value).ToList();
                    var open = names.Select(n => RowsOpen().Match(n)).FirstOrDefault(m => m.Success);
                    if (open is null)
                        continue;
                    var tableName = open.Groups[1].Value;
                    if (!names.Any(n => n.Trim() == "/rows"))
                        throw new DocumentException($"模板{place}的「{{{{#rows {tableName}}}}}」在同一行内没有对应的「{{{{/rows}}}}」");
                    if (!data.Tables.TryGetValue(tableName, out var table))
                        throw Unknown($"#rows {tableName}", place);
                    var last = (OpenXmlElement)rows[r];
                    foreach (var values in table.Rows)
                    {
                        var copy = (TableRow)rows[r].CloneNode(true);
                        foreach (var p in copy.Descendants<Paragraph>().ToList())
                            Replace(p, place, name => RowValue(name, tableName, table, values));
                        last.InsertAfterSelf(copy);
                        last = copy;
                    }
                    // With no rows the template row would show its placeholders; it is checked, then removed.
                    foreach (var p in rows[r].Descendants<Paragraph>().ToList())
                        Replace(p, place, name => RowValue(name, tableName, table, table.Columns.Select(_ => "").ToList()));
                    rows[r].Remove();
                }
            }
        }

        private string? RowValue(string name, string tableName, TemplateTable table, IReadOnlyList<string> values)
        {
            if (RowsOpen().Match(name) is { Success: true } m && m.Groups[1].Value == tableName)
                return "";
            if (name == "/rows")
                return "";
            var column = IndexOf(table.Columns, name);
            return column >= 0 ? (column < values.Count ? values[column] : "") : data.Fields.GetValueOrDefault(name);
        }

        private static int IndexOf(IReadOnlyList<string> columns, string name)
        {
            for (var i = 0; i < columns.Count; i++)
                if (columns[i] == name) return i;
            return -1;
        }

        public void Paragraphs(OpenXmlElement root, string? part)
        {
            var tables = root.Descendants<Table>().ToList();
            var outside = 0;
            foreach (var p in root.Descendants<Paragraph>().ToList())
            {
                var cell = p.Ancestors<TableCell>().FirstOrDefault();
                if (cell is null) outside++;
                var place = part ?? (cell is null ? $"第{outside}段" : CellPlace(tables, cell));
                Replace(p, place, name => data.Fields.GetValueOrDefault(name));
            }
        }

        private static string CellPlace(List<Table> tables, TableCell cell)
        {
            var row = (TableRow)cell.Parent!;
            var table = row.Ancestors<Table>().First();
            return $"第{tables.IndexOf(table) + 1}个表格第{table.Elements<TableRow>().ToList().IndexOf(row) + 1}行第{row.Elements<TableCell>().ToList().IndexOf(cell) + 1}列";
        }

        private void Replace(Paragraph p, string place, Func<string, string?> resolve)
        {
            var texts = p.Descendants<Text>().ToList();
            var joined = string.Concat(texts.Select(t => t.Text));
            if (!joined.Contains("{{", StringComparison.Ordinal))
                return;
            var unclosed = Placeholder().Replace(joined, "");
            if (unclosed.Contains("{{", StringComparison.Ordinal))
            {
                var at = unclosed.IndexOf("{{", StringComparison.Ordinal);
                throw new DocumentException($"模板{place}有未闭合的占位符「{unclosed[at..Math.Min(unclosed.Length, at + 20)]}」（缺少「}}}}」）");
            }
            if (Chart().Match(Placeholder().Match(joined).Groups[1].Value) is { Success: true } chart)
            {
                PlaceChart(p, texts, joined, chart.Groups[1].Value, place);
                return;
            }
            var text = Placeholder().Replace(joined, m =>
            {
                var name = m.Groups[1].Value;
                if (Chart().IsMatch(name))
                    throw new DocumentException($"模板{place}的图表占位符「{{{{{name}}}}}」须单独成段");
                if (RowsOpen().IsMatch(name) || name.Trim() == "/rows")
                {
                    var value = resolve(name);
                    return value ?? throw new DocumentException($"模板{place}的「{{{{{name}}}}}」只能放在表格的一行中");
                }
                return resolve(name.Trim()) ?? throw Unknown(name, place);
            });
            var lines = text.Split('\n');
            texts[0].Text = lines[0];
            texts[0].Space = SpaceProcessingModeValues.Preserve;
            foreach (var t in texts.Skip(1)) t.Remove();
            OpenXmlElement last = p;
            foreach (var line in lines.Skip(1))
            {
                var copy = (Paragraph)p.CloneNode(true);
                copy.Descendants<Text>().First().Text = line;
                last.InsertAfterSelf(copy);
                last = copy;
            }
        }

        private void PlaceChart(Paragraph p, List<Text> texts, string joined, string name, string place)
        {
            if (Placeholder().Replace(joined, "").Trim().Length > 0 || Placeholder().Matches(joined).Count > 1)
                throw new DocumentException($"模板{place}的图表占位符「{{{{chart {name}}}}}」须单独成段");
            if (!data.Charts.TryGetValue(name, out var png))
                throw Unknown($"chart {name}", place);
            foreach (var t in texts) t.Remove();
            p.Append(WordParts.Picture(WordParts.AddPng(main, png), png, ++_pictures));
        }

        private static string Text(OpenXmlElement e) => string.Concat(e.Descendants<Text>().Select(t => t.Text));

        private DocumentException Unknown(string name, string place) =>
            new($"模板{place}的占位符「{{{{{name}}}}}」不认识。可用的字段：{string.Join("、", data.Fields.Keys)}；表格：{string.Join("、", data.Tables.Keys)}；图表：{string.Join("、", data.Charts.Keys)}");
    }
}
