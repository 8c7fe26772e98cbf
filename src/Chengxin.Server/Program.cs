using Chengxin.Server;
using Chengxin.Server.Infrastructure;

// The verbs ./chengxin passes on (demo | serve | admin … | audit …); anything else, such as the
// arguments a test host passes, starts the server as "serve" does.
var verb = args.Length > 0 && Commands.Verbs.Contains(args[0]) ? args[0] : "serve";
var rest = args.Length > 0 && Commands.Verbs.Contains(args[0]) ? args[1..] : args;
var options = CommandLine.Parse(rest);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = options.HostArgs(verb),
});
builder.AddChengxin();
var app = builder.Build();
app.UseChengxin();

return await Commands.RunAsync(app, verb, options);

public partial class Program;
