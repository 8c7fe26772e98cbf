using System.IO.Packaging;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;

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
/// <item><c>{{chart 图名}}</c> — alone in its paragraph: the chart as a picture scaled to the text width (in a table cell, to
/// the cell's width).</item>
/// </list>
/// A placeholder the data does not know, a loop outside a table row or not closed in it, and an unclosed <c>{{</c> are refused
/// with the placeholder and its place (第几段, 第几个表格第几行, 页眉, 页脚), before anything is written. Word often splits
/// what a person typed into several runs; a paragraph is read as one text and written back into its first run, so the
/// placeholder's paragraph keeps the format of its first characters.
/// </summary>
/// <remarks>
/// The fill streams: each part with placeholders (the body, headers, footers) is read with an <see cref="XmlReader"/> and
/// written with an <see cref="XmlWriter"/> over the part's stream, one top-level paragraph or table at a time. A repeated row is
/// compiled once into its XML with a slot per column and written once per data row, so a ranking of every county costs what
/// writing its text costs, not a tree per unit (bench/Chengxin.DocumentBench holds it to the raw OpenXmlWriter).
/// </remarks>
public static partial class DocxTemplate
{
    [GeneratedRegex(@"\{\{(.*?)\}\}", RegexOptions.Singleline)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^\s*#rows\s+(.+?)\s*$")]
    private static partial Regex RowsOpen();

    [GeneratedRegex(@"^\s*chart\s+(.+?)\s*$")]
    private static partial Regex Chart();

    private static readonly XNamespace W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private static readonly XName Paragraph = W + "p";
    private static readonly XName Table = W + "tbl";
    private static readonly XName Row = W + "tr";
    private static readonly XName Cell = W + "tc";
    private static readonly XName Text = W + "t";

    /// <summary>Fills a template into <paramref name="output"/>; throws <see cref="DocumentException"/> naming what is wrong and where.</summary>
    public static void Fill(byte[] template, TemplateData data, Stream output)
    {
        // Filled in a copy, so a refused template leaves the output untouched.
        using var buffer = new MemoryStream(template.Length * 2);
        buffer.Write(template);
        buffer.Position = 0;
        WordprocessingDocument document;
        try
        {
            document = WordprocessingDocument.Open(buffer, true);
        }
        catch (Exception e) when (e is DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or FileFormatException or InvalidDataException or IOException)
        {
            throw NotWord();
        }
        using (document)
        {
            var main = document.MainDocumentPart ?? throw new DocumentException("模板不是有效的 Word 文档（.docx）：没有正文");
            var filler = new Filler(data);
            if (!filler.Part(main, null))
                throw new DocumentException("模板不是有效的 Word 文档（.docx）：没有正文");
            foreach (var header in main.HeaderParts) filler.Part(header, "页眉");
            foreach (var footer in main.FooterParts) filler.Part(footer, "页脚");
        }
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    /// <summary>Refuses a template whose placeholders the data does not know (the data's values may be empty).</summary>
    public static void Check(byte[] template, TemplateData shape) => Fill(template, shape, Stream.Null);

    private static DocumentException NotWord() => new("模板不是有效的 Word 文档（.docx），请用 Word 或 WPS 另存为 .docx 后再上传");

    private sealed class Filler(TemplateData data)
    {
        // Document-wide: picture ids are unique across the parts, places count paragraphs and tables of the body.
        private uint _pictures = 1000;
        private int _paragraphs;
        private int _tables;
        private bool _dryRun;

        // Per part: the charts it shows (one image part each, however often shown) and its namespace declarations.
        private Dictionary<string, string> _chartIds = new(StringComparer.Ordinal);
        private string? _partName;
        private List<XAttribute> _namespaces = [];
        private HashSet<XElement> _holdingLoops = [];
        private Dictionary<XElement, LoopRow> _loops = [];

        /// <summary>Streams one part through the fill; false when it is not a document with a body.</summary>
        public bool Part(OpenXmlPart part, string? name)
        {
            _partName = name;
            _chartIds = new(StringComparer.Ordinal);
            var original = new MemoryStream();
            using (var read = part.GetStream(FileMode.Open, FileAccess.Read))
                read.CopyTo(original);
            original.Position = 0;
            // A header or footer without a brace has nothing to fill (a placeholder split over runs still has its braces).
            if (name is not null && original.GetBuffer().AsSpan(0, (int)original.Length).IndexOf((byte)'{') < 0)
                return true;
            var sawBody = false;
            try
            {
                using var reader = XmlReader.Create(original, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, CloseInput = true });
                using var stream = part.GetStream(FileMode.Create, FileAccess.Write);
                using var writer = XmlWriter.Create(stream, new XmlWriterSettings
                {
                    Encoding = new UTF8Encoding(false), NewLineHandling = NewLineHandling.None, CloseOutput = false,
                });
                writer.WriteStartDocument(true);
                reader.Read();
                while (!reader.EOF)
                {
                    if (reader.NodeType == XmlNodeType.Element && reader.NamespaceURI == W.NamespaceName && reader.LocalName is "p" or "tbl")
                    {
                        Block(reader, writer);
                        continue;
                    }
                    if (reader.NodeType == XmlNodeType.Element && reader.NamespaceURI == W.NamespaceName && reader.LocalName == "body")
                        sawBody = true;
                    if (reader.NodeType == XmlNodeType.Element && reader.Depth == 0)
                        Root(reader);
                    CopyNode(reader, writer);
                    reader.Read();
                }
            }
            catch (XmlException)
            {
                throw NotWord();
            }
            foreach (var (chart, id) in _chartIds)
            {
                using var png = new MemoryStream(data.Charts[chart], writable: false);
                ImagePart image = part switch
                {
                    MainDocumentPart m => m.AddImagePart(ImagePartType.Png, id),
                    HeaderPart h => h.AddImagePart(ImagePartType.Png, id),
                    FooterPart f => f.AddImagePart(ImagePartType.Png, id),
                    _ => throw NotWord(),
                };
                image.FeedData(png);
            }
            return sawBody || name is not null;
        }

        /// <summary>The root's namespace declarations, which a compiled row is serialised under so it needs none of its own.</summary>
        private void Root(XmlReader reader)
        {
            _namespaces = [];
            if (!reader.MoveToFirstAttribute())
                return;
            do
            {
                if (reader.Prefix == "xmlns")
                    _namespaces.Add(new XAttribute(XNamespace.Xmlns + reader.LocalName, reader.Value));
                else if (reader.Name == "xmlns")
                    _namespaces.Add(new XAttribute("xmlns", reader.Value));
            }
            while (reader.MoveToNextAttribute());
            reader.MoveToElement();
        }

        private static void CopyNode(XmlReader r, XmlWriter w)
        {
            switch (r.NodeType)
            {
                case XmlNodeType.Element:
                    w.WriteStartElement(r.Prefix, r.LocalName, r.NamespaceURI);
                    w.WriteAttributes(r, true);
                    if (r.IsEmptyElement) w.WriteEndElement();
                    break;
                case XmlNodeType.EndElement:
                    w.WriteFullEndElement();
                    break;
                case XmlNodeType.Text:
                    w.WriteString(r.Value);
                    break;
                case XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    w.WriteWhitespace(r.Value);
                    break;
                case XmlNodeType.CDATA:
                    w.WriteCData(r.Value);
                    break;
                case XmlNodeType.Comment:
                    w.WriteComment(r.Value);
                    break;
                case XmlNodeType.ProcessingInstruction:
                    w.WriteProcessingInstruction(r.Name, r.Value);
                    break;
            }
        }

        /// <summary>A top-level paragraph or table: read as a small tree, filled, and written (a repeated row once per data row).</summary>
        private void Block(XmlReader reader, XmlWriter writer)
        {
            XElement block;
            using (var subtree = reader.ReadSubtree())
                block = XElement.Load(subtree, LoadOptions.PreserveWhitespace);
            reader.Read();
            // The subtree repeats the root's declarations on the block; the root already has them.
            foreach (var a in block.Attributes().Where(a => a.IsNamespaceDeclaration && _namespaces.Any(n => n.Name == a.Name && n.Value == a.Value)).ToList())
                a.Remove();
            // A holder, so a paragraph that becomes several has siblings to be inserted among.
            var holder = new XElement("holder", block);
            _holdingLoops = [];
            _loops = [];
            if (block.Name == Table)
                FillTable(block);
            else
                FillParagraph(block, null);
            foreach (var e in holder.Elements().ToList())
                Write(e, writer);
        }

        private string Where(string? cellPlace) => _partName ?? cellPlace ?? $"第{_paragraphs}段";

        private void FillParagraph(XElement p, string? cellPlace)
        {
            if (cellPlace is null && _partName is null) _paragraphs++;
            Replace(p, Where(cellPlace), name => data.Fields.GetValueOrDefault(name));
        }

        /// <summary>Paragraphs and nested tables of a cell or any other container, in reading order.</summary>
        private void FillContent(XElement container, string? cellPlace)
        {
            foreach (var child in container.Elements().ToList())
            {
                if (child.Name == Paragraph) FillParagraph(child, cellPlace);
                else if (child.Name == Table) FillTable(child);
                else FillContent(child, cellPlace);
            }
        }

        private void FillTable(XElement table)
        {
            var t = ++_tables;
            var rows = table.Elements(Row).ToList();
            for (var r = 0; r < rows.Count; r++)
            {
                var place = _partName ?? $"第{t}个表格第{r + 1}行";
                var names = Placeholder().Matches(TextOf(rows[r])).Select(m => m.Groups[1].Value).ToList();
                var open = names.Select(n => RowsOpen().Match(n)).FirstOrDefault(m => m.Success);
                if (open is not null)
                {
                    var tableName = open.Groups[1].Value;
                    if (!names.Any(n => n.Trim() == "/rows"))
                        throw new DocumentException($"模板{place}的「{{{{#rows {tableName}}}}}」在同一行内没有对应的「{{{{/rows}}}}」");
                    if (!data.Tables.TryGetValue(tableName, out var rowsData))
                        throw Unknown($"#rows {tableName}", place);
                    Loop(rows[r], tableName, rowsData, place);
                    continue;
                }
                var cells = rows[r].Elements(Cell).ToList();
                for (var c = 0; c < cells.Count; c++)
                    FillContent(cells[c], _partName ?? $"第{t}个表格第{r + 1}行第{c + 1}列");
            }
        }

        /// <summary>
        /// A repeated row compiled once: its paragraphs filled with a private-use character standing for each column, then
        /// serialised and cut at those characters. Each data row is then the row's XML with the column texts escaped into the
        /// slots. A row with a chart, or a data row whose text has a line break (which becomes paragraphs), takes the tree.
        /// </summary>
        private void Loop(XElement row, string tableName, TemplateTable table, string place)
        {
            var columns = table.Columns;
            var text = TextOf(row);
            var compiled = columns.Count <= SlotCount && !text.Any(IsSlot)
                && !Placeholder().Matches(text).Any(m => Chart().IsMatch(m.Groups[1].Value));
            // A bookmark is one place in a document; repeated per row its id would repeat, which Word refuses.
            row.Descendants().Where(e => e.Name == W + "bookmarkStart" || e.Name == W + "bookmarkEnd").Remove();
            var loop = new LoopRow(new XElement(row), tableName, table, place);
            if (compiled)
            {
                var copy = new XElement(row);
                var used = new SortedSet<int>();
                foreach (var p in copy.Descendants(Paragraph).ToList())
                    Replace(p, place, name =>
                    {
                        var column = IndexOf(columns, name);
                        if (column < 0) return RowValue(name, tableName, columns, []);
                        used.Add(column);
                        return ((char)(SlotBase + column)).ToString();
                    });
                (loop.Raw, loop.Slots) = Cut(Serialise(copy));
                loop.Used = [.. used];
            }
            else
            {
                // Checked once even when the data has no rows, so a wrong name is refused whatever the data.
                var check = new XElement(row);
                _dryRun = true;
                try
                {
                    foreach (var p in check.Descendants(Paragraph).ToList())
                        Replace(p, place, name => RowValue(name, tableName, columns, []));
                }
                finally
                {
                    _dryRun = false;
                }
            }
            var marker = new XElement(W + "chengxinLoop");
            row.ReplaceWith(marker);
            _loops[marker] = loop;
            for (var a = marker.Parent; a is not null; a = a.Parent) _holdingLoops.Add(a);
        }

        private const int SlotBase = 0xE000;
        private const int SlotCount = 0x100;

        private static bool IsSlot(char c) => c is >= (char)SlotBase and < (char)(SlotBase + SlotCount);

        private string Serialise(XElement row)
        {
            var text = new StringBuilder();
            using (var w = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true, NewLineHandling = NewLineHandling.None }))
            {
                // Under the root's declarations, as the row will stand in the part: its own XML then needs none.
                w.WriteStartElement("w", "chengxin", W.NamespaceName);
                foreach (var ns in _namespaces.Where(a => a.Name != XNamespace.Xmlns + "w")) WriteAttribute(w, ns);
                w.WriteString("");
                w.Flush();
                var start = text.Length;
                Write(row, w);
                w.Flush();
                var xml = text.ToString(start, text.Length - start);
                return xml.StartsWith('>') ? xml[1..] : xml;
            }
        }

