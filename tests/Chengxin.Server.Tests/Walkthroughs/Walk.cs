using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Monitoring;
using Chengxin.Domain.Schemes;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Events;
using Chengxin.Server.Features.Providers;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Features.Reviews;
using Chengxin.Server.Features.Schemes;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Features.Users;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Walkthroughs;

/// <summary>An evaluated unit of a walk-through with its own liaison's signed-in session.</summary>
public sealed record Member(long Id, string Name, string UserName, HttpClient Liaison);

/// <summary>
/// The cast and the HTTP steps of a seed walk-through: a city-level office admin (the only account here that may create
/// counties; made through the test world because no API user sits above the test tree's counties), and through the API
/// a second admin, an office reviewer, the units and one liaison per unit. Every step after the first account goes
/// through HTTP. The expectations stay in each walk, worked out by hand from the seed.
/// </summary>
public sealed class Walk : IAsyncDisposable
{
    private readonly AppFixture _app;
    private TimeSpan _advanced = TimeSpan.Zero;

    private Walk(AppFixture app, string schemeId)
    {
        _app = app;
        SchemeId = schemeId;
        Scheme = app.Factory.Services.GetRequiredService<SchemeCatalog>().Find(schemeId)
            ?? throw new InvalidOperationException($"built-in scheme {schemeId} not loaded");
    }

