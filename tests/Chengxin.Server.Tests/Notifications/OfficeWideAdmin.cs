using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Notifications;

/// <summary>
/// A fresh admin of office A whose scope is the whole office: the outbound channels are the office's, and the world's a-admin
/// sits over one county only. Each call makes a new account, so a test's inbox starts empty.
/// </summary>
public static class OfficeWideAdmin
{
    public static async Task<(HttpClient Client, Guid Id)> NewAsync(AppFixture app, string? email = null)
    {
        var name = "notify-admin-" + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await TestWorld.AddUserAsync(users, name, "通知测试管理员", app.World.Unit("A"), Roles.OfficeAdmin, ScopeKind.Subtree,
                app.Clock.GetUtcNow().UtcDateTime);
            if (email is not null)
                await scope.ServiceProvider.GetRequiredService<ChengxinDbContext>().Users.IgnoreQueryFilters().Where(u => u.Id == user.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, email));
        }
        var client = await app.SignInAsync(name);
        await using var read = app.Factory.Services.CreateAsyncScope();
        var id = await read.ServiceProvider.GetRequiredService<ChengxinDbContext>().Users.IgnoreQueryFilters()
            .Where(u => u.UserName == name).Select(u => u.Id).SingleAsync();
        return (client, id);
    }
}
