using Chengxin.Domain.Schemes;

namespace Chengxin.Domain.Linting;

/// <summary>Checks of scores relative to other units, grade quotas and weighted blocks (issue 14, constructs 7 and 8).</summary>
public static partial class Linter
{
    private sealed partial class Run
    {
        /// <summary>
        /// A relative item's points stay within its max: a rank's first place (default the max) or its top places' points
        /// (`relative-points-exceed-max`); a rank whose first place gets less than the max can never reach it
        /// (`item-max-unreachable`); an average item needs a bool exemption fact and a rule for the units not exempt.
        /// </summary>
        public void Relatives()
        {
            foreach (var item in scheme.Items)
            {
                if (item.Relative is not { } r) continue;
                var most = r.Method switch
                {
                    RelativeMethod.Rank when r.Top is not null => r.Points!.Value,
                    RelativeMethod.Rank => r.First ?? item.Max,
                    _ => item.Max,
                };
                if (most > item.Max)
                    Add("relative-points-exceed-max", Error, item, $"指标“{item.Title}”满分 {N(item.Max)} 分，按排名计分最多可得 {N(most)} 分", r.Span);
                else if (most < item.Max && r.Method == RelativeMethod.Rank)
                    Add("item-max-unreachable", Error, item, $"指标“{item.Title}”满分 {N(item.Max)} 分，按排名计分最多只能得 {N(most)} 分", r.Span);
                if (r.Method == RelativeMethod.Rank && r.Top is null && r.Step == 0)
                    Add("relative-rank-flat", Warning, item, $"指标“{item.Title}”按排名计分，每名次减 0 分，所有单位得分相同", r.Span);
                if (r.Method == RelativeMethod.Average && r.When is { } when && declared.TryGetValue(when, out var d) && d.Fact.Type != FactType.Bool)
                    Add("fact-type-mismatch", Error, item, $"容缺项按平均得分计需要 bool 类型的容缺标记，事实 {when} 是 {TypeName(d.Fact.Type)}", r.Span);
            }
        }

        /// <summary>A quota's share lies in (0, 100], and a grade with a quota has a next grade for the units beyond it.</summary>
        public void Quotas()
        {
            var grades = scheme.Grades;
            for (var i = 0; i < grades.Count; i++)
            {
                if (grades[i].Quota is not { } q) continue;
                if (q.Share <= 0 || q.Share > 100)
                    Add("grade-quota-invalid", Error, null, $"等次“{grades[i].Name}”的名额比例为 {N(q.Share)}%，应大于 0 且不超过 100", q.Span);
                if (i == grades.Count - 1)
                    Add("grade-quota-invalid", Error, null, $"等次“{grades[i].Name}”是最低等次，设名额后超出名额的单位没有下一等次可评", q.Span);
            }
        }

        /// <summary>
        /// Weighted blocks: every block names top-level categories, each category in one block at most, every base category in
        /// one, the weights add up to the scheme's total, and `comparison: normaliseTo` is not also set (both rescale the items).
        /// </summary>
        public void Blocks()
        {
            if (scheme.Blocks.Count == 0) return;
            var top = scheme.Categories.Select(c => c.Id).ToHashSet();
            var seen = new HashSet<string>();
            foreach (var b in scheme.Blocks)
            {
                if (b.Weight <= 0)
                    Add("blocks-invalid", Error, null, $"加权板块“{b.Label}”的权重为 {N(b.Weight)}，应大于 0", b.Span);
                foreach (var id in b.Categories)
                {
                    if (!top.Contains(id))
                        Add("blocks-invalid", Error, null, $"加权板块“{b.Label}”中的“{id}”不是一级类别的 id", b.Span);
                    else if (!seen.Add(id))
                        Add("blocks-invalid", Error, null, $"一级类别“{id}”被列入多个加权板块", b.Span);
                }
            }
            foreach (var c in scheme.Categories.Where(c => !IsBonusOnly(c) && !seen.Contains(c.Id)))
                Add("blocks-invalid", Error, null, $"一级类别“{c.Title}”不在任何加权板块中，其得分不计入总分", scheme.Span);
            var weights = scheme.Blocks.Sum(b => b.Weight);
            if (weights != scheme.Total)
                Add("blocks-invalid", Error, null, $"加权板块权重合计 {N(weights)}，与方案总分 {N(scheme.Total)} 不一致", scheme.Span);
            if (scheme.Comparison.NormaliseTo is not null)
                Add("blocks-invalid", Error, null, "方案同时设置了加权板块 blocks 和折算 comparison.normaliseTo，二者只能选一", scheme.Span);
        }
    }
}
