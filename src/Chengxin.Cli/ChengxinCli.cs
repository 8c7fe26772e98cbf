using System.CommandLine;
using System.Globalization;
using Chengxin.Domain;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;

namespace Chengxin.Cli;

/// <summary>
/// The command line: builds the verbs, runs one, and turns every user error into one line on
/// stderr with exit code 2. Exit codes: 0 done, 1 the scheme has unresolved errors (lint),
/// 2 a file cannot be read or the command line is wrong.
/// </summary>
public static class ChengxinCli
{
    public const int Ok = 0;
    public const int Findings = 1;
    public const int BadInput = 2;

    /// <summary>Runs one command as the process would, writing to the given writers; root is the repository (CHENGXIN_ROOT).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string root)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h" or "-?" or "/?")
        {
            HelpText.Write(stdout);
            return Ok;
        }

        // System.CommandLine ships Chinese texts for its help headings and most of its messages;
        // the product speaks Chinese whatever the server's locale. Restored so an in-process caller keeps its own.
        var callerCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");
        try
        {
            return Invoke(args, stdout, stderr, root);
        }
        finally
        {
            CultureInfo.CurrentUICulture = callerCulture;
        }
    }

    private static int Invoke(string[] args, TextWriter stdout, TextWriter stderr, string root)
    {
        var ctx = new CliContext(stdout, stderr, root);
        var command = Build(ctx);
        var parse = command.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) stderr.WriteLine($"chengxin: 参数错误 (invalid arguments)：{e.Message}");
            stderr.WriteLine("用法见 ./chengxin help (see ./chengxin help)");
            return BadInput;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (SchemeLoadException e)
        {
            stderr.WriteLine(e.Message);
            return BadInput;
        }
        catch (Exception e) when (e is CliException or FactsFileException or DomainRuleException or FormulaException)
        {
            stderr.WriteLine($"chengxin: {e.Message}");
            return BadInput;
        }
    }

    private static RootCommand Build(CliContext ctx)
    {
        var root = new RootCommand("诚信 Chengxin 政务诚信评价 (government-integrity evaluation)");

        var scheme = new Command("scheme", "评价方案 (schemes)");
        root.Add(scheme);

        var list = new Command("list", "列出内置方案 (list the built-in schemes)");
        list.SetAction(_ => SchemeVerbs.List(ctx));
        scheme.Add(list);

        var showArg = SchemeArgument();
        var show = new Command("show", "按原文顺序显示指标体系与评分细则 (show the tree and its rules)") { showArg };
        show.SetAction(p => SchemeVerbs.Show(ctx, ctx.Catalog.Resolve(p.GetRequiredValue(showArg))));
        scheme.Add(show);

        var lintArg = SchemeArgument();
        var lint = new Command("lint", "检查方案 (check a scheme before use)") { lintArg };
        lint.SetAction(p => SchemeVerbs.Lint(ctx, ctx.Catalog.Resolve(p.GetRequiredValue(lintArg))));
        scheme.Add(lint);

        var factsArg = SchemeArgument();
        var facts = new Command("facts", "列出每项指标读取的事实 (every fact each item reads)") { factsArg };
        facts.SetAction(p => SchemeVerbs.Facts(ctx, ctx.Catalog.Resolve(p.GetRequiredValue(factsArg))));
        scheme.Add(facts);

        var factsGroup = new Command("facts", "事实文件 (facts files)");
        root.Add(factsGroup);
        var templateArg = SchemeArgument();
        var templateFormat = new Option<string>("--format") { Description = "json 或 xlsx", DefaultValueFactory = _ => "json" };
        templateFormat.AcceptOnlyFromAmong("json", "xlsx");
        var units = new Option<string?>("--units") { Description = "单位名单 CSV（列：单位编码,单位名称,单位类别）(units CSV: id,name,class)" };
        var count = new Option<int?>("--count") { Description = "不给名单时生成的单位数 (number of blank units)" };
        var templateOut = new Option<string?>("--output", "-o") { Description = "输出文件 (output file)" };
        var template = new Command("template", "生成空白事实文件 (a blank facts file)") { templateArg, templateFormat, units, count, templateOut };
        template.SetAction(p => TemplateVerb.Run(ctx, ctx.Catalog.Resolve(p.GetRequiredValue(templateArg)),
            p.GetRequiredValue(templateFormat), p.GetValue(units), p.GetValue(count), p.GetValue(templateOut)));
        factsGroup.Add(template);

        var schemeOption = new Option<string>("--scheme") { Description = "方案 id 或文件 (scheme id or file)", Required = true };
        var factsOption = new Option<string>("--facts") { Description = "事实文件 .json 或 .xlsx (facts file)", Required = true };
        var scoreFormat = new Option<string>("--format") { Description = "table、json 或 csv", DefaultValueFactory = _ => "table" };
        scoreFormat.AcceptOnlyFromAmong("table", "json", "csv");
        var scoreOut = new Option<string?>("--output", "-o") { Description = "输出文件 (output file)" };
        var periodResults = new Option<string[]>("--period-results")
        {
            Description = "汇总方案的前期结果（score --format json 的输出，按期排列）(earlier periods' results for a composite scheme)",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [],
        };
        var allowLintErrors = new Option<bool>("--allow-lint-errors")
        {
            Description = "方案有未处理的检查错误时仍然评分 (score although the scheme has unresolved lint errors)",
        };
        var score = new Command("score", "评分并排名 (score and rank every unit)") { schemeOption, factsOption, scoreFormat, scoreOut, periodResults, allowLintErrors };
        score.SetAction(p => ScoreVerb.Run(ctx, ctx.Catalog.Resolve(p.GetRequiredValue(schemeOption)),
            p.GetRequiredValue(factsOption), p.GetRequiredValue(scoreFormat), p.GetValue(scoreOut), p.GetRequiredValue(periodResults),
            p.GetValue(allowLintErrors)));
        root.Add(score);
        root.Add(BulletinCommand(ctx));

        return root;
    }

    private static Command BulletinCommand(CliContext ctx)
    {
        var scheme = new Option<string>("--scheme") { Description = "方案 id 或文件 (scheme id or file)", Required = true };
        var results = new Option<string>("--results") { Description = "本期结果：score --format json 的输出 (this period's results)", Required = true };
        var period = new Option<string>("--period") { Description = "期别，如 2022年10月 (the period's label)", Required = true };
        var previous = new Option<string?>("--previous") { Description = "上期结果（score --format json），用于名次变化 (last period's results)" };
        var previousLabel = new Option<string?>("--previous-label") { Description = "上期期别，如 2022年9月 (last period's label)" };
        var name = new Option<string?>("--name") { Description = "批次名称（默认：方案标题与期别）(campaign name)" };
        var format = new Option<string>("--format") { Description = "docx 或 pdf", DefaultValueFactory = _ => "docx" };
        format.AcceptOnlyFromAmong("docx", "pdf");
        var template = new Option<string?>("--template") { Description = "信用办的 Word 模板（仅 docx）(an office's DOCX template)" };
        var issuer = new Option<string?>("--issuer") { Description = "发文机关（默认：方案的发布单位）(issuing office)" };
        var number = new Option<string?>("--number") { Description = "文号，如 黑信办〔2022〕10号 (document number)" };
        var date = new Option<string?>("--date") { Description = "成文日期 yyyy-MM-dd（默认今天）(date)" };
        var output = new Option<string>("--output", "-o") { Description = "输出文件 (output file)", Required = true };
        var bulletin = new Command("bulletin", "由评分结果生成通报（DOCX 或 PDF）(a bulletin from results)")
            { scheme, results, period, previous, previousLabel, name, format, template, issuer, number, date, output };
        bulletin.SetAction(p => BulletinVerb.Run(ctx, ctx.Catalog.Resolve(p.GetRequiredValue(scheme)), new BulletinVerb.Options(
            p.GetRequiredValue(results), p.GetValue(previous), p.GetValue(previousLabel), p.GetRequiredValue(period), p.GetValue(name),
            p.GetRequiredValue(format), p.GetValue(template), p.GetValue(issuer), p.GetValue(number), BulletinVerb.ParseDate(p.GetValue(date)),
            p.GetRequiredValue(output))));
        return bulletin;
    }

    private static Argument<string> SchemeArgument() => new("scheme") { Description = "内置方案 id 或方案文件路径 (built-in scheme id or file)" };
}

