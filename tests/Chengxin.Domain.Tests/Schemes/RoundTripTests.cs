using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;

namespace Chengxin.Domain.Tests.Schemes;

public class RoundTripTests
{
    [Fact]
    public void Write_ExampleScheme_LoadsBackEqual()
    {
        var s = TestSupport.LoadScheme("examples/every-part.yaml");
        var text = SchemeWriter.Write(s);
        var again = SchemeLoader.Parse(text, "written.yaml");
        SchemeWriter.Write(again).ShouldBe(text);
        Describe(again).ShouldBe(Describe(s));
    }

    /// <summary>Property: for generated schemes, load(save(s)) saves to the same text and scores the same.</summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Write_GeneratedScheme_RoundTripsAndScoresTheSame(int seed)
    {
        var scheme = SchemeGenerator.Generate(seed);
        var text = SchemeWriter.Write(scheme);
        var loaded = SchemeLoader.Parse(text, $"generated-{seed}.yaml");
        SchemeWriter.Write(loaded).ShouldBe(text);
        var (x, y) = (Describe(loaded), Describe(scheme));
        var at = Enumerable.Range(0, Math.Min(x.Length, y.Length)).FirstOrDefault(i => x[i] != y[i]);
        x.ShouldBe(y, $"first difference at {at}: loaded …{x[Math.Max(0, at - 80)..Math.Min(x.Length, at + 80)]}… original …{y[Math.Max(0, at - 80)..Math.Min(y.Length, at + 80)]}…");

        var original = new CompiledScheme(scheme);
        var reloaded = new CompiledScheme(loaded);
        var random = new Random(seed);
        for (var u = 0; u < 20; u++)
        {
            var cls = scheme.Classes[random.Next(scheme.Classes.Count)].Id;
            var a = original.NewFacts($"u{u}", cls);
            var b = reloaded.NewFacts($"u{u}", cls);
            foreach (var f in scheme.Facts)
            {
                var v = SchemeGenerator.RandomValue(f, random);
                a.Set(f.Key, v);
                b.Set(f.Key, v);
            }
            var ra = Scorer.Score(a);
            var rb = Scorer.Score(b);
            rb.Total.ShouldBe(ra.Total);
            rb.Grade.ShouldBe(ra.Grade);
            for (var i = 0; i < ra.Items.Length; i++)
                Explainer.Explain(rb, i).ShouldBe(Explainer.Explain(ra, i));
        }
    }

    [Theory]
    [InlineData("for:")]
    [InlineData("amount:")]
    [InlineData("capped: true")]
    [InlineData("mostOff: 2")]
    [InlineData("units: [某某局, u3]")]
    [InlineData("label: 以上两项最高扣2分")]
    public void Write_GeneratedSchemes_WriteEveryConstructSomewhere(string written)
    {
        // The round trip above is only as good as what the generator writes: every construct appears in some seed.
        Enumerable.Range(1, 25).Select(SchemeGenerator.Generate).Select(SchemeWriter.Write).ShouldContain(text => text.Contains(written));
    }

    [Fact]
    public void Write_GeneratedSchemes_LimitSomePartToAClass()
    {
        var parts = Enumerable.Range(1, 25).Select(SchemeGenerator.Generate).SelectMany(s => s.Items).SelectMany(i => i.Rule);
        parts.ShouldContain(p => p.Classes.Count > 0);
    }

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var i = 1; i <= 25; i++) data.Add(i);
        return data;
    }

    /// <summary>A structural description that covers every field the writer writes.</summary>
    private static string Describe(Scheme s) =>
        System.Text.Json.JsonSerializer.Serialize(s with { SourcePath = null, Span = default }, new System.Text.Json.JsonSerializerOptions
        {
            WriteIndented = false,
            Converters = { new NormalisedDecimal() },
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver
            {
                Modifiers = { IgnoreSpans },
            },
        });

    private static void IgnoreSpans(System.Text.Json.Serialization.Metadata.JsonTypeInfo info)
    {
        if (info.Kind != System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object) return;
        foreach (var p in info.Properties.Where(p => p.PropertyType == typeof(SourceSpan)).ToList())
            info.Properties.Remove(p);
        // Rule parts are polymorphic: serialise each by its runtime type so that their parameters count.
        foreach (var p in info.Properties.Where(p => p.PropertyType == typeof(IReadOnlyList<RulePart>)).ToList())
            p.CustomConverter = new RuntimeTypeListConverter();
    }

    /// <summary>76 and 76.0 are the same points: compare values, not the decimal's scale.</summary>
    private sealed class NormalisedDecimal : System.Text.Json.Serialization.JsonConverter<decimal>
    {
        public override decimal Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(System.Text.Json.Utf8JsonWriter writer, decimal value, System.Text.Json.JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Text());
    }

    private sealed class RuntimeTypeListConverter : System.Text.Json.Serialization.JsonConverter<IReadOnlyList<RulePart>>
    {
        public override IReadOnlyList<RulePart> Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
            throw new NotSupportedException("describe only");

        public override void Write(System.Text.Json.Utf8JsonWriter writer, IReadOnlyList<RulePart> value, System.Text.Json.JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var part in value)
            {
                writer.WriteStringValue(part.Kind);
                System.Text.Json.JsonSerializer.Serialize(writer, part, part.GetType(), options);
            }
            writer.WriteEndArray();
        }
    }
}
