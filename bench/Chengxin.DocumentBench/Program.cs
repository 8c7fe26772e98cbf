using System.Diagnostics;
using System.Globalization;
using Chengxin.Documents;
using Chengxin.Documents.Bulletins;
using Chengxin.Domain.Bulletins;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

// A bulletin of every county in China (2,844 units) as DOCX and PDF: time and peak memory of each, against the floor of the
// same ranking table written by the raw OpenXmlWriter in the same run. Target: the DOCX ≤ 1.5× the floor, every run < 200 MB.
var units = args.Length >= 2 && args[0] == "--units" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2844;
const int rounds = 3;
string[] grades = ["优秀", "良好", "合格", "不合格"];
var list = Enumerable.Range(1, units).Select(i =>
{
    var total = 100 - i * 40m / units;
    return new BulletinUnit($"u{i}", $"第{i}县（市、区）", Math.Round(total, 2), grades[Math.Min(3, (i - 1) * 4 / units)], i, [Math.Round(total * 0.6m, 2), Math.Round(total * 0.4m, 2)]);
}).ToList();
var input = new BulletinInput("全国县级政务诚信评价", "2026年第三季度", grades, [new BulletinCategory("信用制度建设", 60), new BulletinCategory("守信践诺", 40)], list)
{
    Reports = list.Select((u, i) => new BulletinReport(u.Name, i % 50 == 7 ? ReportTimeliness.Late : i % 97 == 3 ? ReportTimeliness.Missing : ReportTimeliness.OnTime)).ToList(),
};
var content = BulletinComposer.Compose(input);
var header = new BulletinHeader("某省社会信用体系建设领导小组办公室", "信用办〔2026〕1号", new DateOnly(2026, 10, 15));
var charts = BulletinDocument.Charts(content);
var document = BulletinDocument.Build(content, header, charts);
var ranking = (TableBlock)document.Body.First(b => b is TableBlock t && t.Header[0] == "名次");
var tableOnly = new OfficialDocument(header.Issuer, header.Number, header.Date, "排名", [ranking]);

Console.WriteLine($"Chengxin.DocumentBench: {units:N0} units, best of {rounds} rounds; {Environment.ProcessorCount} cores; load {Load()}");
var floor = Measure("floor: the ranking table by raw OpenXmlWriter", () => RawTable(ranking));
var table = Measure("DocxWriter: the same ranking table", () => Write(s => DocxWriter.Write(tableOnly, s)));
var docx = Measure("DocxWriter: the whole bulletin (charts drawn before)", () => Write(s => DocxWriter.Write(document, s)));
var template = Measure("DocxTemplate: the default template filled", () => Write(s => DocxTemplate.Fill(BulletinTemplates.Default(BulletinTemplates.Grades),
    BulletinDocument.Data(content, header, charts), s)));
var pdf = Measure("PdfWriter: the whole bulletin", () => Write(s => PdfWriter.Write(document, s)));
var chartsTime = Measure("Charts: grade distribution, ranking, trend", () => { BulletinDocument.Charts(content); return 0; });

var ratio = table.Seconds / floor.Seconds;
var peak = new[] { floor, table, docx, template, pdf }.Max(m => m.PeakMb);
Console.WriteLine();
Console.WriteLine($"ratio DocxWriter table / raw OpenXmlWriter: {ratio:0.00}× (target ≤ 1.5×); whole bulletin DOCX {docx.Seconds / floor.Seconds:0.00}×, " +
    $"template {template.Seconds / floor.Seconds:0.00}×, PDF {pdf.Seconds / floor.Seconds:0.00}×; peak managed memory {peak:0} MB (target < 200 MB)");
Console.WriteLine(ratio <= 1.5 && peak < 200 ? "verdict: met" : "verdict: not met");
return 0;

static long Write(Action<Stream> write)
{
    using var stream = new MemoryStream();
    write(stream);
    return stream.Length;
}

// The floor: nothing but the package and the rows, cells and runs of the table, streamed.
static long RawTable(TableBlock t)
{
    using var stream = new MemoryStream();
    using (var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
    {
        var main = package.AddMainDocumentPart();
        using var w = OpenXmlWriter.Create(main);
        w.WriteStartDocument();
        w.WriteStartElement(new Document());
        w.WriteStartElement(new Body());
        w.WriteStartElement(new Table());
        foreach (var row in t.Rows.Prepend(t.Header))
        {
            w.WriteStartElement(new TableRow());
            foreach (var cell in row)
            {
                w.WriteStartElement(new TableCell());
                w.WriteStartElement(new Paragraph());
                w.WriteStartElement(new Run());
                w.WriteElement(new Text(cell));
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.Close();
    }
    return stream.Length;
}

static Result Measure(string what, Func<long> run)
{
    run();
    var best = double.MaxValue;
    var peakBytes = 0L;
    long bytes = 0;
    for (var i = 0; i < rounds; i++)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(true);
        using var sampling = new CancellationTokenSource();
        var peak = baseline;
        // Managed heap sampled every millisecond while the run lasts: the most the run holds at once.
        var sampler = Task.Run(() =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                Thread.Sleep(1);
            }
        });
        var watch = Stopwatch.StartNew();
        bytes = run();
        watch.Stop();
        peak = Math.Max(peak, GC.GetTotalMemory(false));
        sampling.Cancel();
        sampler.Wait();
        best = Math.Min(best, watch.Elapsed.TotalSeconds);
        peakBytes = Math.Max(peakBytes, peak - baseline);
    }
    var result = new Result(best, peakBytes / 1024.0 / 1024.0);
    Console.WriteLine($"{what,-58} {best,8:0.000} s  peak {result.PeakMb,6:0.0} MB  {bytes / 1024,7:N0} KB");
    return result;
}

static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

internal sealed record Result(double Seconds, double PeakMb);
