using System.Security.Cryptography;
using Chengxin.Domain;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Audit;

/// <summary>
/// The instance's ECDSA P-256 key that signs audit checkpoints, a PEM file in the data folder
/// (docs/adr/0003). It lives outside the database on purpose: whoever can rewrite the chain in
/// the database must not also hold the key that vouches for it (the data-protection keys are in
/// the database). Its public half could be given to an auditor, who could then check a checkpoint
/// without being able to make one.
/// </summary>
public sealed class CheckpointKey(DatabaseSettings settings)
{
    public const string FileName = "audit-checkpoint-key.pem";

    private readonly Lock _gate = new();
    private string? _pem;

    public string FilePath => Path.Combine(settings.DataFolder, FileName);

    /// <summary>
    /// The key, made on first use; a key made by a concurrent process wins over ours. Each call gives a fresh instance for
    /// the caller to dispose, since one ECDsa object is not safe to share between concurrent requests.
    /// </summary>
    public ECDsa LoadOrCreate()
    {
        lock (_gate)
        {
            if ((_pem ??= Read()) is null)
            {
                using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                var pem = fresh.ExportPkcs8PrivateKeyPem();
                try
                {
                    var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                    if (!OperatingSystem.IsWindows())
                        options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                    using (var file = new StreamWriter(FilePath, System.Text.Encoding.ASCII, options))
                        file.Write(pem);
                    _pem = pem;
                }
                catch (IOException) when (File.Exists(FilePath))
                {
                    _pem = Read();
                }
            }
            return FromPem(_pem!);
        }
    }

    /// <summary>The key if the instance has one (a fresh instance for the caller to dispose); null before the first checkpoint.</summary>
    public ECDsa? LoadExisting()
    {
        lock (_gate)
            return (_pem ??= Read()) is { } pem ? FromPem(pem) : null;
    }

    /// <summary>Names a key by the SHA-256 of its public half, so a checkpoint says which key signed it.</summary>
    public static string IdOf(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    private string? Read() => File.Exists(FilePath) ? File.ReadAllText(FilePath) : null;

    private ECDsa FromPem(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            // An operator's problem (a damaged or replaced file), refused with a sentence rather than a 500.
            throw new DomainRuleException($"审计检查点签名密钥文件 {FileName} 已损坏，无法签发或核对检查点；请从数据目录的备份恢复。");
        }
    }
}
