using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Chengxin.Server.Data;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Disclosures;

/// <summary>
/// A 双公示 upload that crashes part-way leaves nothing: the database itself refuses one record deep in the file (a trigger the
/// test installs on the records table, so the failure comes after two chunks have been written), and the upload, its records
/// and its refused rows are all gone, whether the file was all-or-nothing or row-level.
/// </summary>
public abstract class DisclosureCrashTests(AppFixture app)
{
    private const int Rows = 1_200;
    private const int CrashAt = 1_100;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Upload_DatabaseFailsAfterMostRows_LeavesNoUploadNoRecordAndNoRefusedRow(bool allOrNothing)
    {
        await using var walk = await Walk.StartAsync(app, "jiaxian-departments-2022");
        var bureau = await walk.UnitAsync("中断报送局", "Department", "县直单位");
        var code = (await (await walk.Admin.GetAsync($"/api/units/{bureau.Id}")).ReadAsync<Features.Units.UnitResponse>()).Code!;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var subject = DisclosureIntakeTests.CreditCode("91410425MA40000C1");
        string Number(int n) => $"郏中断〔2026〕{tag}-{n}号";
        var lines = Enumerable.Range(1, Rows).Select(n =>
            $"郏县某公司{n},{subject},,{Number(n)},2026-03-02,2026-03-05,县市场监督管理局,{code},行政处罚").ToList();
        // Row-level: one row refused by validation, so that there are refused rows to (not) keep as well. All-or-nothing takes a
        // clean file (with a refused row it would store no record at all, and nothing would reach the crash).
        if (!allOrNothing)
            lines[10] = $"郏县某公司11,{subject},,{Number(11)},,2026-03-05,县市场监督管理局,{code},行政处罚";
        var body = Encoding.UTF8.GetBytes(string.Join("\r\n",
            ["行政相对人名称,统一社会信用代码,证件号码,决定文书号,决定日期,上报日期,处罚机关,数据来源单位,信息类别", .. lines]));

        var before = await CountAsync();
        await using (var crash = await CrashOnAsync(Number(CrashAt), tag))
        {
            var response = await walk.Admin.PostAsync($"/api/disclosures/uploads?fileName=crash.csv&allOrNothing={allOrNothing}",
                new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } });
            response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        }
        (await CountAsync()).ShouldBe(before);

        // The same file without the crash is taken: the crash, not the file, stopped it.
        var upload = await DisclosureIntakeTests.UploadAsync(walk.Admin, body, "crash.csv", allOrNothing);
        (upload.Upload.Stored, upload.Upload.Refused).ShouldBe(allOrNothing ? (Rows, 0) : (Rows - 1, 1));
    }

    private async Task<(int Uploads, int Records, int Refused)> CountAsync()
    {
        using var scope = app.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        return (await db.DisclosureUploads.IgnoreQueryFilters().CountAsync(), await db.DisclosureRecords.IgnoreQueryFilters().CountAsync(),
            await db.DisclosureRejections.IgnoreQueryFilters().CountAsync());
    }

    /// <summary>Installs a trigger that aborts the insert of one decision number; disposing it drops the trigger.</summary>
    private async Task<IAsyncDisposable> CrashOnAsync(string decisionNumber, string tag)
    {
        var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var name = $"crash_{tag}";
        if (db.Database.IsNpgsql())
        {
            // The names and the number are the test's own (a Guid's hex and digits), nothing from outside.
            var install = $$"""
                CREATE FUNCTION {{name}}() RETURNS trigger AS $$ BEGIN
                  IF NEW."DecisionNumber" = '{{decisionNumber}}' THEN RAISE EXCEPTION 'injected crash'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
                CREATE TRIGGER {{name}} BEFORE INSERT ON "DisclosureRecords" FOR EACH ROW EXECUTE FUNCTION {{name}}();
                """;
            await db.Database.ExecuteSqlRawAsync(install);
            return new Dropping(scope, db, $"DROP TRIGGER {name} ON \"DisclosureRecords\"; DROP FUNCTION {name}();");
        }
        var trigger = $"""
            CREATE TRIGGER {name} BEFORE INSERT ON "DisclosureRecords" WHEN NEW."DecisionNumber" = '{decisionNumber}'
            BEGIN SELECT RAISE(ABORT, 'injected crash'); END;
            """;
        await db.Database.ExecuteSqlRawAsync(trigger);
        return new Dropping(scope, db, $"DROP TRIGGER {name};");
    }

    private sealed class Dropping(AsyncServiceScope scope, ChengxinDbContext db, string sql) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await db.Database.ExecuteSqlRawAsync(sql);
            await scope.DisposeAsync();
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DisclosureCrashTestsOnSqlite(SqliteApp app) : DisclosureCrashTests(app);

[Collection(PostgresCollection.Name)]
public sealed class DisclosureCrashTestsOnPostgres(PostgresApp app) : DisclosureCrashTests(app);
