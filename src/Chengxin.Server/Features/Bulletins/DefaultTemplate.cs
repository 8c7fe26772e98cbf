using Chengxin.Documents.Bulletins;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Bulletins;

/// <summary>A default bulletin template, for the office to edit in Word and send back as its own (the placeholders are in README).</summary>
public static class DefaultTemplate
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [BulletinTemplates.Lists] = "红蓝黄名单通报模板",
        [BulletinTemplates.Taskforce] = "专班考评通报模板",
        [BulletinTemplates.Grades] = "等次排名通报模板",
    };

    public static IResult Get(string kind) =>
        Names.TryGetValue(kind, out var name)
            ? TypedResults.File(BulletinTemplates.Default(kind), GenerateBulletin.DocxType, name + ".docx")
            : ProblemResponses.NotFound("通报模板");
}
