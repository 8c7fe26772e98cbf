using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Features.Users;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Chengxin.Server.Tests;

/// <summary>
/// The attack patterns of issue 12 as a suite: every operation of the OpenAPI document that takes a body (JSON or a
/// file) is called, as a user whose role grants it and on real path parameters, with bodies made to break it: wrong
/// types per property, nulls, huge strings and collections, out-of-range numbers and dates, deep nesting, no body,
/// no JSON, the wrong content type, decompression bombs, DTDs, malformed XML and unsafe file names. A refusal is
/// expected; a 5xx never, and a wrong content type is always 415. The next endpoint is tested the same way without anyone writing a line for it.
/// </summary>
public abstract class MalformedInputTests(AppFixture app, ITestOutputHelper output)
{
    private sealed record Attempt(string Category, string Label, Func<HttpContent> Body, string? FileName = null);

    private sealed record Operation(string Method, string Template, JsonElement Description, string ContentType, JsonElement? Schema);

    private sealed record Targets(long CampaignId, long UnitId, long UnitToEdit, Guid UserToEdit, string ItemId);

    [Fact]
    public async Task EveryOperationWithABody_MalformedBodies_NeverAnswer5xxAndWrongTypesGet415()
    {
        var targets = await PrepareAsync();
        using var anonymous = app.NewClient();
        var document = await (await anonymous.GetAsync("/openapi/v1.json")).ReadAsync<JsonElement>();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var operations = Operations(document).ToList();
        operations.Count.ShouldBeGreaterThan(25);

        // The most privileged role first; an operation is called as the first one it does not refuse outright.
        var candidates = new List<HttpClient>();
        foreach (var user in new[] { "m-admin", "m-liaison", "a-provider", "m-reviewer" })
            candidates.Add(await app.SignInAsync(user));

        var tried = new SortedDictionary<string, (int Requests, int Failures)>(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var operation in operations)
        {
            var url = Url(operation.Template, targets);
            var attempts = operation.ContentType == "application/json"
                ? JsonAttempts(Resolve(operation.Schema, schemas), schemas, Base(operation, targets)).ToList()
                : FileAttempts(operation.ContentType, url).ToList();
            var client = await CallerAsync(candidates, operation, url);
            foreach (var attempt in attempts)
            {
                var target = attempt.FileName is null ? url : $"{url}?fileName={Uri.EscapeDataString(attempt.FileName)}";
                using var request = new HttpRequestMessage(new HttpMethod(operation.Method), target) { Content = attempt.Body() };
                using var response = await client.SendAsync(request);
                // A body in a type the route does not take is the routing's 415, never the web app's 404 (F13).
                var failed = (int)response.StatusCode >= 500
                             || (attempt.Category == "wrong-content-type" && response.StatusCode != System.Net.HttpStatusCode.UnsupportedMediaType);
                var (requests, failedSoFar) = tried.GetValueOrDefault(attempt.Category);
                tried[attempt.Category] = (requests + 1, failedSoFar + (failed ? 1 : 0));
                if (failed)
                {
                    var body = await response.Content.ReadAsStringAsync();
                    failures.Add($"{operation.Method} {operation.Template} [{attempt.Category}: {attempt.Label}] → {(int)response.StatusCode} {body[..Math.Min(body.Length, 160)]}");
                }
            }
        }

        foreach (var (category, (requests, failed)) in tried)
            output.WriteLine($"{category,-22} {requests,6} requests {failed,5} failed");
        output.WriteLine($"{"total",-22} {tried.Values.Sum(t => t.Requests),6} requests {failures.Count,5} failed over {operations.Count} operations");
        failures.ShouldBeEmpty(string.Join("\n", failures.Take(60)));
    }

