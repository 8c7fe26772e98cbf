using Chengxin.Domain.Surveys;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Demo;

/// <summary>
/// The demo's satisfaction survey: a year's grassroots monitoring (seed 000, heihe-grassroots-2023) of 青石县's towns and street, with
/// its questionnaire on 移风易俗 and 扫黑除恶 open for the public, and sheets answered over the past days: 石门镇 and 柳溪乡 past the
/// minimum of 30, 东城街道 one sheet short (样本不足), so that one more answer through its QR code scores its items.
/// </summary>
public static class DemoSurveys
{
    public const string CampaignName = "2026年度基层政务诚信监测（群众满意度测评）";

    /// <summary>Per unit: how many sheets, and of them how many 很满意, 满意, 基本满意, 不满意 on 移风易俗 (the rest 很不满意); 扫黑除恶 alike, shifted.</summary>
    private static readonly (string Code, int Sheets, int[] Customs)[] Answers =
    [
        ("YC-QS-SM", 42, [30, 8, 2, 2]),
        ("YC-QS-LX", 35, [12, 10, 6, 5]),
        // 29 sheets, 26 satisfied: one more 很满意 makes 30 of 30 with 27 satisfied → 90% → 移风易俗 4 points.
        ("YC-QS-DC", 29, [20, 6, 0, 3]),
    ];

    public static async Task SeedAsync(ChengxinDbContext db, SchemeVersions schemes, long tenantId, IReadOnlyDictionary<string, Unit> units, Guid? adminId,
        DateTimeOffset now, CancellationToken ct)
    {
        var version = await schemes.FreezeAsync(db, "heihe-grassroots-2023", tenantId, now.UtcDateTime, ct)
            ?? throw new InvalidOperationException("演示数据需要内置指标体系 heihe-grassroots-2023。");
        await db.SaveChangesAsync(ct);
        var campaign = new Campaign
        {
            TenantId = tenantId, Name = CampaignName, SchemeVersionId = version.Id, PeriodKey = "2026", State = Domain.Campaigns.CampaignState.Open,
            EvidenceDue = now.AddDays(30).UtcDateTime, AppealWindowSeconds = 7 * 86400, SelfAssessmentRequired = false, CreatedBy = adminId,
            CreatedAt = now.AddDays(-6).UtcDateTime,
        };
        campaign.Units.AddRange(Answers.Select(a => new CampaignUnit
        {
            UnitId = units[a.Code].Id, SchemeClass = units[a.Code].Class == "街道" ? "street" : "town",
        }));
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);

        var points = LevelPoints.Default;
        var survey = new SurveyRecord
        {
            TenantId = tenantId, CampaignId = campaign.Id, Title = "2026年度群众满意度测评", Intro = "本问卷匿名填写，不收集姓名、电话和位置，约需一分钟。",
            VerySatisfiedPoints = points.VerySatisfied, SatisfiedPoints = points.Satisfied, FairlySatisfiedPoints = points.FairlySatisfied,
            DissatisfiedPoints = points.Dissatisfied, VeryDissatisfiedPoints = points.VeryDissatisfied, Definition = SatisfactionDefinition.SatisfiedShare,
            MinimumSample = 30, AllowsComment = true, OpensAt = now.AddDays(-5).UtcDateTime, ClosesAt = campaign.EvidenceDue, Version = 1,
            UpdatedAt = now.UtcDateTime,
            Questions =
            [
                new SurveyQuestionRecord { No = 1, ItemId = "6", Text = "您对本地移风易俗工作（消除好逸恶劳、等靠缠要等现象）的满意程度如何？" },
                new SurveyQuestionRecord { No = 2, ItemId = "7", Text = "您对本地扫黑除恶工作（遏制“黄赌毒”、无“村霸”和宗族恶势力）的满意程度如何？" },
            ],
        };
        db.Surveys.Add(survey);
        await db.SaveChangesAsync(ct);
        await SurveyLinksAsync(db, survey, campaign, ct);

        var comments = new[] { "村里红白事简办了，很好。", "希望多组织文化活动。", null, null, "治安比以前好多了。", null };
        var sequence = 0;
        foreach (var (code, sheets, customs) in Answers)
        {
            var levels = Expand(customs, sheets);
            for (var i = 0; i < sheets; i++)
            {
                sequence++;
                db.SurveyResponses.Add(new SurveyResponseRecord
                {
                    TenantId = tenantId, SurveyId = survey.Id, UnitId = units[code].Id, DeviceHash = Convert.ToHexStringLower(
                        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"demo-device-{sequence}"))),
                    AnsweredAt = now.AddDays(-5).AddMinutes(sequence * 97 % (5 * 24 * 60)).UtcDateTime, Comment = comments[sequence % comments.Length],
                    Answers =
                    [
                        new SurveyAnswerRecord { QuestionId = survey.Questions[0].Id, Level = levels[i] },
                        new SurveyAnswerRecord { QuestionId = survey.Questions[1].Id, Level = levels[(i + 3) % sheets] },
                    ],
                });
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private static Task SurveyLinksAsync(ChengxinDbContext db, SurveyRecord survey, Campaign campaign, CancellationToken ct)
    {
        foreach (var member in campaign.Units)
            db.SurveyLinks.Add(new SurveyLinkRecord
            {
                TenantId = survey.TenantId, SurveyId = survey.Id, UnitId = member.UnitId,
                Token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(5)),
            });
        return db.SaveChangesAsync(ct);
    }

    private static List<SatisfactionLevel> Expand(int[] counts, int sheets)
    {
        var levels = new List<SatisfactionLevel>();
        for (var l = 0; l < counts.Length; l++)
            levels.AddRange(Enumerable.Repeat((SatisfactionLevel)(l + 1), counts[l]));
        levels.AddRange(Enumerable.Repeat(SatisfactionLevel.VeryDissatisfied, sheets - levels.Count));
        return levels;
    }
}
