using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Xml;
using Chengxin.ExportBench;
using Chengxin.Sheets;

// Benchmark B6 (issue 19): a province's ranking and score sheets (units × 45 columns each) written as XLSX by the server's
// writer (XlsxWriter.WriteAsync, as the export endpoints stream it), against the OpenXML SDK's SAX writer writing the same
// cells (the floor), and the writer before streaming. Each case runs in a child process of its own, so that its peak memory
// (Process.PeakWorkingSet64, the kernel's VmHWM) is its own. Usage:
//   dotnet run -c Release --project bench/Chengxin.ExportBench -- [--units N | --full] [--runs N] [--before | --no-before]

var units = 10_000;
var runs = 3;
bool? before = null;
string? childCase = null;
string? output = null;
for (var a = 0; a < args.Length; a++)
{
    int Next() => a + 1 < args.Length && int.TryParse(args[++a], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
        ? v
        : throw new ArgumentException($"{args[a]} needs a positive whole number");
    switch (args[a])
    {
        case "--units": units = Next(); break;
        case "--full": units = 80_000; break;
        case "--runs": runs = Next(); break;
        case "--before": before = true; break;
        case "--no-before": before = false; break;
        case "--case": childCase = args[++a]; break;
        case "--out": output = args[++a]; break;
        default:
            Console.Error.WriteLine($"unknown option {args[a]}; options: --units N | --full, --runs N, --before | --no-before");
            return 2;
    }
}

if (childCase is not null)
    return await RunCaseAsync(childCase, units, output!);

const decimal RatioTarget = 1.5m;
const long PeakTargetBytes = 200L * 1024 * 1024;
// The writer before streaming holds the whole workbook as objects: at a province's size that is gigabytes, so only on request.
var withBefore = before ?? units <= 20_000;

Console.WriteLine("Chengxin bench B6 — ranking and score sheets as XLSX: the streaming writer vs. the OpenXML SAX writer");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, load average {LoadAverage()}");
Console.WriteLine($"workbook: 2 sheets × {units:N0} units × {Workload.Columns} columns ({2L * units * Workload.Columns:N0} cells); each case in its own process, {runs} runs, median time, highest peak");
Console.WriteLine();

var folder = Directory.CreateTempSubdirectory("chengxin-b6-");
var cases = withBefore ? new[] { "floor", "ours", "before" } : ["floor", "ours"];
var measured = cases.ToDictionary(c => c, _ => new List<Measure>());
try
{
    for (var r = 0; r < runs; r++)
        foreach (var c in cases)
            measured[c].Add(Child(c, units, Path.Combine(folder.FullName, c + ".xlsx")));

    var differences = SameCells(Path.Combine(folder.FullName, "ours.xlsx"), Path.Combine(folder.FullName, "floor.xlsx"));
    if (differences is not null)
    {
        Console.Error.WriteLine($"MISMATCH: the writer and the floor wrote different cells: {differences}");
        return 1;
    }

    Console.WriteLine($"{"case",-46} {"time",10} {"peak memory",12} {"file",10} {"allocated",11}");
    foreach (var c in cases)
    {
        var m = measured[c];
        Console.WriteLine($"{Label(c),-46} {Median(m.Select(x => x.Milliseconds)),7:N0} ms {m.Max(x => x.PeakBytes) / 1048576.0,9:N0} MB "
            + $"{m[^1].FileBytes / 1048576.0,7:N1} MB {m[^1].AllocatedBytes / 1048576.0,8:N0} MB");
    }
    var ours = Median(measured["ours"].Select(x => x.Milliseconds));
    var floor = Median(measured["floor"].Select(x => x.Milliseconds));
    var ratio = (decimal)ours / (decimal)floor;
    var peak = measured["ours"].Max(x => x.PeakBytes);
    Console.WriteLine();
    Console.WriteLine($"{"target",-46} {"result",21} {"verdict",8}");
    Console.WriteLine($"{"writer/floor time ≤ " + RatioTarget + "×",-46} {ratio.ToString("0.000", CultureInfo.InvariantCulture) + "×",21} {(ratio <= RatioTarget ? "PASS" : "FAIL"),8}");
    Console.WriteLine($"{"writer peak memory < 200 MB",-46} {(peak / 1048576.0).ToString("N0", CultureInfo.InvariantCulture) + " MB",21} {(peak < PeakTargetBytes ? "PASS" : "FAIL"),8}");
    if (withBefore)
    {
        var old = Median(measured["before"].Select(x => x.Milliseconds));
        Console.WriteLine($"{"(before streaming: writer/floor)",-46} {((decimal)old / (decimal)floor).ToString("0.000", CultureInfo.InvariantCulture) + "×",21}");
    }
    Console.WriteLine();
    Console.WriteLine($"verified: every cell of both sheets equal in the writer's and the floor's files ({2L * units * Workload.Columns:N0} cells, headers included)");
    Console.WriteLine($"load average at end: {LoadAverage()}");
    return 0;
}
finally
{
    folder.Delete(recursive: true);
}

static string Label(string c) => c switch
{
    "floor" => "floor: OpenXmlWriter (SAX) into a package",
    "ours" => "XlsxWriter.WriteAsync (what the server streams)",
    _ => "before: the writer before streaming (DOM)",
};

static Measure Child(string name, int units, string output)
{
    var self = Environment.ProcessPath!;
    var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
    // Started through `dotnet bench.dll`, the host needs the assembly again; through the apphost it does not.
    if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(Workload).Assembly.Location);
    foreach (var a in new[] { "--case", name, "--units", units.ToString(CultureInfo.InvariantCulture), "--out", output }) start.ArgumentList.Add(a);
    using var process = Process.Start(start)!;
    var line = process.StandardOutput.ReadToEnd().Trim();
    process.WaitForExit();
    if (process.ExitCode != 0) throw new InvalidOperationException($"case {name} failed: {line}");
    var parts = line.Split(' ').Select(p => long.Parse(p, CultureInfo.InvariantCulture)).ToArray();
    return new Measure(parts[0] / 1000.0, parts[1], parts[2], parts[3]);
}

