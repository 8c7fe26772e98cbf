using Chengxin.Domain.Monitoring;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Disclosures;

/// <summary>
/// The machine API: the city credit platform pushes records with its API token (Authorization: Bearer), no session and no
/// antiforgery token. The records are judged exactly as an uploaded table's, row 2 being the first record.
/// </summary>
public static class PushDisclosures
{
    public const int MaxRecords = 100_000;

    private static readonly DisclosureField[] Order =
    [
        DisclosureField.SubjectName, DisclosureField.CreditCode, DisclosureField.IdNumber, DisclosureField.DecisionNumber, DisclosureField.DecisionDate,
        DisclosureField.ReportedOn, DisclosureField.Agency, DisclosureField.SourceDepartment, DisclosureField.Category,
    ];

    public static async Task<IResult> Handle(PushDisclosuresRequest request, ChengxinDbContext db, AccessScope scope, IConfiguration config,
        TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation()
            .Check(request.Records is { Count: > 0 }, "records", "没有要报送的记录。")
            .Check(request.Records is null || request.Records.Count <= MaxRecords, "records", $"一次最多报送 {MaxRecords} 条，请分批推送。")
            .Optional("batchName", request.BatchName, "批次名称", 200);
        if (!validation.IsValid)
            return validation.Problem();

        // The office's mapping may rename columns; the pushed fields are named by the template, so the header is the mapping's own first name.
        var settings = await DisclosureOffice.LoadAsync(db, scope.TenantId, config, ct);
        var header = Order.Select(f => settings.Mapping.Headers[f][0]).ToList();
        var rows = request.Records!.Select(r => (IReadOnlyList<string>)
        [
            r.SubjectName ?? "", r.CreditCode ?? "", r.IdNumber ?? "", r.DecisionNumber ?? "", r.DecisionDate ?? "", r.ReportedOn ?? "",
            r.Agency ?? "", r.SourceDepartment ?? "", r.Category ?? "",
        ]).ToList();
        var outcome = await StoreDisclosures.RunAsync(db, scope, config, clock, header, rows, request.BatchName?.Trim() is { Length: > 0 } n ? n : "接口推送",
            "api", null, request.AllOrNothing ?? false, ct);
        if (outcome.TableProblem is { } problem)
        {
            validation.Add("records", problem);
            return validation.Problem();
        }
        return TypedResults.Created($"/api/disclosures/uploads/{outcome.Upload!.Id}",
            new DisclosureUploadView(DisclosureOffice.Summary(outcome.Upload), outcome.Rejections));
    }
}
