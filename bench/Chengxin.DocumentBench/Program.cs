using System.Diagnostics;
using System.Globalization;
using Chengxin.Documents;
using Chengxin.Documents.Bulletins;
using Chengxin.Domain.Bulletins;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

// A bulletin of every county in China (2,844 units) as DOCX and PDF: time and peak memory of each, against floors written in
// the same run. Each verdict is on like-for-like content: the ranking table alone against the same table by the raw
// OpenXmlWriter; the whole bulletin against the same blocks (sentences, tables, charts) by the raw OpenXmlWriter; the filled
// default template against the same content as the template shows it; the PDF against PDFsharp drawing the same text, lines
// and pictures at fixed places with no layout. Target: each ≤ 1.5× its floor, every run < 200 MB.
var units = args.Contains("--units") ? int.Parse(args[Array.IndexOf(args, "--units") + 1], CultureInfo.InvariantCulture) : 2844;
var rounds = args.Contains("--rounds") ? int.Parse(args[Array.IndexOf(args, "--rounds") + 1], CultureInfo.InvariantCulture) : 5;
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
var template = BulletinTemplates.Default(BulletinTemplates.Grades);
var data = BulletinDocument.Data(content, header, charts);
var filled = TemplateContent(data, document);

Console.WriteLine($"Chengxin.DocumentBench: {units:N0} units, best of {rounds} rounds; {Environment.ProcessorCount} cores; load {Load()}");
// On a machine shared with other builds the wall clock measures the queue for a core as much as the work, so the ratios are
// of CPU time (the process's, garbage collector included); the wall clock is printed beside it.
Console.WriteLine($"{"",-58} {"cpu",8}    {"wall",8}    {"peak",9}     {"size",7}");
var tableFloor = Measure("floor: the ranking table by raw OpenXmlWriter", () => Write(s => Floors.Docx(new OfficialDocument("", null, header.Date, "", [ranking]), s)));
var table = Measure("DocxWriter: the same ranking table", () => Write(s => DocxWriter.Write(tableOnly, s)));
var wholeFloor = Measure("floor: the whole bulletin's blocks by raw OpenXmlWriter", () => Write(s => Floors.Docx(document, s)));
var docx = Measure("DocxWriter: the whole bulletin (charts drawn before)", () => Write(s => DocxWriter.Write(document, s)));
var templateFloor = Measure("floor: the filled template's blocks by raw OpenXmlWriter", () => Write(s => Floors.Docx(filled, s)));
var fill = Measure("DocxTemplate: the default template filled", () => Write(s => DocxTemplate.Fill(template, data, s)));
var pdf = Measure("PdfWriter: the whole bulletin", () => Write(s => PdfWriter.Write(document, s)));
// After PdfWriter, which registers the embedded fonts with PDFsharp (the resolver is global).
var pdfFloor = Measure("floor: the same blocks drawn by PDFsharp, no layout", () => Write(s => Floors.Pdf(document, s)));
Measure("Charts: grade distribution, ranking, trend", () => { BulletinDocument.Charts(content); return 0; });

var verdicts = new (string What, Result Run, Result Floor)[]
{
    ("DocxWriter table / its floor", table, tableFloor),
    ("DocxWriter whole bulletin / its floor", docx, wholeFloor),
    ("DocxTemplate filled / its floor", fill, templateFloor),
    ("PdfWriter / its floor", pdf, pdfFloor),
};
var peak = new[] { tableFloor, table, wholeFloor, docx, templateFloor, fill, pdf, pdfFloor }.Max(m => m.PeakMb);
Console.WriteLine();
foreach (var (what, run, against) in verdicts)
    Console.WriteLine($"ratio {what,-40} {run.Seconds / against.Seconds,5:0.00}× (target ≤ 1.5×)");
