using System.Net;
using System.Text.Json;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Exports;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests;

/// <summary>
/// The Excel files an office prints and files: named in Chinese after the campaign (RFC 5987 filename*), points and ranks
/// stored as numbers, columns as wide as their content, the 评分细则 of every item filled, lateness in one unit.
/// The workbooks are opened with OpenXML to see the cells as Excel does.
/// </summary>
public abstract class ExportWorkbookTests(AppFixture app)
{
    private async Task<(HttpClient Admin, long CampaignId, string Name, long Town)> ReviewingCampaignAsync()
    {
        var admin = await app.SessionAsync("a-admin");
        var tag = Guid.NewGuid().ToString("N")[..6];
        async Task<long> UnitAsync(string name, string unitClass) =>
            (await (await admin.PostJsonAsync("/api/units", new CreateUnitRequest(app.World.Unit("A-C1").Id, name + tag, "XW" + Guid.NewGuid().ToString("N")[..10],
                "Town", unitClass))).ReadAsync<UnitResponse>()).Id;
        var town = await UnitAsync("丙镇", "乡镇");
        var street = await UnitAsync("丁街道", "街道");
        var name = "导出版式" + tag;
        var campaign = await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest(name, [town, street],
            evidenceDue: app.Clock.GetUtcNow().AddDays(7).ToString("o")))).ReadAsync<CampaignResponse>();
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).EnsureSuccessStatusCode();
        var scheme = app.Factory.Services.GetRequiredService<Features.Schemes.SchemeCatalog>().Find(TestWorld.SchemeId)!;
        foreach (var (unit, facts) in new[] { (town, JiaxianTownsCampaignTests.MiddlingTown), (street, JiaxianTownsCampaignTests.StrongStreet) })
        {
            var url = $"/api/campaigns/{campaign.Id}/units/{unit}/submission";
            foreach (var item in scheme.Items.Where(i => i.Facts.Any(f => facts.Any(x => x.Key == f.Key))))
            {
                var values = facts.Where(x => item.Facts.Any(f => f.Key == x.Key)).ToDictionary(f => f.Key, f => JsonSerializer.SerializeToElement(f.Value, Http.Json));
                (await admin.PutJsonAsync($"{url}/items/{item.Id}", new SaveItemRequest(values, null))).EnsureSuccessStatusCode();
            }
            (await admin.PostAsync($"{url}/submit", null)).EnsureSuccessStatusCode();
        }
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/start-review", null)).EnsureSuccessStatusCode();
        return (admin, campaign.Id, name, town);
    }

    private sealed record Workbook(string FileName, Dictionary<string, List<List<Cell>>> Sheets, Dictionary<string, Columns?> Widths);

    private static async Task<Workbook> OpenAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var disposition = response.Content.Headers.ContentDisposition!;
        disposition.DispositionType.ShouldBe("attachment");
        // filename* carries the Chinese name (RFC 5987); HttpClient decodes it.
        response.Content.Headers.GetValues("Content-Disposition").Single().ShouldContain("filename*=UTF-8''");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var part = document.WorkbookPart!;
        var sheets = new Dictionary<string, List<List<Cell>>>();
        var widths = new Dictionary<string, Columns?>();
        foreach (var sheet in part.Workbook.Sheets!.Elements<Sheet>())
        {
            var ws = ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet;
            sheets[sheet.Name!] = ws.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => (Cell)c.CloneNode(true)).ToList()).ToList();
            widths[sheet.Name!] = (Columns?)ws.GetFirstChild<Columns>()?.CloneNode(true);
        }
        return new Workbook(disposition.FileNameStar!, sheets, widths);
    }

    private static string Text(Cell c) => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "";

    private static bool IsNumber(Cell c) => c.DataType?.Value == CellValues.Number && c.InlineString is null && decimal.TryParse(c.CellValue?.Text, System.Globalization.CultureInfo.InvariantCulture, out _);

    [Fact]
    public async Task ExportRanking_ReviewedCampaign_IsNamedInChineseWithNumbersAsNumbersAndWidthsSet()
    {
        var (admin, id, name, _) = await ReviewingCampaignAsync();

        var book = await OpenAsync(await admin.GetAsync($"/api/exports/campaigns/{id}/ranking"));

        book.FileName.ShouldBe($"{name}-排名表.xlsx");
        var rows = book.Sheets["总排名"];
        rows[0].Select(Text).ShouldBe(ExportResults.RankingHeader);
        rows[0].ShouldAllBe(c => c.StyleIndex!.Value == 1u);
        var first = rows[1];
        // 总排名, 类别排名, 基本分, 附加分, 总分, 自评总分 are numbers; 单位, 类别, 等次 are text.
        foreach (var column in new[] { 0, 1, 4, 5, 6, 9 })
            IsNumber(first[column]).ShouldBeTrue($"column {ExportResults.RankingHeader[column]}: {first[column].OuterXml}");
        IsNumber(first[2]).ShouldBeFalse();
        Text(first[6]).ShouldBe("86");
        var columns = book.Widths["总排名"]!.Elements<Column>().ToList();
        columns.Count.ShouldBe(ExportResults.RankingHeader.Count);
        columns.ShouldAllBe(c => c.CustomWidth! && c.Width! >= 6);
        // 「丁街道xxxxxx」 is 3 Chinese characters and 6 letters: wider than the minimum.
        columns[2].Width!.Value.ShouldBeGreaterThan(12);
    }

    [Fact]
    public async Task ExportScoreSheet_OneUnit_FillsTheScoringRulesOfEveryItemAndStoresPointsAsNumbers()
    {
        var (admin, id, name, town) = await ReviewingCampaignAsync();

        var book = await OpenAsync(await admin.GetAsync($"/api/exports/campaigns/{id}/score-sheet?unitId={town}"));

        book.FileName.ShouldStartWith(name + "-丙镇");
        book.FileName.ShouldEndWith("-评分表.xlsx");
        var sheet = book.Sheets.Values.Single();
        var header = sheet[0].Select(Text).ToList();
        var rules = header.IndexOf("评分细则");
        var points = header.IndexOf("分值");
        var items = sheet.Skip(1).Where(r => r.Count > rules && Text(r[points]) != "").ToList();
        items.Count.ShouldBeGreaterThan(10);
        // 4.1, 4.2 and 5.1 of the towns scheme have no scoring words in the seed's table: their rule is said in words instead.
        items.ShouldAllBe(r => Text(r[rules]).Trim().Length > 0);
        items.ShouldAllBe(r => IsNumber(r[points]));
        var explanation = header.IndexOf("得分说明");
        items.Select(r => Text(r[explanation])).ShouldAllBe(t => !t.Contains("leader_assigned") && !t.Contains("max("));
        var total = sheet.Single(r => Text(r[0]) == "总分");
        IsNumber(total[header.IndexOf("得分")]).ShouldBeTrue();
    }

    [Fact]
    public async Task ExportProgress_Campaign_SaysLatenessInHoursAsTheOtherExportsDo()
    {
        var (admin, id, name, _) = await ReviewingCampaignAsync();

        var book = await OpenAsync(await admin.GetAsync($"/api/campaigns/{id}/progress/export"));

        book.FileName.ShouldBe($"{name}-报送进度.xlsx");
        var header = book.Sheets.Values.Single()[0].Select(Text).ToList();
        header.ShouldContain(ExportResults.LatenessHeader);
        ExportResults.RankingHeader.ShouldContain(ExportResults.LatenessHeader);
        var answered = header.IndexOf("已填指标");
        book.Sheets.Values.Single().Skip(1).ShouldAllBe(r => IsNumber(r[answered]));
    }

    [Fact]
    public async Task ExportRanking_ReviewedCampaign_IsStreamedWithNoLengthKnownBeforeTheRowsAreWritten()
    {
        var (admin, id, _, _) = await ReviewingCampaignAsync();

        using var response = await admin.GetAsync($"/api/exports/campaigns/{id}/ranking", HttpCompletionOption.ResponseHeadersRead);

        // A workbook built in memory first is sent with its length; one written as its rows are made cannot know it.
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.NonValidated.Contains("Content-Length").ShouldBeFalse();
        (await OpenAsync(response)).Sheets["总排名"].Count.ShouldBe(3);
    }

    [Theory]
    [InlineData(0L, null)]
    [InlineData(1L, "0.1")]
    [InlineData(3600L, "1")]
    [InlineData(3601L, "1.1")]
    [InlineData(90000L, "25")]
    public void LateHours_SecondsLate_AreHoursRoundedUpToATenth(long seconds, string? hours) =>
        ExportResults.LateHours(seconds)?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture).ShouldBe(hours);
}

[Collection(SqliteCollection.Name)]
public sealed class ExportWorkbookTestsOnSqlite(SqliteApp app) : ExportWorkbookTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ExportWorkbookTestsOnPostgres(PostgresApp app) : ExportWorkbookTests(app);
