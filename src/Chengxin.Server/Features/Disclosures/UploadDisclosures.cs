using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Chengxin.Server.Features.Disclosures;

/// <summary>
/// A 双公示 table uploaded as a file: an Excel workbook (its first sheet), or CSV in UTF-8 or GBK/GB18030 (the national
/// platform exports GBK; a spreadsheet saves UTF-8), the encoding detected rather than asked for.
/// </summary>
public static class UploadDisclosures
{
    /// <summary>A CSV of a city's half year (hundreds of thousands of rows) fits; a workbook is bounded by the XLSX reader's own limits.</summary>
    public const long MaxBytes = 200L * 1024 * 1024;

    public static async Task<IResult> Handle(HttpRequest request, [FromQuery] string? fileName, [FromQuery] bool? allOrNothing, ChengxinDbContext db,
        AccessScope scope, IConfiguration config, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation();
        var name = Uploads.FileName(fileName ?? "双公示报送表", validation);
        if (!validation.IsValid)
            return validation.Problem();
        var bytes = await Uploads.ReadAsync(request, MaxBytes, ct);
        if (bytes.Length == 0)
            throw new UnusableUploadException("上传的文件是空的。");

        DisclosureIntakeOutcome outcome;
        if (bytes is [0x50, 0x4B, 0x03, 0x04, ..])
        {
            var table = Xlsx.Read(new MemoryStream(bytes));
            if (table.Count == 0)
                throw new UnusableUploadException("文件中没有表头和数据行。");
            outcome = await StoreDisclosures.RunAsync(db, scope, config, clock, table[0], table.Skip(1).ToList(), name!, "xlsx", null,
                allOrNothing ?? false, ct);
        }
        else
        {
            // Decoded once, then read where it lies: no string per cell for the cells that are only checked.
            var text = CsvTable.Decode(bytes, out var encoding);
            outcome = await StoreDisclosures.RunAsync(db, scope, config, clock, (mapping, department) => DisclosureCsv.Read(text, mapping, department),
                name!, "csv", encoding, allOrNothing ?? false, ct);
        }
        if (outcome.TableProblem is { } problem)
        {
            validation.Add("file", problem);
            return validation.Problem();
        }
        return TypedResults.Created($"/api/disclosures/uploads/{outcome.Upload!.Id}",
            new DisclosureUploadView(DisclosureOffice.Summary(outcome.Upload), outcome.Rejections));
    }
}