    /// <summary>Fresh targets of this test's own, so whatever a malformed body still manages to change touches nobody else's data.</summary>
    private async Task<Targets> PrepareAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        Unit town;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AccessScope>().SetSystemActor("测试数据");
            var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var now = app.Clock.GetUtcNow().UtcDateTime;
            town = new Unit
            {
                TenantId = app.World.TenantA, Code = "MI" + suffix, Name = "畸形输入镇", Level = UnitLevel.Town, Class = "乡镇",
                ParentId = app.World.Unit("A-C1").Id, CreatedAt = now,
            };
            db.Units.Add(town);
            await db.SaveChangesAsync();
            await RecreateAsync(users, "m-admin", app.World.Unit("A-C1"), Roles.OfficeAdmin, ScopeKind.Subtree, now);
            await RecreateAsync(users, "m-liaison", town, Roles.Liaison, ScopeKind.OwnUnit, now);
            await RecreateAsync(users, "m-reviewer", app.World.Unit("A-C1"), Roles.Reviewer, ScopeKind.Subtree, now);
        }
        var admin = await app.SignInAsync("m-admin");
        var reviewer = await FindUserAsync("m-reviewer");
        var campaign = await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("畸形输入", [town.Id], reviewers: [reviewer],
            evidenceDue: app.Clock.GetUtcNow().AddDays(20).ToString("o")))).ReadAsync<CampaignResponse>();
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).EnsureSuccessStatusCode();
        var unitToEdit = await (await admin.PostJsonAsync("/api/units", new CreateUnitRequest(app.World.Unit("A-C1").Id, "待改单位", "ME" + suffix, "Town", "乡镇")))
            .ReadAsync<UnitResponse>();
        var userToEdit = await (await admin.PostJsonAsync("/api/users", new CreateUserRequest("me-" + suffix, "待改用户", TestWorld.Password,
            town.Id, "liaison", null, null))).ReadAsync<UserResponse>();
        return new Targets(campaign.Id, town.Id, unitToEdit.Id, userToEdit.Id, "2.1");
    }

    private async Task RecreateAsync(UserManager<AppUser> users, string userName, Unit unit, string role, ScopeKind scope, DateTime now)
    {
        // One fixture serves both this test's runs only if the name is free; a second run of the same fixture reuses the account.
        if (await users.FindByNameAsync(userName) is null)
            await TestWorld.AddUserAsync(users, userName, userName, unit, role, scope, now);
    }

    private async Task<Guid> FindUserAsync(string userName)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName))!.Id;
    }

    private static IEnumerable<Operation> Operations(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                if (method.Value.ValueKind != JsonValueKind.Object || !method.Value.TryGetProperty("requestBody", out var body))
                    continue;
                var content = body.GetProperty("content").EnumerateObject().First();
                yield return new Operation(method.Name.ToUpperInvariant(), path.Name, method.Value, content.Name,
                    content.Value.TryGetProperty("schema", out var schema) ? schema : null);
            }
        }
    }

    private static string Url(string template, Targets targets)
    {
        var id = template.StartsWith("/api/units/", StringComparison.Ordinal) ? targets.UnitToEdit.ToString()
            : template.StartsWith("/api/users/", StringComparison.Ordinal) ? targets.UserToEdit.ToString()
            : targets.CampaignId.ToString();
        return template.Replace("{id}", id).Replace("{campaignId}", targets.CampaignId.ToString()).Replace("{unitId}", targets.UnitId.ToString())
            .Replace("{itemId}", targets.ItemId).Replace("{appealId}", "1");
    }

    /// <summary>The first candidate whose role the operation accepts, judged by a harmless empty call.</summary>
    private static async Task<HttpClient> CallerAsync(List<HttpClient> candidates, Operation operation, string url)
    {
        foreach (var client in candidates)
        {
            using var probe = new HttpRequestMessage(new HttpMethod(operation.Method), url) { Content = Content([], operation.ContentType) };
            using var response = await client.SendAsync(probe);
            if ((int)response.StatusCode is not (401 or 403))
                return client;
        }
        return candidates[0];
    }

    private static JsonElement? Resolve(JsonElement? schema, JsonElement schemas)
    {
        if (schema is not { } s)
            return null;
        if (s.TryGetProperty("$ref", out var reference))
            return schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        if (s.TryGetProperty("oneOf", out var oneOf))
            return oneOf.EnumerateArray().Select(o => Resolve(o, schemas)).FirstOrDefault(o => o?.TryGetProperty("properties", out _) == true) ?? s;
        return s;
    }

    /// <summary>Every property of the body, nested objects and the objects inside arrays included, as a path from the root.</summary>
    private static IEnumerable<(string[] Path, JsonElement Schema)> Slots(JsonElement? schema, JsonElement schemas, string[] prefix, int depth)
    {
        if (depth > 3 || Resolve(schema, schemas) is not { } resolved || !resolved.TryGetProperty("properties", out var properties))
            yield break;
        foreach (var property in properties.EnumerateObject())
        {
            var path = prefix.Append(property.Name).ToArray();
            var inner = Resolve(property.Value, schemas)!.Value;
            yield return (path, inner);
            foreach (var slot in Slots(inner, schemas, path, depth + 1))
                yield return slot;
            if (inner.TryGetProperty("items", out var items))
            {
                foreach (var slot in Slots(items, schemas, [.. path, "[]"], depth + 1))
                    yield return slot;
            }
        }
    }

    /// <summary>
    /// A body the operation would accept, where one is easy to write: a bad value in it reaches the checks behind the
    /// first refusal (the units of a campaign are only looked up once its scheme is known). Otherwise the empty object.
    /// </summary>
    private JsonObject Base(Operation operation, Targets targets)
    {
        var due = app.Clock.GetUtcNow().AddDays(30).ToString("o");
        object? body = (operation.Method, operation.Template) switch
        {
            ("POST", "/api/campaigns") => CampaignTests.OpenRequest("畸形输入", [targets.UnitId], evidenceDue: due),
            ("POST", "/api/units") => new CreateUnitRequest(targets.UnitId, "畸形输入村", "MV" + Guid.NewGuid().ToString("N")[..8], "Village", "社区"),
            ("PUT", "/api/campaigns/{campaignId}/units/{unitId}/submission/items/{itemId}") => new { facts = new { }, explanation = "说明" },
            ("POST", var t) when t.EndsWith("/deadline-exception", StringComparison.Ordinal) => new { due, reason = "原因" },
            ("POST", var t) when t.EndsWith("/links", StringComparison.Ordinal) => new { url = "https://example.com/a", title = "链接" },
            ("PUT", var t) when t.EndsWith("/liaison-table", StringComparison.Ordinal) => new { name = "张三", title = "科员", landline = "0512-1234567", mobile = "13800001234", email = "a@example.com" },
            _ => null,
        };
        return body is null ? [] : JsonSerializer.SerializeToNode(body, Http.Json)!.AsObject();
    }

    /// <summary>The base body with the value at the path (an array on the way holds the one object the path goes on in).</summary>
    private static JsonNode Body(JsonObject template, string[] path, JsonNode? value)
    {
        var root = template.DeepClone().AsObject();
        JsonNode current = root;
        for (var i = 0; i < path.Length; i++)
        {
            var last = i == path.Length - 1;
            if (path[i] == "[]")
            {
                var array = current.AsArray();
                array.Clear();
                if (last)
                    array.Add(value);
                else
                    array.Add(current = new JsonObject());
                continue;
            }
            var obj = current.AsObject();
            if (last)
                obj[path[i]] = value;
            else if (path[i + 1] != "[]" && obj[path[i]] is JsonObject existing)
                current = existing;
            else
                obj[path[i]] = current = path[i + 1] == "[]" ? new JsonArray() : new JsonObject();
        }
        return root;
    }

    private static readonly Func<JsonNode?>[] WrongTypes =
    [
        () => JsonValue.Create("文本"), () => JsonValue.Create(42), () => JsonValue.Create(1.5), () => JsonValue.Create(true),
        () => new JsonArray(), () => new JsonObject(), () => null,
    ];

    private static readonly string[] OutOfRangeNumbers =
    [
        "9223372036854775807", "-9223372036854775808", "99999999999999999999999999999", "1e308", "-1e308", "-1", "0", "2147483648", "0.000000000000000000001",
    ];

    private static readonly string[] OutOfRangeDates =
    [
        "0001-01-01T00:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59+14:00", "9999-12-31T23:59", "-0001-01-01T00:00", "2026-02-30T10:00",
        "0000Q1", "9999Q4", "0000", "0000-01", "0001-01-01..9999-12-31", "9999-12-31..0001-01-01", "2022Q9",
    ];

    private static IEnumerable<Attempt> JsonAttempts(JsonElement? schema, JsonElement schemas, JsonObject template)
    {
        JsonNode Body(string[] path, JsonNode? value) => MalformedInputTests.Body(template, path, value);
        yield return new Attempt("empty-body", "no bytes", () => Content([], "application/json"));
        foreach (var text in new[] { "{ not json", "<?xml version=\"1.0\"?><a/>", "\u0000\u0001\u0002", "{\"a\":", "{}}", "\"\\ud800\"" })
            yield return new Attempt("not-json", text, () => Text(text, "application/json"));
        foreach (var text in new[] { "[]", "\"文本\"", "42", "null", "true" })
            yield return new Attempt("wrong-root-type", text, () => Text(text, "application/json"));
        foreach (var type in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x" })
            yield return new Attempt("wrong-content-type", type, () => Text("{}", type));

        var slots = Slots(schema, schemas, [], 0).ToList();
        foreach (var (path, _) in slots)
        {
            var name = string.Join('.', path);
            foreach (var wrong in WrongTypes)
                yield return new Attempt("wrong-type", $"{name}={wrong()?.ToJsonString() ?? "null"}", () => Json(Body(path, wrong())));
            yield return new Attempt("huge-string", name, () => Json(Body(path, JsonValue.Create(new string('长', 1_000_000)))));
            foreach (var number in OutOfRangeNumbers)
                yield return new Attempt("out-of-range-number", $"{name}={number}", () => Text(Body(path, JsonValue.Create("$N$"))!.ToJsonString().Replace("\"$N$\"", number), "application/json"));
            foreach (var date in OutOfRangeDates)
                yield return new Attempt("out-of-range-date", $"{name}={date}", () => Json(Body(path, JsonValue.Create(date))));
            yield return new Attempt("huge-collection", $"{name}=[100000 numbers]", () => Text(Body(path, JsonValue.Create("$A$"))!.ToJsonString()
                .Replace("\"$A$\"", "[" + string.Join(',', Enumerable.Range(1, 100_000)) + "]"), "application/json"));
            yield return new Attempt("huge-collection", $"{name}=[100000 strings]", () => Text(Body(path, JsonValue.Create("$A$"))!.ToJsonString()
                .Replace("\"$A$\"", "[" + string.Join(',', Enumerable.Range(1, 100_000).Select(i => $"\"{Guid.NewGuid()}\"")) + "]"), "application/json"));
            yield return new Attempt("huge-collection", $"{name}={{100000 keys}}", () => Text(Body(path, JsonValue.Create("$A$"))!.ToJsonString()
                .Replace("\"$A$\"", "{" + string.Join(',', Enumerable.Range(1, 100_000).Select(i => $"\"k{i}\":{i}")) + "}"), "application/json"));
            yield return new Attempt("deep-nesting", $"{name}=10000 levels", () => Text(Body(path, JsonValue.Create("$D$"))!.ToJsonString()
                .Replace("\"$D$\"", new string('[', 10_000) + new string(']', 10_000)), "application/json"));
            yield return new Attempt("deep-nesting", $"{name}=60 levels", () => Text(Body(path, JsonValue.Create("$D$"))!.ToJsonString()
                .Replace("\"$D$\"", string.Concat(Enumerable.Repeat("{\"a\":", 60)) + "1" + new string('}', 60)), "application/json"));
        }
        if (slots.Count > 0)
        {
            yield return new Attempt("nulls", "every property null", () => Json(AllOf(slots, () => null)));
            yield return new Attempt("huge-string", "every property huge", () => Json(AllOf(slots, () => JsonValue.Create(new string('x', 200_000)))));
        }
    }

    private static JsonNode AllOf(List<(string[] Path, JsonElement Schema)> slots, Func<JsonNode?> value)
    {
        var root = new JsonObject();
        foreach (var (path, _) in slots.Where(s => s.Path.Length == 1))
            root[path[0]] = value();
        return root;
    }

    /// <summary>Made once: deflating 200 MB is the slowest thing this test does.</summary>
    private static readonly Lazy<byte[]> Bomb = new(() => BadFiles.DecompressionBomb(BadFiles.UnitHeader, 200));

    private static IEnumerable<Attempt> FileAttempts(string contentType, string url)
    {
        var header = url.Contains("provider-grid", StringComparison.Ordinal) ? ["单位名称", "单位编码"] : BadFiles.UnitHeader;
        var isUpload = contentType == "application/octet-stream";
        string? name = isUpload ? "文件.xlsx" : null;
        yield return new Attempt("empty-body", "no bytes", () => Content([], contentType), name);
        yield return new Attempt("not-a-zip", "csv bytes", () => Content(BadFiles.NotAZip(), contentType), name);
        yield return new Attempt("not-a-zip", "random bytes", () => Content(Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251)).ToArray(), contentType), name);
        yield return new Attempt("not-a-zip", "truncated zip", () => Content(BadFiles.Sheet(header)[..200], contentType), name);
        yield return new Attempt("zip-no-workbook", "readme only", () => Content(BadFiles.ZipWithoutWorkbook(), contentType), name);
        yield return new Attempt("bomb", "200 MB sheet", () => Content(Bomb.Value, contentType), name);
        yield return new Attempt("bomb", "300000 rows", () => Content(BadFiles.RowBomb(header, 300_000), contentType), name);
        yield return new Attempt("dtd", "external entity", () => Content(BadFiles.WithDtd(header), contentType), name);
        yield return new Attempt("dtd", "billion laughs", () => Content(BadFiles.BillionLaughs(header), contentType), name);
        yield return new Attempt("malformed-xml", "unclosed row", () => Content(BadFiles.MalformedXml(header), contentType), name);
        yield return new Attempt("wrong-content-type", "text/plain", () => Text("编码,名称", "text/plain"), name);
        if (!isUpload)
            yield break;
        foreach (var unsafeName in new[] { "evil.html.", "证明.txt ", "..\\..\\web.config", "../../etc/passwd", "a\r\nSet-Cookie: x=1.txt", "a\0b.txt",
                     "\u202Etxt.exe", new string('长', 300) + ".txt", "..", "/", " ", "CON.txt", "a:b*c?.txt", "" })
            yield return new Attempt("file-name", unsafeName.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\0", "\\0"),
                () => Content("<html><script>alert(1)</script></html>"u8.ToArray(), contentType), unsafeName);
    }

    private static ByteArrayContent Content(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static ByteArrayContent Text(string text, string contentType) => Content(Encoding.UTF8.GetBytes(text), contentType);

    private static ByteArrayContent Json(JsonNode? node) => Text(node?.ToJsonString() ?? "null", "application/json");
}

[Collection(SqliteCollection.Name)]
public sealed class MalformedInputTestsOnSqlite(SqliteApp app, ITestOutputHelper output) : MalformedInputTests(app, output);

[Collection(PostgresCollection.Name)]
public sealed class MalformedInputTestsOnPostgres(PostgresApp app, ITestOutputHelper output) : MalformedInputTests(app, output);
