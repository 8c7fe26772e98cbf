using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Collection;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Letters;

public static class ExportLiaisonTables
{
    public static readonly IReadOnlyList<string> ExportHeader = ["单位", "姓名", "职务", "座机", "手机", "邮箱", "报送时间", "是否逾期", LatenessHours.Header];

    public static async Task<IResult> Handle(long id, ChengxinDbContext db, SchemeVersions versions, CancellationToken ct)
    {
        var rows = await LetterContext.LiaisonRowsAsync(db, versions, id, ct);
        if (rows is null)
            return ProblemResponses.NotFound("评价批次");
        var sheet = new XlsxSheet("联络员联系表", ExportHeader, rows.Select(r => (IReadOnlyList<object?>)
            [r.UnitName, r.Name, r.Title, r.Landline, r.Mobile, r.Email, r.SubmittedAt?.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
             r.SubmittedAt is null ? "未报送" : r.IsLate ? "逾期" : "按时", r.IsLate ? LatenessHours.Of(r.LateBySeconds) : null]).ToList());
        var campaign = await db.Campaigns.Where(c => c.Id == id).Select(c => c.Name).FirstAsync(ct);
        return Xlsx.Stream([sheet], Xlsx.FileName(campaign, "联络员联系表"), ct);
    }
}