        private static (string[] Raw, int[] Slots) Cut(string xml)
        {
            var raw = new List<string>();
            var slots = new List<int>();
            var start = 0;
            for (var i = 0; i < xml.Length; i++)
            {
                if (!IsSlot(xml[i])) continue;
                raw.Add(xml[start..i]);
                slots.Add(xml[i] - SlotBase);
                start = i + 1;
            }
            raw.Add(xml[start..]);
            return ([.. raw], [.. slots]);
        }

        private void Write(XElement e, XmlWriter w)
        {
            if (_loops.TryGetValue(e, out var loop))
            {
                WriteLoop(loop, w);
                return;
            }
            if (!_holdingLoops.Contains(e))
            {
                e.WriteTo(w);
                return;
            }
            w.WriteStartElement(e.GetPrefixOfNamespace(e.Name.Namespace), e.Name.LocalName, e.Name.NamespaceName);
            foreach (var a in e.Attributes()) WriteAttribute(w, a);
            foreach (var node in e.Nodes())
            {
                if (node is XElement child) Write(child, w);
                else node.WriteTo(w);
            }
            w.WriteFullEndElement();
        }

        private static void WriteAttribute(XmlWriter w, XAttribute a)
        {
            if (a.IsNamespaceDeclaration)
            {
                if (a.Name.Namespace == XNamespace.None) w.WriteAttributeString("", "xmlns", XNamespace.Xmlns.NamespaceName, a.Value);
                else w.WriteAttributeString("xmlns", a.Name.LocalName, XNamespace.Xmlns.NamespaceName, a.Value);
            }
            else
            {
                w.WriteAttributeString(a.Name.LocalName, a.Name.NamespaceName, a.Value);
            }
        }

