using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chengxin.Domain.Schemes;

/// <summary>
/// Writes a scheme back to YAML in the loader's format, so that load → save → load gives an
/// equal scheme (an office edits schemes as text; the platform saves new versions the same way).
/// </summary>
public static class SchemeWriter
{
    public static string Write(Scheme s)
    {
        var root = new YamlMappingNode();
        Add(root, "id", s.Id);
        Add(root, "version", s.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(root, "title", s.Title);
        Add(root, "issuer", s.Issuer);
        Add(root, "document", s.Document);
        Add(root, "date", s.Date);
        Add(root, "period", s.Period.ToString().ToLowerInvariant());
        if (s.Range is { } range)
            root.Add("range", Map(("from", range.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                                  ("to", range.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
        Add(root, "total", s.Total.Text());
        AddList(root, "classes", s.Classes, c => Map(("id", c.Id), ("name", c.Name)));
        AddList(root, "grades", s.Grades, WriteGrade);
        AddList(root, "blocks", s.Blocks, b =>
        {
            var m = Map(("label", b.Label));
            m.Add("categories", new YamlSequenceNode(b.Categories.Select(Scalar)) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow });
            Add(m, "weight", b.Weight.Text());
            return m;
        });
        AddList(root, "vetoes", s.Vetoes, v => Map(("fact", v.Fact), ("grade", v.Grade), ("label", v.Label), ("expect", v.Expect ? null : "false"), ("zeroes", v.Zeroes)));
        if (s.Bonus.Cap is decimal cap) root.Add("bonus", Map(("cap", cap.Text())));
        if (!s.Penalties.FloorTotalAtZero) root.Add("penalties", Map(("floorTotalAtZero", "false")));
        if (s.Comparison.NormaliseTo is decimal to) root.Add("comparison", Map(("normaliseTo", to.Text())));
        Add(root, "scale", s.Scale?.Text());
        if (s.RoundingDigits is int digits) root.Add("rounding", Map(("digits", digits.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        if (s.MissingFact == MissingFactReach.Part) root.Add("missingFact", Scalar("part"));
        if (s.TieBreak.Count > 0) root.Add("tieBreak", new YamlSequenceNode(s.TieBreak.Select(Scalar)) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow });
        if (s.Composite is { } c)
            root.Add("composite", Map(("from", c.From), ("periods", c.Periods.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("aggregate", c.Aggregate.ToString().ToLowerInvariant()), ("factor", c.Factor.Text()), ("label", c.Label)));
        AddCampaign(root, s.Campaign);
        Add(root, "note", s.Note);
        AddResolutions(root, s.Resolutions);
        AddList(root, "categories", s.Categories, WriteCategory);

        var stream = new YamlStream(new YamlDocument(root));
        var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        // YamlDotNet closes the document with "...": not needed for one document.
        var text = writer.ToString();
        if (text.EndsWith("...\n", StringComparison.Ordinal)) text = text[..^4];
        if (text.EndsWith("...\r\n", StringComparison.Ordinal)) text = text[..^5];
        return text;
    }

    private static void AddCampaign(YamlMappingNode root, CampaignTemplate t)
    {
        var m = new YamlMappingNode();
        if (t.SelfAssessment) Add(m, "selfAssessment", "true");
        if (t.CommitmentLetter is { } l)
            m.Add("commitmentLetter", Map(("title", l.Title), ("signer", l.Signer.ToString().ToLowerInvariant()), ("text", l.Text)));
        if (t.LiaisonTable is { } lt)
            m.Add("liaisonTable", new YamlMappingNode(Scalar("title"), Scalar(lt.Title), Scalar("columns"), new YamlSequenceNode(lt.Columns.Select(Scalar))));
        if (t.Report is { } r)
            m.Add("report", new YamlMappingNode(Scalar("title"), Scalar(r.Title), Scalar("headings"), new YamlSequenceNode(r.Headings.Select(Scalar))));
        AddList(m, "schedule", t.Schedule, e => Map(("key", e.Key), ("label", e.Label), ("due", e.Due)));
        Add(m, "spotCheckShare", t.SpotCheckShare?.Text());
        Add(m, "followUp", t.FollowUp);
        if (t.PublishItemScores) Add(m, "publishItemScores", "true");
        if (m.Children.Count > 0) root.Add("campaign", m);
    }

    private static YamlMappingNode WriteCategory(Category c)
    {
        var m = new YamlMappingNode();
        Add(m, "id", c.Id);
        Add(m, "no", c.No);
        Add(m, "title", c.Title);
        Add(m, "max", c.Max.Text());
        if (c.Capped) Add(m, "capped", "true");
        AddList(m, "caps", c.Caps, g =>
        {
            var cap = new YamlMappingNode(Scalar("items"), new YamlSequenceNode(g.Items.Select(Scalar)) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow });
            Add(cap, "most", g.Most?.Text());
            Add(cap, "mostOff", g.MostOff?.Text());
            Add(cap, "label", g.Label);
            return cap;
        });
        Add(m, "note", c.Note);
        AddResolutions(m, c.Resolutions);
        AddList(m, "categories", c.Categories, WriteCategory);
        AddList(m, "items", c.Items, WriteItem);
        return m;
    }

    private static YamlMappingNode WriteItem(Item i)
    {
        var m = new YamlMappingNode();
        Add(m, "id", i.Id);
        Add(m, "no", i.No);
        Add(m, "title", i.Title);
        Add(m, "max", i.Max.Text());
        if (i.Classes.Count > 0) m.Add("classes", new YamlSequenceNode(i.Classes.Select(Scalar)) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow });
        if (i.IsBonus) Add(m, "bonus", "true");
        Add(m, "validFor", i.ValidFor?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(m, "method", i.Method);
        Add(m, "source", i.Source);
        var w = Map(("content", i.Wording.Content), ("scoring", i.Wording.Scoring), ("materials", i.Wording.Materials), ("remark", i.Wording.Remark));
        if (w.Children.Count > 0) m.Add("wording", w);
        AddList(m, "evidence", i.Evidence, e => Map(("label", e.Label), ("form", e.Form.ToString().ToLowerInvariant())));
        AddList(m, "facts", i.Facts, WriteFact);
        AddList(m, "rule", i.Rule, WritePart);
        if (i.Units.Count > 0) m.Add("units", new YamlSequenceNode(i.Units.Select(Scalar)) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow });
        if (i.Relative is { } r) m.Add("relative", WriteRelative(r));
        Add(m, "note", i.Note);
        AddResolutions(m, i.Resolutions);
        return m;
    }

    private static YamlMappingNode WriteGrade(GradeBand g)
    {
        var m = Map(("name", g.Name), ("min", g.Min.Text()));
        if (g.Quota is { } q)
            m.Add("quota", Map(("share", q.Share.Text()), ("rounding", Lower(q.Rounding)), ("ties", Lower(q.Ties)), ("among", Lower(q.Among))));
        return m;
    }

    private static YamlMappingNode WriteRelative(RelativeScore r) => Map(
        ("method", Lower(r.Method)), ("value", r.Value), ("better", r.LowerIsBetter ? "lower" : null),
        ("first", r.First?.Text()), ("step", r.Step?.Text()), ("top", r.Top?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("points", r.Points?.Text()),
        ("when", r.When), ("among", r.Among == Among.Campaign ? null : Lower(r.Among)), ("label", r.Label));

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static YamlMappingNode WriteFact(FactDefinition f)
    {
        var m = Map(("key", f.Key), ("label", f.Label), ("type", f.Type.ToString().ToLowerInvariant()), ("supplier", f.Supplier));
        AddList(m, "columns", f.Columns, c => Map(("key", c.Key), ("label", c.Label), ("type", c.Type.ToString().ToLowerInvariant())));
        return m;
    }

    private static YamlMappingNode WritePart(RulePart part)
    {
        var body = part switch
        {
            AllOrNothing p => Map(("fact", p.Fact), ("points", p.Points.Text()), ("expect", p.Expect ? null : "false")),
            Checklist p => new YamlMappingNode(Scalar("items"), new YamlSequenceNode(p.Entries.Select(e =>
                (YamlNode)Map(("fact", e.Fact), ("points", e.Points.Text()), ("label", e.Label))))),
            Shortfall p => Map(("fact", p.Fact), ("target", p.Target.Text()), ("points", p.Points.Text()), ("per", p.Per.Text()), ("unit", p.Unit == 1 ? null : p.Unit.Text())),
            PerOccurrence p => Map(("fact", p.Fact), ("each", p.Each.Text()), ("cap", p.Cap?.Text()), ("where", p.Where)),
            Deduction { Amount: { } amount } p => Map(("amount", amount), ("base", p.HasBase ? p.Base.Text() : null), ("cap", p.Cap?.Text())),
            Deduction { Lines.Count: > 0 } p => WithLines(Map(("base", p.Base.Text()), ("cap", p.Cap?.Text())), p.Lines),
            Deduction p => Map(("fact", p.Fact), ("base", p.Base.Text()), ("each", p.Each.Text()), ("cap", p.Cap?.Text()), ("where", p.Where)),
            Steps p => Map(("fact", p.Expr is null ? p.Fact : null), ("expr", p.Expr), ("points", p.Points.Text()), ("threshold", p.Threshold.Text()), ("step", p.Step.Text()), ("per", p.Per.Text()),
                ("partial", p.PartialStepCounts ? null : "down"), ("better", p.LowerIsBetter ? "lower" : null)),
            PerRecord p => WritePerRecord(p),
            Bands p => WriteBands(p),
            Formula p => Map(("expr", p.Expression), ("description", p.Description)),
            Split p => Map(("fact", p.Fact), ("points", p.Points.Text()), ("done", p.Done), ("whenEmpty", p.FullWhenEmpty ? null : "zero")),
            Manual p => Map(("fact", p.Fact)),
            Penalty { Amount: { } amount } p => Map(("amount", amount), ("cap", p.Cap?.Text())),
            Penalty { Lines.Count: > 0 } p => WithLines(Map(("cap", p.Cap?.Text())), p.Lines),
            Penalty p => Map(("fact", p.Fact), ("each", p.Each.Text()), ("cap", p.Cap?.Text()), ("where", p.Where)),
            Bonus p => Map(("fact", p.Fact), ("each", p.Each.Text()), ("cap", p.Cap?.Text()), ("where", p.Where)),
            Veto p => Map(("fact", p.Fact), ("grade", p.Grade), ("expect", p.Expect ? null : "false"), ("zeroes", p.Zeroes)),
            _ => throw new InvalidOperationException($"unknown part {part.Kind}"),
        };
        Add(body, "label", part.Label);
        if (part.Classes.Count > 0) body.Add("classes", new YamlSequenceNode(part.Classes.Select(Scalar)) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow });
        return new YamlMappingNode(Scalar(part.Kind), body);
    }

    private static YamlMappingNode WithLines(YamlMappingNode m, IReadOnlyList<CountLine> lines)
    {
        m.Add("for", new YamlSequenceNode(lines.Select(l =>
            (YamlNode)Map(("fact", l.Fact), ("each", l.Each.Text()), ("cap", l.Cap?.Text()), ("where", l.Where), ("label", l.Label)))));
        return m;
    }

    private static YamlMappingNode WritePerRecord(PerRecord p)
    {
        var m = Map(("fact", p.Fact), ("by", p.By));
        m.Add("points", Map([.. p.Points.Select(e => (e.Value, (string?)e.Points.Text()))]));
        Add(m, "cap", p.Cap?.Text());
        Add(m, "where", p.Where);
        return m;
    }

    private static YamlMappingNode WriteBands(Bands p)
    {
        var m = Map(("fact", p.Expr is null ? p.Fact : null), ("expr", p.Expr), ("domain", p.Domain?.ToString()), ("officeDefault", p.OfficeDefault ? "true" : null));
        m.Add("bands", new YamlSequenceNode(p.Entries.Select(b => (YamlNode)Map(("range", b.Range.ToString()), ("points", b.Points.Text())))));
        return m;
    }

    private static void AddResolutions(YamlMappingNode m, IReadOnlyList<Resolution> resolutions) =>
        AddList(m, "resolutions", resolutions, r => Map(("code", r.Code), ("text", r.Text), ("does", r.Does), ("why", r.Why)));

    private static void AddList<T>(YamlMappingNode m, string key, IReadOnlyList<T> list, Func<T, YamlNode> write)
    {
        if (list.Count > 0) m.Add(key, new YamlSequenceNode(list.Select(write)));
    }

    private static YamlMappingNode Map(params (string Key, string? Value)[] pairs)
    {
        var m = new YamlMappingNode();
        foreach (var (k, v) in pairs) Add(m, k, v);
        return m;
    }

    private static void Add(YamlMappingNode m, string key, string? value)
    {
        if (value is not null) m.Add(Scalar(key), Scalar(value));
    }

    private static YamlScalarNode Scalar(string value)
    {
        var node = new YamlScalarNode(value);
        // Text the loader would read as "absent", or that starts like YAML syntax, is quoted; long text keeps its lines.
        if (value.Contains('\n')) node.Style = ScalarStyle.Literal;
        else if (value is "" or "~" or "null" || value.StartsWith(' ') || value.EndsWith(' ')) node.Style = ScalarStyle.DoubleQuoted;
        return node;
    }
}
