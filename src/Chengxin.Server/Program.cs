using Chengxin.Server;
using Chengxin.Server.Infrastructure;

// The verbs ./chengxin passes on (demo | serve | admin create | audit verify|checkpoint), parsed before the host is built:
// help and a wrong command line end here. Anything else, such as the arguments a test host passes, starts the server as
// "serve" does.
var options = ServerCommandLine.Parse(args);
if (options.ExitCode is { } exit)
    return exit;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = options.HostArgs(),
});
try
{
    builder.AddChengxin();
}
catch (StartupProblem problem)
{
    await Console.Error.WriteLineAsync(problem.Message);
    return 1;
}
var app = builder.Build();
app.UseChengxin();

return await Commands.RunAsync(app, options);

public partial class Program;
