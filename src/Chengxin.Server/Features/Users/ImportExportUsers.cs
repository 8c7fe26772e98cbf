using System.Security.Cryptography;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Users;

public sealed record ImportedUser(string UserName, string InitialPassword);

public sealed record UserImportResult(int Created, int Updated, IReadOnlyList<ImportedUser> NewAccounts);

/// <summary>
/// Users as an Excel sheet (用户名, 姓名, 单位编码, 角色, 状态). Passwords never travel in a
/// spreadsheet: new accounts get a random initial password, returned once in the response.
/// </summary>
public static class ImportExportUsers
{
    public static readonly IReadOnlyList<string> Header = ["用户名", "姓名", "单位编码", "角色", "状态"];

    public static async Task<IResult> Export(ChengxinDbContext db, AccessScope scope, CancellationToken ct)
    {
        var reach = await UserReach.LoadAsync(db, scope, ct);
        var users = (await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct)).Where(reach.Covers).ToList();
        var codes = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Code }).ToDictionaryAsync(u => u.Id, u => u.Code, ct);
        var rows = users.Select(u => (IReadOnlyList<object?>)
        [
            u.UserName, u.DisplayName, codes.GetValueOrDefault(u.UnitId), Roles.ChineseNames[u.Role], u.IsActive ? "启用" : "停用",
        ]);
        return Xlsx.Stream([new XlsxSheet("用户", Header, rows)], Xlsx.FileName("用户"), ct);
    }

    public static async Task<IResult> Import(HttpRequest http, ChengxinDbContext db, UserManager<AppUser> users, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var sheet = await Xlsx.ReadAsync(http, header => Header.Take(4).SequenceEqual(header.Take(4)) ? null : $"表头须为：{string.Join("、", Header)}。", ct);
        var validation = new Validation();
        var units = await db.Units.Where(u => u.Code != null && u.IsActive).ToDictionaryAsync(u => u.Code!, u => u.Id, ct);
        // Only accounts within reach are updated; any other name in the office counts as taken, as if the account were elsewhere.
        var reach = await UserReach.LoadAsync(db, scope, ct);
        var visibleUsers = (await db.Users.ToListAsync(ct)).Where(reach.Covers).ToDictionary(u => u.UserName!, StringComparer.OrdinalIgnoreCase);
        var plans = new List<(int Row, string UserName, string DisplayName, long UnitId, string Role)>();
        for (var i = 1; i < sheet.Count; i++)
        {
            var row = sheet[i];
            string Cell(int c) => c < row.Count ? row[c] : "";
            if (row.All(string.IsNullOrWhiteSpace))
                continue;
            var field = $"row{i + 1}";
            var (userName, displayName, unitCode, roleText) = (Cell(0), Cell(1), Cell(2), Cell(3));
            if (userName.Length == 0 || displayName.Length == 0)
                validation.Add(field, $"第 {i + 1} 行：用户名和姓名不能为空。");
            else if (!units.TryGetValue(unitCode, out var unitId))
                validation.Add(field, $"第 {i + 1} 行：单位编码“{unitCode}”不存在、已停用或不在您的权限范围内。");
            else if (Roles.Parse(roleText) is not { } role)
                validation.Add(field, $"第 {i + 1} 行：角色“{roleText}”无效。");
            else if (!reach.MayGrant(role) || !reach.Allows(null, role, unitId, ManageUsers.DefaultScope(role), null))
                validation.Add(field, $"第 {i + 1} 行：不能授予高于您本人的角色或超出您权限范围的范围。");
            else if (plans.Any(p => string.Equals(p.UserName, userName, StringComparison.OrdinalIgnoreCase)))
                validation.Add(field, $"第 {i + 1} 行：用户名“{userName}”在文件中重复。");
            else if (!visibleUsers.ContainsKey(userName) && await users.FindByNameAsync(userName) is not null)
                validation.Add(field, $"第 {i + 1} 行：用户名“{userName}”已被使用。");
            else
                plans.Add((i + 1, userName, displayName, unitId, role));
        }
        if (!validation.IsValid)
            return validation.Problem();

        var created = new List<ImportedUser>();
        var updated = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var plan in plans)
        {
            IdentityResult result;
            if (visibleUsers.TryGetValue(plan.UserName, out var existing))
            {
                var accessChanged = existing.Role != plan.Role || existing.UnitId != plan.UnitId;
                existing.DisplayName = plan.DisplayName;
                existing.UnitId = plan.UnitId;
                existing.Role = plan.Role;
                if (accessChanged)
                    existing.ScopeKind = ManageUsers.DefaultScope(plan.Role);
                result = accessChanged ? await users.UpdateSecurityStampAsync(existing) : await users.UpdateAsync(existing);
                updated++;
            }
            else
            {
                var password = NewPassword();
                result = await users.CreateAsync(new AppUser
                {
                    UserName = plan.UserName, DisplayName = plan.DisplayName, TenantId = scope.TenantId, UnitId = plan.UnitId,
                    Role = plan.Role, ScopeKind = ManageUsers.DefaultScope(plan.Role), CreatedAt = clock.GetUtcNow().UtcDateTime,
                }, password);
                created.Add(new ImportedUser(plan.UserName, password));
            }
            if (!result.Succeeded)
            {
                foreach (var error in result.Errors)
                    validation.Add($"row{plan.Row}", $"第 {plan.Row} 行：{error.Description}");
                return validation.Problem();
            }
        }
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new UserImportResult(created.Count, updated, created));
    }

    private static string NewPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return "Cx" + RandomNumberGenerator.GetString(alphabet, 14) + "9";
    }
}
