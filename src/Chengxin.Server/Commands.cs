using System.Text.Json;
using Chengxin.Server.Data;
using Chengxin.Server.Demo;
using Chengxin.Server.Features.Audit;
using Chengxin.Server.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server;

public static class Commands
{
    /// <summary>Runs the verb <see cref="ServerCommandLine"/> parsed; help and wrong command lines never get here.</summary>
    public static async Task<int> RunAsync(WebApplication app, ServerCommand options)
    {
        // Migrations run before the server listens, so /health answering means the schema is ready.
        await app.Services.MigrateDatabaseAsync();
        if (options.Verb is "demo" or "serve"
            && Overload.PoolMismatch(app.Services.GetRequiredService<OverloadSettings>(), app.Services.GetRequiredService<DatabaseSettings>()) is { } mismatch)
            await Console.Error.WriteLineAsync(mismatch);
        switch (options.Verb)
        {
            case "demo":
                await using (var scope = app.Services.CreateAsyncScope())
                    await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
                app.Lifetime.ApplicationStarted.Register(() => PrintDemo(app));
                return await ListenAsync(app);
            case "serve":
                app.Lifetime.ApplicationStarted.Register(() =>
                {
                    Console.WriteLine($"诚信 Chengxin 已启动：{string.Join(", ", Addresses(app))}");
                    if (Transport.AllowsHttp(app.Configuration))
                        Console.WriteLine("警告：已允许 http 明文访问（Chengxin:AllowHttp），密码与数据在网络上不加密，仅可在受信任的内网使用。"
                                          + " (warning: plain http is allowed)");
                });
                return await ListenAsync(app);
            case "admin create":
                return await CreateAdminAsync(app, options);
            case "audit verify" or "audit checkpoint":
                try
                {
                    return options.Verb == "audit verify" ? await VerifyAuditAsync(app, options) : await IssueCheckpointAsync(app, options);
                }
                catch (Chengxin.Domain.DomainRuleException e)
                {
                    await Console.Error.WriteLineAsync(e.Message);
                    return 1;
                }
            default:
                throw new InvalidOperationException($"ServerCommandLine parsed a verb it has no handler for: {options.Verb}");
        }
    }

