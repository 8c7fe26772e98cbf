using System.Reflection;

namespace Chengxin.Architecture.Tests;

public sealed class DomainPurityTests
{
    private static readonly Assembly Domain = typeof(Chengxin.Domain.DomainRuleException).Assembly;

    [Fact]
    public void Domain_ReferencedAssemblies_NoDatabaseWebOrHttp()
    {
        // The domain is pure: schemes, rules and scoring take values and return values. Storage and transport are the server's.
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        references.Where(n => n.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
            || n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || n.StartsWith("Npgsql", StringComparison.Ordinal)
            || n.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal)
            || n == "System.Net.Http").ShouldBeEmpty();
    }

    [Fact]
    public void DomainTypes_Use_NoFileSystemNetworkOrDatabase()
    {
        var domainTypes = ServerModel.Architecture.Types.Where(t => t.Assembly.FullName == Domain.FullName).ToList();
        domainTypes.ShouldNotBeEmpty();

        var io = domainTypes
            .SelectMany(t => t.Dependencies.Select(d => (From: ServerModel.SourceName(t), To: d.Target.FullName)))
            .Where(d => IsInputOutput(d.To))
            .Select(d => $"{d.From} → {d.To}").Distinct().Order(StringComparer.Ordinal).ToList();

        io.ShouldBeEmpty("the domain reads files, the network or a database; take the text or the values as arguments instead");
    }

    [Theory]
    [InlineData("System.IO.File", true)]
    [InlineData("System.IO.FileStream", true)]
    [InlineData("System.Net.Http.HttpClient", true)]
    [InlineData("Microsoft.EntityFrameworkCore.DbContext", true)]
    [InlineData("System.IO.StringReader", false)]
    [InlineData("System.IO.Stream", false)]
    public void IsInputOutput_KnownTypes_Classified(string type, bool expected) => IsInputOutput(type).ShouldBe(expected);

    /// <summary>File system, network and database types; reading text from a string or a stream handed in is pure.</summary>
    private static bool IsInputOutput(string type) =>
        type is "System.IO.File" or "System.IO.FileInfo" or "System.IO.FileStream" or "System.IO.Directory" or "System.IO.DirectoryInfo"
            or "System.IO.FileSystemInfo" or "System.IO.FileSystemWatcher" or "System.IO.Path" or "System.IO.DriveInfo"
        || type.StartsWith("System.Net.", StringComparison.Ordinal)
        || type.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
        || type.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
        || type.StartsWith("System.Data.", StringComparison.Ordinal);
}