static async Task<int> RunCaseAsync(string name, int units, string output)
{
    var sheets = Workload.Sheets(units);
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var sw = Stopwatch.StartNew();
    switch (name)
    {
        case "floor":
            OpenXmlFloor.Write(output, sheets);
            break;
        case "ours":
        {
            await using var file = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true);
            await XlsxWriter.WriteAsync(file, sheets);
            break;
        }
        case "before":
            await File.WriteAllBytesAsync(output, PreviousWriter.Write(sheets));
            break;
        default:
            return 2;
    }
    var micros = (long)(sw.Elapsed.TotalMilliseconds * 1000);
    allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
    using var self = Process.GetCurrentProcess();
    self.Refresh();
    Console.WriteLine($"{micros} {self.PeakWorkingSet64} {new FileInfo(output).Length} {allocated}");
    return 0;
}

// Both files read forward, sheet by sheet and row by row: each cell's text must be equal (styles and widths are the writer's extras).
static string? SameCells(string ours, string floor)
{
    using var a = ZipFile.OpenRead(ours);
    using var b = ZipFile.OpenRead(floor);
    var sheetsA = SheetPaths(a);
    var sheetsB = SheetPaths(b);
    if (sheetsA.Count != sheetsB.Count) return $"{sheetsA.Count} sheets against {sheetsB.Count}";
    for (var s = 0; s < sheetsA.Count; s++)
    {
        using var rowsA = Rows(a, sheetsA[s]).GetEnumerator();
        using var rowsB = Rows(b, sheetsB[s]).GetEnumerator();
        var n = 0;
        while (true)
        {
            var moreA = rowsA.MoveNext();
            if (moreA != rowsB.MoveNext()) return $"sheet {s + 1}: row counts differ after {n} rows";
            if (!moreA) break;
            n++;
            if (!rowsA.Current.SequenceEqual(rowsB.Current))
                return $"sheet {s + 1} row {n}: [{string.Join("|", rowsA.Current)}] against [{string.Join("|", rowsB.Current)}]";
        }
    }
    return null;
}

// The sheets' parts in workbook order, through the workbook's relationships.
static List<string> SheetPaths(ZipArchive zip)
{
    var targets = new Dictionary<string, string>();
    using (var rels = XmlReader.Create(zip.GetEntry("xl/_rels/workbook.xml.rels")!.Open()))
        while (rels.Read())
            if (rels.NodeType == XmlNodeType.Element && rels.LocalName == "Relationship")
                targets[rels.GetAttribute("Id")!] = rels.GetAttribute("Target")!.TrimStart('/').Replace("xl/", "");
    var paths = new List<string>();
    using var workbook = XmlReader.Create(zip.GetEntry("xl/workbook.xml")!.Open());
    while (workbook.Read())
        if (workbook.NodeType == XmlNodeType.Element && workbook.LocalName == "sheet")
            paths.Add("xl/" + targets[workbook.GetAttribute("id", "http://schemas.openxmlformats.org/officeDocument/2006/relationships")!]);
    return paths;
}

static IEnumerable<List<string>> Rows(ZipArchive zip, string path)
{
    using var reader = XmlReader.Create(zip.GetEntry(path)!.Open());
    List<string>? row = null;
    while (reader.Read())
    {
        if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "row") row = [];
        else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "c") row!.Add("");
        else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace) row![^1] += reader.Value;
        else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "row") yield return row!;
    }
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[(sorted.Count - 1) / 2];
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

internal sealed record Measure(double Milliseconds, long PeakBytes, long FileBytes, long AllocatedBytes);