Console.WriteLine($"(against the table-only floor: whole bulletin {docx.Seconds / tableFloor.Seconds:0.00}×, template {fill.Seconds / tableFloor.Seconds:0.00}×)");
var resident = ResidentPeakMb();
Console.WriteLine($"peak managed memory of a run {peak:0} MB, peak resident memory of the whole process {resident} MB (target < 200 MB)");
var met = verdicts.All(v => v.Run.Seconds / v.Floor.Seconds <= 1.5) && peak < 200 && resident is null or < 200;
Console.WriteLine(met ? "verdict: met" : "verdict: not met");
return 0;

// The filled default template (grades) as blocks: what the template shows, in its order, with the data's text.
static OfficialDocument TemplateContent(TemplateData d, OfficialDocument bulletin)
{
    var body = new List<DocumentBlock> { new ParagraphBlock($"现将{d.Fields["批次"]}（{d.Fields["期别"]}）评价结果通报如下。"), new HeadingBlock("一、总体情况") };
    body.AddRange(d.Fields["总体情况"].Split('\n').Select(s => new ParagraphBlock(s)));
    body.Add(new ImageBlock(d.Charts["等次分布"]));
    body.Add(new HeadingBlock("二、评价排名"));
    body.Add(new TableBlock(["名次", "单位", "总分", "等次", "名次变化"], d.Tables["排名"].Rows));
    body.Add(new ImageBlock(d.Charts["排名"]));
    body.Add(new HeadingBlock("三、各等次单位"));
    body.AddRange(d.Fields["等次名单"].Split('\n').Select(s => new ParagraphBlock(s)));
    body.Add(new HeadingBlock("四、各项指标得分情况"));
    body.Add(new TableBlock(["指标", "满分", "平均分", "得分率"], d.Tables["指标"].Rows));
    return bulletin with { Body = body };
}

static long Write(Action<Stream> write)
{
    using var stream = new MemoryStream();
    write(stream);
    return stream.Length;
}

Result Measure(string what, Func<long> run)
{
    run();
    var warm = Environment.CpuUsage.TotalTime;
    run();
    // Repeated within a round until it takes about half a second of CPU, so the CPU clock's ticks do not decide the ratio.
    var repeats = (int)Math.Clamp(Math.Ceiling(0.5 / Math.Max((Environment.CpuUsage.TotalTime - warm).TotalSeconds, 0.001)), 1, 100);
    var best = double.MaxValue;
    var bestWall = double.MaxValue;
    long bytes = 0;

    // Memory in a round of its own: one run, the managed heap sampled every millisecond, the most it holds above its start.
    Clean();
    var baseline = GC.GetTotalMemory(true);
    var peak = baseline;
    using (var sampling = new CancellationTokenSource())
    {
        var sampler = Task.Run(() =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                Thread.Sleep(1);
            }
        });
        bytes = run();
        peak = Math.Max(peak, GC.GetTotalMemory(false));
        sampling.Cancel();
        sampler.Wait();
    }

    for (var i = 0; i < rounds; i++)
    {
        Clean();
        var cpu = Environment.CpuUsage.TotalTime;
        var watch = Stopwatch.StartNew();
        for (var r = 0; r < repeats; r++) run();
        watch.Stop();
        best = Math.Min(best, (Environment.CpuUsage.TotalTime - cpu).TotalSeconds / repeats);
        bestWall = Math.Min(bestWall, watch.Elapsed.TotalSeconds / repeats);
    }
    var result = new Result(best, (peak - baseline) / 1024.0 / 1024.0);
    Console.WriteLine($"{what,-58} {best,8:0.000} s  {bestWall,8:0.000} s  {result.PeakMb,6:0.0} MB  {bytes / 1024,7:N0} KB");
    return result;
}

static void Clean()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
}

// The most the process ever held in memory (runtime, native fonts and pictures included), from Linux's own count.
static long? ResidentPeakMb() =>
    File.Exists("/proc/self/status")
        ? long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024
        : null;

static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

internal sealed record Result(double Seconds, double PeakMb);
