using System.Xml.Linq;
using Chengxin.Server.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Infrastructure;

/// <summary>
/// Keeps the data-protection key ring (which signs session cookies and antiforgery tokens) in
/// the database, so every server instance behind a load balancer accepts the others' cookies.
/// The EF Core package for this does not restore here, and the repository is this small.
/// </summary>
public sealed class DatabaseKeyRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList()
            .Select(x => XElement.Parse(x)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        // The key manager calls this synchronously; this is its one write, at key creation.
        db.SaveChangesAsync().GetAwaiter().GetResult();
    }
}
