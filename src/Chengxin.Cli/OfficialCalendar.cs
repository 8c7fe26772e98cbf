using Chengxin.Domain.Calendar;

namespace Chengxin.Cli;

/// <summary>The official holiday calendar the CLI scores with: calendars/cn-mainland.yaml under the root.</summary>
public static class OfficialCalendar
{
    public const string RelativePath = "calendars/cn-mainland.yaml";

    /// <summary>The calendar, or null when the root has none (a rule counting working days then says so in its explanation).</summary>
    public static WorkingDayCalendar? Load(string root)
    {
        var path = Path.Combine(root, RelativePath);
        return File.Exists(path) ? WorkingDayCalendar.Parse(File.ReadAllText(path), RelativePath) : null;
    }
}
