using System.Text;
using Chengxin.Cli;

// The ./chengxin script exports CHENGXIN_ROOT; run directly, the current directory stands in for it.
Console.OutputEncoding = Encoding.UTF8;
var root = Environment.GetEnvironmentVariable("CHENGXIN_ROOT") is { Length: > 0 } r ? r : Directory.GetCurrentDirectory();
return ChengxinCli.Run(args, Console.Out, Console.Error, root);