    public string SchemeId { get; }
    public Scheme Scheme { get; }
    public HttpClient Admin { get; private set; } = null!;
    public Guid AdminId { get; private set; }
    public HttpClient SecondAdmin { get; private set; } = null!;
    public HttpClient Reviewer { get; private set; } = null!;
    public Guid ReviewerId { get; private set; }
    public long CampaignId { get; private set; }
    public long City => _app.World.Unit("A").Id;
    public long County => _app.World.Unit("A-C1").Id;
    public DateTimeOffset Now => _app.Clock.GetUtcNow();

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    public static async Task<Walk> StartAsync(AppFixture app, string schemeId)
    {
        var walk = new Walk(app, schemeId);
        var tag = Tag();
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admin = await TestWorld.AddUserAsync(users, "walk-admin-" + tag, "市信用办管理员", app.World.Unit("A"), Roles.OfficeAdmin,
                ScopeKind.Subtree, app.Clock.GetUtcNow().UtcDateTime);
            walk.AdminId = admin.Id;
        }
        walk.Admin = await app.SignInAsync("walk-admin-" + tag);
        walk.SecondAdmin = await walk.UserAsync("walk-admin2-" + tag, "市信用办第二管理员", Roles.OfficeAdmin, walk.City, ScopeKind.Subtree);
        (walk.Reviewer, walk.ReviewerId) = await walk.UserWithIdAsync("walk-reviewer-" + tag, "市信用办评审员", Roles.Reviewer, walk.City, ScopeKind.Subtree);
        return walk;
    }

    /// <summary>
    /// A user made by the walk's admin through the users API, signed in on the fixture's server or on another instance of it
    /// (<paramref name="on"/>, one a test started with settings of its own).
    /// </summary>
    public async Task<HttpClient> UserAsync(string userName, string displayName, string role, long unitId, ScopeKind scope,
        WebApplicationFactory<Program>? on = null) =>
        (await UserWithIdAsync(userName, displayName, role, unitId, scope, on)).Client;

    public async Task<(HttpClient Client, Guid Id)> UserWithIdAsync(string userName, string displayName, string role, long unitId, ScopeKind scope,
        WebApplicationFactory<Program>? on = null)
    {
        var created = await (await Admin.PostJsonAsync("/api/users", new CreateUserRequest(userName, displayName, TestWorld.Password, unitId, role, scope, null)))
            .ReadAsync<UserResponse>();
        return (await (on ?? _app.Factory).SignInAsync(userName), created.Id);
    }

    /// <summary>An external evaluation firm: a reviewer account that sees only the campaigns it is assigned to.</summary>
    public Task<(HttpClient Client, Guid Id)> FirmAsync(string displayName) =>
        UserWithIdAsync("walk-firm-" + Tag(), displayName, Roles.Reviewer, City, ScopeKind.Campaigns);

    /// <summary>A unit created through the units API, with a liaison account of its own (own-unit scope).</summary>
    public async Task<Member> UnitAsync(string name, string level, string unitClass, long? parentId = null)
    {
        var unit = await (await Admin.PostJsonAsync("/api/units",
            new CreateUnitRequest(parentId ?? County, name, "WK" + Tag(), level, unitClass))).ReadAsync<UnitResponse>();
        var userName = "walk-liaison-" + Tag();
        var liaison = await UserAsync(userName, name + "联络员", Roles.Liaison, unit.Id, ScopeKind.OwnUnit);
        return new Member(unit.Id, name, userName, liaison);
    }

    /// <summary>Creates the campaign and opens it; the evidence deadline is given as an instant.</summary>
    public async Task<CampaignResponse> OpenAsync(string name, string period, IEnumerable<Member> members, DateTimeOffset evidenceDue,
        IEnumerable<Guid> reviewers, Dictionary<string, string>? classMap = null, decimal spotCheckShare = 0, DateTimeOffset? reviewDue = null)
    {
        var request = new OpenCampaignRequest(name, SchemeId, period, members.Select(m => m.Id).ToList(), null, null, classMap,
            new ScheduleRequest(null, evidenceDue.ToString("o", CultureInfo.InvariantCulture), null, reviewDue?.ToString("o", CultureInfo.InvariantCulture), 10),
            reviewers.ToList(), spotCheckShare, true);
        var created = await Admin.PostJsonAsync("/api/campaigns", request);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var campaign = await created.ReadAsync<CampaignResponse>();
        CampaignId = campaign.Id;
        var opened = await (await Admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).ReadAsync<CampaignResponse>();
        opened.State.ShouldBe(CampaignState.Open);
        return opened;
    }

    public string SubmissionUrl(long unitId) => $"/api/campaigns/{CampaignId}/units/{unitId}/submission";

    /// <summary>The facts with some values replaced (and any new ones added at the end), in their order.</summary>
    public static (string Key, object Value)[] With(IEnumerable<(string Key, object Value)> facts, params (string Key, object Value)[] changes) =>
        [.. facts.Select(f => changes.Any(c => c.Key == f.Key) ? changes.First(c => c.Key == f.Key) : f),
         .. changes.Where(c => facts.All(f => f.Key != c.Key))];

    /// <summary>
    /// A ledger of yes + no rows: each row names itself in <paramref name="textColumn"/> and carries <paramref name="flag"/>
    /// true for the first <paramref name="yes"/> rows and false for the rest.
    /// </summary>
    public static List<Dictionary<string, object>> Rows(string textColumn, string text, string flag, int yes, int no = 0) =>
        Enumerable.Range(1, yes + no).Select(i => new Dictionary<string, object> { [textColumn] = $"{text}{i}", [flag] = i <= yes }).ToList();

    public static Dictionary<string, JsonElement> Json(IEnumerable<(string Key, object Value)> facts) =>
        facts.ToDictionary(f => f.Key, f => JsonSerializer.SerializeToElement(f.Value, Http.Json));

    /// <summary>
    /// Saves the facts item by item as the scheme groups them (one PUT per item, as the form saves), by the given
    /// client (the unit's liaison, unless a walk says otherwise). Returns the last saved submission.
    /// </summary>
    public async Task<SubmissionResponse> SaveAsync(HttpClient client, long unitId, IReadOnlyList<(string Key, object Value)> facts)
    {
        facts.Select(f => f.Key).Where(k => Scheme.Items.All(i => i.Facts.All(f => f.Key != k))).ShouldBeEmpty("facts the scheme does not declare");
        SubmissionResponse? last = null;
        foreach (var item in Scheme.Items.Where(i => i.Facts.Any(f => facts.Any(x => x.Key == f.Key))))
        {
            var response = await client.PutJsonAsync($"{SubmissionUrl(unitId)}/items/{item.Id}",
                new SaveItemRequest(Json(facts.Where(x => item.Facts.Any(f => f.Key == x.Key))), null));
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"item {item.Id}: {await response.Content.ReadAsStringAsync()}");
            last = await response.ReadAsync<SubmissionResponse>();
        }
        return last.ShouldNotBeNull();
    }

    /// <summary>
    /// Saves a unit's facts each by the party the scheme says supplies it: the unit's own facts by its liaison, a provider's
    /// facts by that department through its grid (provider:&lt;name&gt;, an account of a department of that name), and feed,
    /// survey and reviewer facts by the office admin on the unit's behalf. Returns the submission as the liaison then reads it.
    /// </summary>
    public async Task<SubmissionResponse> SaveAsync(Member member, IReadOnlyList<(string Key, object Value)> facts)
    {
        var suppliers = Scheme.Items.SelectMany(i => i.Facts).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First().Supplier);
        var own = facts.Where(f => suppliers.GetValueOrDefault(f.Key) == "unit").ToList();
        // A system fact is nobody's to enter: the walk records what it is counted from (ConfirmedEventsAsync) and names it here only as none.
        var counted = facts.Where(f => suppliers.GetValueOrDefault(f.Key) is { } s && SystemFacts.IsSystem(s)).ToList();
        counted.Where(f => f.Value is not (0 or false)).ShouldBeEmpty("system facts are counted from the register: record the events instead");
        var office = facts.Where(f => suppliers.GetValueOrDefault(f.Key) is { } s && s != "unit" && !s.StartsWith("provider:", StringComparison.Ordinal)
            && !SystemFacts.IsSystem(s)).ToList();
        if (own.Count > 0)
            await SaveAsync(member.Liaison, member.Id, own);
        if (office.Count > 0)
            await SaveAsync(Admin, member.Id, office);
        foreach (var group in facts.Where(f => suppliers.GetValueOrDefault(f.Key)?.StartsWith("provider:", StringComparison.Ordinal) == true)
                     .GroupBy(f => suppliers[f.Key]["provider:".Length..]))
        {
            var provider = await ProviderAsync(group.Key);
            var response = await provider.PutJsonAsync($"/api/campaigns/{CampaignId}/provider-grid/cells", new ProviderCellsRequest(
                group.Select(f => new ProviderCellRequest(member.Id, f.Key, JsonSerializer.SerializeToElement(f.Value, Http.Json))).ToList(), AllOrNothing: true));
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"provider {group.Key}: {await response.Content.ReadAsStringAsync()}");
        }
        return await (await member.Liaison.GetAsync(SubmissionUrl(member.Id))).ReadAsync<SubmissionResponse>();
    }

    /// <summary>Records complaints about a unit in the register and verifies each 属实, as the office does; returns their ids.</summary>
    public async Task<List<long>> ConfirmedEventsAsync(Member member, string category, int count, string content, string occurredOn)
    {
        var ids = new List<long>();
        for (var i = 1; i <= count; i++)
        {
            var recorded = await (await Admin.PostJsonAsync("/api/events", new RecordEventRequest(EventKind.Complaint, "12345热线", occurredOn,
                $"{content}（第{i}件）", category, [member.Id]))).ReadAsync<EventView>();
            var verified = await (await Admin.PostJsonAsync($"/api/events/{recorded.Id}/verify", new VerifyEventRequest(true, "经核实属实", recorded.Version)))
                .ReadAsync<EventView>();
            verified.StateName.ShouldBe("属实");
            ids.Add(recorded.Id);
        }
        return ids;
    }

    /// <summary>
    /// Fills every applicable cell the provider has left empty with the neutral answer (0 or 否), since a grid is
    /// handed in only complete; a department with nothing to report answers so.
    /// </summary>
    public async Task FillProviderGridAsync(HttpClient provider)
    {
        var grid = await (await provider.GetAsync($"/api/campaigns/{CampaignId}/provider-grid")).ReadAsync<ProviderGridView>();
        var types = grid.Columns.ToDictionary(c => c.FactKey, c => c.Type);
        var cells = grid.Rows.SelectMany(r => r.Cells.Where(c => c.Applicable && c.Value is null).Select(c => new ProviderCellRequest(r.UnitId, c.FactKey,
            types[c.FactKey] == FactType.Bool ? JsonSerializer.SerializeToElement(false) : JsonSerializer.SerializeToElement(0)))).ToList();
        if (cells.Count == 0)
            return;
        var response = await provider.PutJsonAsync($"/api/campaigns/{CampaignId}/provider-grid/cells", new ProviderCellsRequest(cells, AllOrNothing: true));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private readonly Dictionary<string, HttpClient> _providers = new(StringComparer.Ordinal);

    /// <summary>A data-provider department of the given name under the city, with an account that sees only its own unit.</summary>
    public async Task<HttpClient> ProviderAsync(string department)
    {
        if (_providers.TryGetValue(department, out var client))
            return client;
        var unit = await (await Admin.PostJsonAsync("/api/units", new CreateUnitRequest(City, department, "PV" + Tag(), "Department", null)))
            .ReadAsync<UnitResponse>();
        return _providers[department] = await UserAsync("walk-provider-" + Tag(), department + "数据员", Roles.DataProvider, unit.Id, ScopeKind.OwnUnit);
    }

    /// <summary>Uploads a small text file as evidence of one item and checks the receipt's hash against the bytes sent.</summary>
    public async Task<EvidenceReceipt> EvidenceAsync(Member member, string itemId, string fileName, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var response = await member.Liaison.PostAsync($"{SubmissionUrl(member.Id)}/items/{itemId}/evidence?fileName={Uri.EscapeDataString(fileName)}", content);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var receipt = await response.ReadAsync<EvidenceReceipt>();
        receipt.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        return receipt;
    }

    /// <summary>
    /// Answers the member's first unanswered item with an explanation only, for walks about deadlines rather than content:
    /// a report with nothing answered is not taken.
    /// </summary>
    public async Task<SubmissionResponse> ExplainOneAsync(Member member, string text = "本期无此项工作，无法提供")
    {
        var current = await (await member.Liaison.GetAsync(SubmissionUrl(member.Id))).ReadAsync<SubmissionResponse>();
        var item = current.Missing!.First(m => m.Kind == SubmissionChecklist.ItemKind).ItemId!;
        return await (await member.Liaison.PutJsonAsync($"{SubmissionUrl(member.Id)}/items/{item}", new SaveItemRequest(null, text)))
            .ReadAsync<SubmissionResponse>();
    }

    public async Task<SubmissionResponse> SubmitAsync(Member member) =>
        await (await member.Liaison.PostAsync($"{SubmissionUrl(member.Id)}/submit", null)).ReadAsync<SubmissionResponse>();

    /// <summary>Moves the shared clock forward; the walk puts it back when disposed, so later tests of the collection see the time they expect.</summary>
    public void Advance(TimeSpan by)
    {
        _app.Clock.Advance(by);
        _advanced += by;
    }

    public async Task StartReviewAsync() =>
        (await (await Admin.PostJsonAsync($"/api/campaigns/{CampaignId}/start-review", Overrides.GoOn)).ReadAsync<CampaignResponse>()).State.ShouldBe(CampaignState.Reviewing);

    public Task<HttpResponseMessage> ReviewRawAsync(HttpClient reviewer, long unitId, string itemId, string action, long expectedVersion,
        IEnumerable<(string Key, object Value)>? facts = null, string? reason = null, DateTimeOffset? supplementDue = null) =>
        reviewer.PostJsonAsync($"{SubmissionUrl(unitId)}/items/{itemId}/review",
            new ReviewItemRequest(action, expectedVersion, facts is null ? null : Json(facts), reason, supplementDue?.ToString("o", CultureInfo.InvariantCulture)));

    public async Task<ItemReviewView> ReviewAsync(HttpClient reviewer, long unitId, string itemId, string action, long expectedVersion,
        IEnumerable<(string Key, object Value)>? facts = null, string? reason = null, DateTimeOffset? supplementDue = null) =>
        await (await ReviewRawAsync(reviewer, unitId, itemId, action, expectedVersion, facts, reason, supplementDue)).ReadAsync<ItemReviewView>();

    /// <summary>Confirms each listed item of a unit as the walk's reviewer, each for the first time.</summary>
    public async Task ConfirmAsync(long unitId, params string[] itemIds)
    {
        foreach (var itemId in itemIds)
            (await ReviewAsync(Reviewer, unitId, itemId, "confirm", 0)).State.ShouldBe(ItemReviewState.Confirmed);
    }

    public async Task<CampaignResultView> ResultsAsync() =>
        await (await Admin.GetAsync($"/api/campaigns/{CampaignId}/results")).ReadAsync<CampaignResultView>();

    /// <summary>
    /// Publishes with two admins (the requester cannot approve), then reads the anonymous endpoint: nothing before
    /// approval, afterwards the public view whose SHA-256 is the receipt's and the audit chain's, with the ranking of the
    /// frozen snapshot (returned, as checked against its own SHA-256).
    /// </summary>
    public Task<CampaignResultView> PublishAsync() => PublishAsync(_app, Admin, SecondAdmin, CampaignId);

    public static async Task<CampaignResultView> PublishAsync(AppFixture app, HttpClient admin, HttpClient secondAdmin, long campaignId)
    {
        var anonymous = app.NewClient();
        await (await anonymous.GetAsync($"/api/public/campaigns/{campaignId}/results")).ProblemAsync(HttpStatusCode.NotFound);
        (await (await admin.PostJsonAsync($"/api/campaigns/{campaignId}/publication/request", Overrides.GoOn)).ReadAsync<CampaignResponse>())
            .State.ShouldBe(CampaignState.PendingPublication);
        (await (await admin.PostJsonAsync($"/api/campaigns/{campaignId}/publication/approve", Overrides.GoOn)).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldBe("发布须由另一名管理员审批，申请人不能自己批准");
        await (await anonymous.GetAsync($"/api/public/campaigns/{campaignId}/results")).ProblemAsync(HttpStatusCode.NotFound);
        var receipt = await (await secondAdmin.PostJsonAsync($"/api/campaigns/{campaignId}/publication/approve", Overrides.GoOn)).ReadAsync<PublicationReceipt>();
        receipt.Version.ShouldBe(1);

        var published = await anonymous.GetAsync($"/api/public/campaigns/{campaignId}/results");
        published.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await published.Content.ReadAsStringAsync();
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))).ShouldBe(receipt.PublicSha256);
        published.Headers.GetValues("X-Result-Sha256").ShouldBe([receipt.PublicSha256]);
        // The public sees what the office publishes, never what units or reviewers typed (issue 12 F9).
        foreach (var hidden in new[] { "selfTotal", "isLate", "explanation", "selfScore", "status\"" })
            body.ShouldNotContain($"\"{hidden}", Case.Sensitive);
        var view = JsonSerializer.Deserialize<PublicCampaignResultView>(body, Http.Json)!;

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var audit = await db.AuditEvents.IgnoreQueryFilters()
            .SingleAsync(e => e.EntityType == "campaign" && e.EntityId == campaignId.ToString(CultureInfo.InvariantCulture) && e.Action == "campaign.published");
        audit.After!.ShouldContain(receipt.Sha256);
        audit.After!.ShouldContain(receipt.PublicSha256);
        (await db.Campaigns.IgnoreQueryFilters().SingleAsync(c => c.Id == campaignId)).State.ShouldBe(CampaignState.Published);
        var frozen = await db.PublishedResults.IgnoreQueryFilters().Where(p => p.CampaignId == campaignId).OrderByDescending(p => p.Version).FirstAsync();
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(frozen.Json))).ShouldBe(receipt.Sha256);
        var snapshot = JsonSerializer.Deserialize<CampaignResultView>(frozen.Json, Http.Json)!;
        view.Units.Select(u => (u.UnitId, u.Total, u.Grade, u.Rank, u.ClassRank)).ShouldBe(snapshot.Units.Select(u => (u.UnitId, u.Total, u.Grade, u.Rank, u.ClassRank)));
        return snapshot;
    }

    public ValueTask DisposeAsync()
    {
        if (_advanced != TimeSpan.Zero)
            _app.Clock.Advance(-_advanced);
        _advanced = TimeSpan.Zero;
        return ValueTask.CompletedTask;
    }
}

public static class WalkResults
{
    /// <summary>The result row of one member of the walk.</summary>
    public static UnitResultView Of(this CampaignResultView results, Member member) => results.Units.Single(u => u.UnitId == member.Id);
}
