using System.Security.Cryptography;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Audit;

/// <summary>
/// The instance's ECDSA P-256 key that signs audit checkpoints, a PEM file in the data folder
/// (docs/adr/0003). It lives outside the database on purpose: whoever can rewrite the chain in
/// the database must not also hold the key that vouches for it (the data-protection keys are in
/// the database). The public half can be handed to an auditor, who then checks a checkpoint
/// without being able to make one.
/// </summary>
public sealed class CheckpointKey(DatabaseSettings settings)
{
    public const string FileName = "audit-checkpoint-key.pem";

    private readonly Lock _gate = new();
    private ECDsa? _key;

    public string FilePath => Path.Combine(settings.DataFolder, FileName);

    /// <summary>The key, made on first use; a key made by a concurrent process wins over ours.</summary>
    public ECDsa LoadOrCreate()
    {
        lock (_gate)
        {
            if (_key is not null || (_key = Read()) is not null)
                return _key;
            var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using (var file = new StreamWriter(FilePath, System.Text.Encoding.ASCII, options))
                    file.Write(fresh.ExportPkcs8PrivateKeyPem());
                return _key = fresh;
            }
            catch (IOException) when (File.Exists(FilePath))
            {
                fresh.Dispose();
                return _key = Read()!;
            }
        }
    }

    /// <summary>The key if the instance has one; null before the first checkpoint was issued.</summary>
    public ECDsa? LoadExisting()
    {
        lock (_gate)
            return _key ??= Read();
    }

    /// <summary>Names a key by the SHA-256 of its public half, so a checkpoint says which key signed it.</summary>
    public static string IdOf(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    private ECDsa? Read()
    {
        if (!File.Exists(FilePath))
            return null;
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(FilePath));
        return key;
    }
}
