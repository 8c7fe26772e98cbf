using System.IO.Compression;
using System.Text;

namespace Chengxin.Server.Tests.Infrastructure;

/// <summary>
/// Uploads made to hurt a server: workbooks whose sheet is a decompression bomb, carries a DTD or an entity
/// expansion, or is not XML at all; zips that are no workbook; bytes that are no zip. Each is a few kilobytes
/// on the wire, written part by part so the test itself never holds the expanded sheet.
/// </summary>
public static class BadFiles
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    public static readonly IReadOnlyList<string> UnitHeader = ["编码", "名称", "上级编码", "层级", "类别", "状态"];

    /// <summary>A well-formed workbook of one sheet whose XML <paramref name="writeSheet"/> writes.</summary>
    public static byte[] Workbook(Action<TextWriter> writeSheet)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
                "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
            Entry(zip, "_rels/.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Entry(zip, "xl/workbook.xml",
                $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{Main}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" +
                "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Entry(zip, "xl/_rels/workbook.xml.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize);
            using var writer = new StreamWriter(sheet.Open(), new UTF8Encoding(false), 1 << 16);
            writeSheet(writer);
        }
        return buffer.ToArray();
    }

    /// <summary>A sheet of rows of text cells, the way a real workbook is laid out.</summary>
    public static byte[] Sheet(params IReadOnlyList<string>[] rows) => Workbook(w =>
    {
        w.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{Main}\"><sheetData>");
        foreach (var row in rows)
            Row(w, row);
        w.Write("</sheetData></worksheet>");
    });

    /// <summary>
    /// The attack of issue 12 F7: a valid header row, then <paramref name="megabytes"/> MB of sheet XML that
    /// compresses a thousandfold, so a small upload expands past any sane memory budget when read whole.
    /// </summary>
    public static byte[] DecompressionBomb(IReadOnlyList<string> header, int megabytes) => Workbook(w =>
    {
        w.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{Main}\"><sheetData>");
        Row(w, header);
        var padding = new string(' ', 1 << 20);
        for (var i = 0; i < megabytes; i++)
            w.Write(padding);
        w.Write("</sheetData></worksheet>");
    });

    /// <summary>A header row and then <paramref name="rows"/> empty rows: little XML, but more rows than an import takes.</summary>
    public static byte[] RowBomb(IReadOnlyList<string> header, int rows) => Workbook(w =>
    {
        w.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{Main}\"><sheetData>");
        Row(w, header);
        for (var i = 0; i < rows; i++)
            w.Write("<row/>");
        w.Write("</sheetData></worksheet>");
    });

    /// <summary>A sheet with a document type declaration naming an external file (XXE).</summary>
    public static byte[] WithDtd(IReadOnlyList<string> header) => Workbook(w =>
    {
        w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE worksheet [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>");
        w.Write($"<worksheet xmlns=\"{Main}\"><sheetData>");
        Row(w, header);
        w.Write("<row><c t=\"inlineStr\"><is><t>&secret;</t></is></c></row></sheetData></worksheet>");
    });

    /// <summary>The billion laughs: ten levels of ten entity references, a gigabyte of "lol" from a kilobyte.</summary>
    public static byte[] BillionLaughs(IReadOnlyList<string> header) => Workbook(w =>
    {
        w.Write("<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY lol0 \"lol\">");
        for (var i = 1; i <= 9; i++)
            w.Write($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
        w.Write($"]><worksheet xmlns=\"{Main}\"><sheetData>");
        Row(w, header);
        w.Write("<row><c t=\"inlineStr\"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>");
    });

    /// <summary>A sheet whose XML breaks off in the middle of a row.</summary>
    public static byte[] MalformedXml(IReadOnlyList<string> header) => Workbook(w =>
    {
        w.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{Main}\"><sheetData>");
        Row(w, header);
        w.Write("<row><c t=\"inlineStr\"><is><t>未闭合</is></row>");
    });

    /// <summary>A zip with no workbook in it.</summary>
    public static byte[] ZipWithoutWorkbook()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            Entry(zip, "readme.txt", "不是工作簿");
        return buffer.ToArray();
    }

    /// <summary>Bytes that are no zip at all (a CSV saved under the .xlsx name).</summary>
    public static byte[] NotAZip() => Encoding.UTF8.GetBytes("编码,名称,上级编码\nX1,某单位,A\n");

    private static void Entry(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }

    private static void Row(TextWriter w, IReadOnlyList<string> cells)
    {
        w.Write("<row>");
        foreach (var cell in cells)
            w.Write($"<c t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(cell)}</t></is></c>");
        w.Write("</row>");
    }
}