        private void WriteLoop(LoopRow loop, XmlWriter w)
        {
            foreach (var values in loop.Table.Rows)
            {
                if (loop.Raw is not null && !loop.Used.Any(c => c < values.Count && values[c].Contains('\n', StringComparison.Ordinal)))
                {
                    for (var i = 0; i < loop.Slots.Length; i++)
                    {
                        w.WriteRaw(loop.Raw[i]);
                        var column = loop.Slots[i];
                        w.WriteString(column < values.Count ? values[column] : "");
                    }
                    w.WriteRaw(loop.Raw[^1]);
                    continue;
                }
                var copy = new XElement(loop.Template);
                var holder = new XElement("holder", copy);
                foreach (var p in copy.Descendants(Paragraph).ToList())
                    Replace(p, loop.Place, name => RowValue(name, loop.Name, loop.Table.Columns, values));
                foreach (var e in holder.Elements()) e.WriteTo(w);
            }
        }

        private string? RowValue(string name, string tableName, IReadOnlyList<string> columns, IReadOnlyList<string> values)
        {
            if (RowsOpen().Match(name) is { Success: true } m && m.Groups[1].Value == tableName)
                return "";
            if (name == "/rows")
                return "";
            var column = IndexOf(columns, name);
            return column >= 0 ? (column < values.Count ? values[column] : "") : data.Fields.GetValueOrDefault(name);
        }