    /// <summary>Runs until stopped; a taken port ends with one line that says what to do, not only a stack trace.</summary>
    private static async Task<int> ListenAsync(WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            await Console.Error.WriteLineAsync($"端口已被占用，无法启动：{e.Message}\n请用 --urls 指定其他地址，例如 ./chengxin demo --urls http://127.0.0.1:5080 (the address is in use: pick another with --urls)");
            return 1;
        }
    }

    private static IEnumerable<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];

    private static void PrintDemo(WebApplication app)
    {
        Console.WriteLine();
        Console.WriteLine($"诚信 Chengxin 演示实例已启动 (demo running)：{string.Join(", ", Addresses(app))}");
        Console.WriteLine($"演示账户 (demo accounts)，密码均为 {DemoSeeder.Password}：");
        foreach (var account in DemoSeeder.Accounts)
            Console.WriteLine($"  {account.UserName,-16} {Roles.ChineseNames[account.Role],-8} {account.DisplayName}（{account.UnitName}）");
        Console.WriteLine("按 Ctrl+C 停止。");
    }

    /// <summary>Creates the first office admin (and the credit office and its top unit when they do not exist yet).</summary>
    private static async Task<int> CreateAdminAsync(WebApplication app, ServerCommand options)
    {
        var userName = options.Get("user");
        var password = options.Get("password");
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrWhiteSpace(password))
        {
            await Console.Error.WriteLineAsync("请提供 --user 和 --password。");
            return 2;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<AccessScope>().SetSystemActor("命令行 admin create");
        var db = services.GetRequiredService<ChengxinDbContext>();
        var clock = services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow().UtcDateTime;
        var officeName = options.Get("office") ?? "信用办";
        var office = await db.CreditOffices.IgnoreQueryFilters().FirstOrDefaultAsync(o => o.Name == officeName);
        if (office is null)
        {
            office = new CreditOffice { Name = officeName, CreatedAt = now };
            db.CreditOffices.Add(office);
            await db.SaveChangesAsync();
        }
        var root = await db.Units.IgnoreQueryFilters().Where(u => u.TenantId == office.Id && u.ParentId == null).OrderBy(u => u.Id).FirstOrDefaultAsync();
        if (root is null)
        {
            root = new Unit { TenantId = office.Id, Name = options.Get("region") ?? "本级", Level = UnitLevel.City, CreatedAt = now };
            db.Units.Add(root);
            await db.SaveChangesAsync();
        }
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var result = await users.CreateAsync(new AppUser
        {
            UserName = userName, DisplayName = options.Get("name") ?? userName, TenantId = office.Id, UnitId = root.Id,
            Role = Roles.OfficeAdmin, ScopeKind = ScopeKind.Subtree, CreatedAt = now,
        }, password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                await Console.Error.WriteLineAsync(error.Description);
            return 1;
        }
        Console.WriteLine($"已创建管理员 {userName}（{office.Name}，{root.Name}）。");
        return 0;
    }

    /// <summary>Verifies every office (or the checkpoint's office): chain, published snapshots, and the checkpoint when given.</summary>
    private static async Task<int> VerifyAuditAsync(WebApplication app, ServerCommand options)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        AuditCheckpoint? checkpoint = null;
        if (options.Get("checkpoint") is { } file)
        {
            try
            {
                checkpoint = JsonSerializer.Deserialize<AuditCheckpoint>(await File.ReadAllTextAsync(file), AuditCheckpoints.FileJson);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
            {
                await Console.Error.WriteLineAsync($"无法读取检查点文件 {file}：{e.Message}");
                return 2;
            }
            if (AuditCheckpoints.Refusal(checkpoint, scope.ServiceProvider.GetRequiredService<CheckpointKey>()) is { } refusal)
            {
                Console.WriteLine($"检查点不可信：{refusal}");
                return 1;
            }
        }
        var tenants = checkpoint is null ? await AuditVerifier.TenantsAsync(db, CancellationToken.None) : [checkpoint.TenantId];
        var broken = 0;
        foreach (var tenant in tenants)
        {
            var r = await AuditVerifier.VerifyAsync(db, tenant, checkpoint, CancellationToken.None);
            if (!r.IsIntact)
                broken++;
            if (r.Chain.FirstBreak is { } b)
                Console.WriteLine($"信用办 {tenant}：审计链在第 {b.Sequence} 条（记录 {b.EventId}）处断裂：{b.Reason}");
            else
                Console.WriteLine($"信用办 {tenant}：审计链完整，共 {r.Chain.EventCount} 条，末端哈希 {r.Chain.HeadHash}");
            foreach (var s in r.SnapshotProblems)
                Console.WriteLine($"信用办 {tenant}：评价批次“{s.CampaignName}”（{s.CampaignId}）第 {s.Version} 版发布结果：{s.Reason}");
            if (r.SnapshotProblems.Count == 0 && r.SnapshotCount > 0)
                Console.WriteLine($"信用办 {tenant}：{r.SnapshotCount} 份已发布结果快照与审计链中的发布记录一致");
            if (r.Checkpoint is { } c)
                Console.WriteLine(c.Holds
                    ? $"信用办 {tenant}：与检查点一致（{c.At:yyyy-MM-dd HH:mm:ss zzz} 签发时共 {c.EventCount} 条，末端哈希 {c.HeadHash}）"
                    : $"信用办 {tenant}：与检查点不符：{c.Reason}");
        }
        if (tenants.Count == 0)
            Console.WriteLine("没有审计记录。");
        return broken == 0 ? 0 : 1;
    }

    /// <summary>Issues a signed checkpoint of one office's chain, to a file (-o) or standard output.</summary>
    private static async Task<int> IssueCheckpointAsync(WebApplication app, ServerCommand options)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var access = services.GetRequiredService<AccessScope>();
        access.SetSystemActor("命令行 audit checkpoint");
        var db = services.GetRequiredService<ChengxinDbContext>();
        var offices = await db.CreditOffices.IgnoreQueryFilters().AsNoTracking().OrderBy(o => o.Id).Select(o => new { o.Id, o.Name }).ToListAsync();
        var name = options.Get("office");
        var chosen = name is null ? (offices.Count == 1 ? offices : []) : offices.Where(o => o.Name == name).ToList();
        if (chosen.Count != 1)
        {
            await Console.Error.WriteLineAsync(name is null
                ? $"请用 --office 指明信用办：{string.Join("、", offices.Select(o => o.Name))}"
                : $"没有名为“{name}”的信用办。");
            return 2;
        }
        var clock = services.GetRequiredService<TimeProvider>();
        var (checkpoint, refusal) = await AuditCheckpoints.IssueAsync(db, services.GetRequiredService<CheckpointKey>(), access, chosen[0].Id,
            clock.GetUtcNow().ToOffset(Infrastructure.BeijingTime.Offset), CancellationToken.None);
        if (checkpoint is null)
        {
            await Console.Error.WriteLineAsync(refusal);
            return 1;
        }
        var json = JsonSerializer.Serialize(checkpoint, AuditCheckpoints.FileJson);
        if (options.Get("output") is { } output)
        {
            await File.WriteAllTextAsync(output, json);
            Console.WriteLine($"已签发检查点（{chosen[0].Name}，共 {checkpoint.EventCount} 条，末端哈希 {checkpoint.HeadHash}），已写入 {output}。");
        }
        else
        {
            Console.WriteLine(json);
        }
        return 0;
    }
}
