using System.Net;
using Chengxin.Domain.Linting;
using Chengxin.Server.Features.Schemes;
using Chengxin.Server.Tests.Infrastructure;

namespace Chengxin.Server.Tests;

[Collection(SqliteCollection.Name)]
public sealed class SchemeTests(SqliteApp app)
{
    public const string SampleScheme = "jiaxian-departments-2022";

    [Fact]
    public async Task ListSchemes_ShowsEveryBuiltInSchemeWithoutLoadErrors()
    {
        var liaison = await app.SessionAsync("a-liaison");
        var list = await (await liaison.GetAsync("/api/schemes")).ReadAsync<SchemeList>();

        list.Errors.ShouldBeEmpty();
        list.Schemes.Count.ShouldBe(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "schemes"), "*.yaml").Length);
        list.Schemes.ShouldContain(s => s.Id == SampleScheme);
        list.Schemes.ShouldAllBe(s => s.ItemCount > 0);
    }

    [Fact]
    public async Task GetScheme_ReturnsTheTreeWithRulesAndFacts()
    {
        var reviewer = await app.SessionAsync("a-reviewer");
        var scheme = await (await reviewer.GetAsync($"/api/schemes/{SampleScheme}")).ReadAsync<SchemeView>();

        scheme.Summary.Id.ShouldBe(SampleScheme);
        scheme.Grades.Select(g => g.Name).ShouldContain("优秀");
        var items = scheme.Categories.SelectMany(Flatten).ToList();
        items.Count.ShouldBe(scheme.Summary.ItemCount);
        items.ShouldAllBe(i => i.Rule.Count > 0);
    }

    private static IEnumerable<ItemView> Flatten(CategoryView c) => c.Categories.SelectMany(Flatten).Concat(c.Items);

    [Fact]
    public async Task LintAndFacts_BuiltInScheme_AreServedThroughTheDomain()
    {
        var admin = await app.SessionAsync("a-admin");
        var findings = await (await admin.GetAsync($"/api/schemes/{SampleScheme}/lint")).ReadAsync<List<LintFindingView>>();
        var facts = await (await admin.GetAsync($"/api/schemes/{SampleScheme}/facts")).ReadAsync<List<SchemeFactView>>();

        // The built-in schemes are kept lint-clean: whatever remains is resolved or a note.
        findings.ShouldAllBe(f => f.Resolved || f.Severity != LintSeverity.Error);
        facts.ShouldNotBeEmpty();
        facts.ShouldAllBe(f => f.Fact.Key.Length > 0 && f.ItemId.Length > 0);
    }

    [Fact]
    public async Task GetScheme_Unknown_Returns404Problem()
    {
        var admin = await app.SessionAsync("a-admin");
        await (await admin.GetAsync("/api/schemes/no-such-scheme")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