        private static int IndexOf(IReadOnlyList<string> columns, string name)
        {
            for (var i = 0; i < columns.Count; i++)
                if (columns[i] == name) return i;
            return -1;
        }

        private void Replace(XElement p, string place, Func<string, string?> resolve)
        {
            var texts = p.Descendants(Text).ToList();
            var joined = string.Concat(texts.Select(t => t.Value));
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
            texts[0].Value = lines[0];
            texts[0].SetAttributeValue(XNamespace.Xml + "space", "preserve");
            foreach (var t in texts.Skip(1)) t.Remove();
            var last = p;
            foreach (var line in lines.Skip(1))
            {
                var copy = new XElement(p);
                copy.Descendants(Text).First().Value = line;
                last.AddAfterSelf(copy);
                last = copy;
            }
        }

        private void PlaceChart(XElement p, List<XElement> texts, string joined, string name, string place)
        {
            if (Placeholder().Replace(joined, "").Trim().Length > 0 || Placeholder().Matches(joined).Count > 1)
                throw new DocumentException($"模板{place}的图表占位符「{{{{chart {name}}}}}」须单独成段");
            if (!data.Charts.TryGetValue(name, out var png))
                throw Unknown($"chart {name}", place);
            if (_dryRun)
                return;
            foreach (var t in texts) t.Remove();
            if (!_chartIds.TryGetValue(name, out var id))
                _chartIds[name] = id = $"rIdChengxinChart{_chartIds.Count + 1}";
            var picture = WordParts.Picture(id, png, ++_pictures, CellWidthEmu(p) ?? WordParts.TextWidthEmu);
            p.Add(XElement.Parse(picture.OuterXml));
        }

