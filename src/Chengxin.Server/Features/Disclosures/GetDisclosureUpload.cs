using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Disclosures;

/// <summary>One upload's outcome with its refused rows, and the refused rows as a workbook to fix and upload again.</summary>
public static class GetDisclosureUpload
{
    public static async Task<IResult> Handle(long id, ChengxinDbContext db, AccessScope scope, CancellationToken ct)
    {
        var upload = await db.DisclosureUploads.AsNoTracking().Where(u => DisclosureOffice.Departments(db, scope).Contains(u.UploaderUnitId)).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (upload is null)
            return ProblemResponses.NotFound("上传记录");
        return TypedResults.Ok(new DisclosureUploadView(DisclosureOffice.Summary(upload), await RejectionsAsync(db, id, ct)));
    }

    public static async Task<IResult> Export(long id, ChengxinDbContext db, AccessScope scope, CancellationToken ct)
    {
        var upload = await db.DisclosureUploads.AsNoTracking().Where(u => DisclosureOffice.Departments(db, scope).Contains(u.UploaderUnitId)).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (upload is null)
            return ProblemResponses.NotFound("上传记录");
        var rows = (await RejectionsAsync(db, id, ct)).Select(r => (IReadOnlyList<object?>)[r.Row, r.Column, r.Reason, r.DecisionNumber, r.Department]);
        var bytes = Xlsx.Write("有误的行", ["行号", "列", "原因", "决定文书号", "数据来源单位"], rows);
        return TypedResults.File(bytes, Xlsx.ContentType, Xlsx.FileName(Path.GetFileNameWithoutExtension(upload.FileName), "有误的行"));
    }

    private static async Task<List<DisclosureRejectionView>> RejectionsAsync(ChengxinDbContext db, long uploadId, CancellationToken ct) =>
        (await db.DisclosureRejections.AsNoTracking().Where(r => r.UploadId == uploadId).OrderBy(r => r.Row).ThenBy(r => r.Id).ToListAsync(ct))
            .Select(DisclosureOffice.View).ToList();
}