/// <summary>The help page: every verb, in Chinese and English, with an example that runs.</summary>
public static class HelpText
{
    private static readonly (string Verb, string Description, string Example)[] Verbs =
    [
        ("help", "显示本帮助 (show this help)", "./chengxin help"),
        ("scheme list", "列出内置评价方案：编号、版本、标题、发布单位、文号、考核期 (list the built-in schemes)", "./chengxin scheme list"),
        ("scheme show <方案>", "按原文顺序显示指标体系：分值、考察方式、信息来源、材料、适用类别、评分细则 (show the tree with each rule in words)", "./chengxin scheme show schemes/examples/every-part.yaml"),
        ("scheme lint <方案>", "检查方案：分值合计、区间、事实、等次等；退出码 0 通过 / 1 有错误 / 2 无法读取 (check a scheme)", "./chengxin scheme lint schemes/examples/every-part.yaml"),
        ("scheme facts <方案>", "列出每项指标读取的事实：键、名称、类型、提供方、台账列 (every fact each item reads)", "./chengxin scheme facts schemes/examples/every-part.yaml"),
        ("facts template <方案> --format json|xlsx [--units 名单.csv | --count N] [-o 文件]", "生成空白事实文件 (a blank facts file for a set of units)", "./chengxin facts template schemes/examples/every-part.yaml --format xlsx --count 3 -o facts.xlsx"),
        ("score --scheme <方案> --facts <文件> [--format table|json|csv] [-o 文件] [--period-results 前期结果.json …] [--allow-lint-errors]",
            "评分并排名（总体与类别内），每项附得分说明；汇总方案（如年度含月度平均）须用 --period-results 给出前期结果；方案有未处理的检查错误时拒绝评分（退出码 1），除非 --allow-lint-errors (score and rank every unit)",
            "./chengxin score --scheme schemes/examples/every-part.yaml --facts schemes/examples/every-part.facts.json --format json"),
        ("bulletin --scheme <方案> --results <结果.json> --period <期别> -o <文件> [--format docx|pdf] [--previous 上期.json --previous-label 上期] [--template 模板.docx] [--number 文号] [--issuer 发文机关] [--date yyyy-MM-dd]",
            "由 score --format json 的结果生成通报：总体情况、排名、等次名单、各项指标得分、图表；Word（默认版式或信用办模板）或 PDF (a bulletin from results)",
            "./chengxin bulletin --scheme huaian-quarterly-2022 --results q3.json --period 2022年第三季度 --format pdf -o 通报.pdf"),
        ("demo", "启动平台并载入演示数据 (start the platform with a demo tenant; arrives with the server)", "./chengxin demo"),
        ("serve", "启动平台服务 (run the server)", "./chengxin serve"),
        ("admin", "平台管理：租户、用户 (administer tenants and users)", "./chengxin admin"),
        ("audit", "核验审计链、已发布结果快照和检查点，签发检查点 (verify the audit chain, published snapshots and checkpoints; issue a checkpoint)", "./chengxin audit"),
    ];

    public static void Write(TextWriter w)
    {
        w.WriteLine("诚信 chengxin —— 政务诚信评价命令行 (Chengxin government-integrity evaluation CLI)");
        w.WriteLine();
        w.WriteLine("用法 Usage: ./chengxin <命令 verb> [参数 arguments]");
        w.WriteLine("<方案> 为内置方案 id（见 scheme list）或方案文件路径 (a built-in scheme id or a scheme file)");
        w.WriteLine();
        foreach (var (verb, description, example) in Verbs)
        {
            w.WriteLine($"  {verb}");
            w.WriteLine($"      {description}");
            w.WriteLine($"      例 e.g.: {example}");
        }
        w.WriteLine();
        w.WriteLine("每个命令加 --help 显示其参数 (add --help to a verb for its options)。");
        w.WriteLine("退出码 Exit codes: 0 成功 ok · 1 方案有未处理的错误 lint errors · 2 文件无法读取或参数错误 unreadable file or bad arguments");
    }
}