        /// <summary>The width a picture in a table cell may take: the cell's width less Word's default margins, when the template says it.</summary>
        private static long? CellWidthEmu(XElement p)
        {
            var cell = p.Ancestors(Cell).FirstOrDefault();
            if (cell is null) return null;
            long? twips = null;
            var width = cell.Element(W + "tcPr")?.Element(W + "tcW");
            if (width?.Attribute(W + "type")?.Value == "dxa" && long.TryParse(width.Attribute(W + "w")?.Value, out var w))
                twips = w;
            else if (cell.Parent is { } row && row.Parent?.Element(W + "tblGrid") is { } grid)
            {
                // The cell's grid columns: those of the cells before it, each as many as it spans.
                var column = row.Elements(Cell).TakeWhile(c => c != cell).Sum(Span);
                var spanned = grid.Elements(W + "gridCol").Skip(column).Take(Span(cell))
                    .Select(g => long.TryParse(g.Attribute(W + "w")?.Value, out var x) ? x : 0).ToList();
                if (spanned.Count > 0 && spanned.All(x => x > 0)) twips = spanned.Sum();
            }
            // 108 twips of margin a side, Word's default; 635 EMU a twip.
            return twips is > 216 ? Math.Min(WordParts.TextWidthEmu, (twips.Value - 216) * 635) : null;
        }

        private static int Span(XElement cell) =>
            int.TryParse(cell.Element(W + "tcPr")?.Element(W + "gridSpan")?.Attribute(W + "val")?.Value, out var span) && span > 0 ? span : 1;

        private static string TextOf(XElement e) => string.Concat(e.Descendants(Text).Select(t => t.Value));

        private DocumentException Unknown(string name, string place) =>
            new($"模板{place}的占位符「{{{{{name}}}}}」不认识。可用的字段：{string.Join("、", data.Fields.Keys)}；表格：{string.Join("、", data.Tables.Keys)}；图表：{string.Join("、", data.Charts.Keys)}");
    }

    /// <summary>A repeated row: the template row (for a data row that needs the tree) and, when compiled, its XML cut at the column slots.</summary>
    private sealed class LoopRow(XElement template, string name, TemplateTable table, string place)
    {
        public XElement Template { get; } = template;
        public string Name { get; } = name;
        public TemplateTable Table { get; } = table;
        public string Place { get; } = place;
        public string[]? Raw { get; set; }
        public int[] Slots { get; set; } = [];
        public int[] Used { get; set; } = [];
    }
}
