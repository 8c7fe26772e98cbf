using Chengxin.Server.Data;
using Chengxin.Server.Features.Notifications;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Demo;

/// <summary>A few notices in the demo's inboxes, so the bell shows a count and the inbox has something to read.</summary>
internal static class DemoNotifications
{
    public static async Task SeedAsync(ChengxinDbContext db, IReadOnlyDictionary<string, AppUser> users, Campaign campaign, DateTime now,
        CancellationToken ct)
    {
        var link = $"/submission?campaign={campaign.Id}&unit={users["liaison"].UnitId}";
        await Notices.PostAsync(db, [users["liaison"].Id], new Notice("returned", $"报送被退回补充：{campaign.Name}",
            $"退回原因：“政务公开”一项缺少会议纪要，请补充上传。\n补充期限：{BeijingTime.Local(now.AddDays(5)):yyyy年M月d日} 17:00", link, "demo:returned"), ct);
        await Notices.PostAsync(db, [users["liaison"].Id], new Notice("reminder", "工作提示单：请按时报送第一季度材料",
            $"距“{campaign.Name}”报送截止还有 7 天，请尽快完成各项指标的填报。", link, "demo:reminder"), ct);
        await Notices.PostAsync(db, [users["admin"].Id, users["qingshi-admin"].Id], new Notice("submitted", "石门镇已提交报送",
            $"{campaign.Name}：石门镇已提交。", link, "demo:submitted"), ct);
        await db.SaveChangesAsync(ct);
    }
}
