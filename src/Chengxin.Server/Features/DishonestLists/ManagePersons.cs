using System.Globalization;
using Chengxin.Domain.Identifiers;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.DishonestLists;

public sealed record AddPersonRequest(long UnitId, string? Name, string? IdNumber, string? Reason, string? JoinedOn);

/// <summary>A screened person as shown: the id number masked but for its first four and last four characters.</summary>
public sealed record ScreenedPersonView(long Id, long UnitId, string UnitName, string Name, string IdNumberMasked, string Reason, DateOnly JoinedOn,
    DateOnly RetainUntil);

/// <summary>
/// The civil servants hired or transferred (录用、调任) that the office screens against the lists (seed 001 item 15). Only the name,
/// the id number, the unit and the date are kept, until the end of the year after the hire or transfer; past that a person is
/// neither listed nor screened.
/// </summary>
public static class ManagePersons
{
    public static readonly string[] Reasons = ["录用", "调任"];

    public static async Task<IResult> List(ChengxinDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var today = Today(clock);
        var persons = await db.ScreenedPersons.AsNoTracking().Where(p => p.RetainUntil >= today).OrderBy(p => p.Id).ToListAsync(ct);
        var unitIds = persons.Select(p => p.UnitId).Distinct().ToList();
        var names = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return TypedResults.Ok(persons.Select(p => new ScreenedPersonView(p.Id, p.UnitId, names.GetValueOrDefault(p.UnitId, ""), p.Name, Mask(p.IdNumber),
            p.Reason, p.JoinedOn, p.RetainUntil)).ToList());
    }

    public static async Task<IResult> Add(AddPersonRequest request, ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        // The unit decides first: one outside the caller's scope is not found, whatever else the request says.
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == request.UnitId, ct);
        if (unit is null)
            return ProblemResponses.NotFound("单位");
        var validation = new Validation().Required("name", request.Name, "姓名", 50);
        if (string.IsNullOrWhiteSpace(request.IdNumber))
            validation.Add("idNumber", "身份证号码不能为空。");
        else if (ResidentIdNumber.Problem(request.IdNumber.Trim()) is { } problem)
            validation.Add("idNumber", $"{problem}。");
        validation.Check(request.Reason is not null && Reasons.Contains(request.Reason), "reason", "请选择录用或调任。");
        var joined = DateOnly.TryParseExact(request.JoinedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
        validation.Check(joined is { Year: >= 2000 and <= 2100 }, "joinedOn", "录用或调任日期须为 2000–2100 年间的日期。");
        if (!validation.IsValid)
            return validation.Problem();
        var id = ResidentIdNumber.Normalise(request.IdNumber!);
        if (await db.ScreenedPersons.AnyAsync(p => p.UnitId == unit.Id && p.IdNumber == id, ct))
            return ProblemResponses.Conflict("该单位已登记此身份证号码的人员。");
        var person = new ScreenedPerson
        {
            TenantId = scope.TenantId, UnitId = unit.Id, Name = request.Name!.Trim(), IdNumber = id, Reason = request.Reason!,
            JoinedOn = joined!.Value, RetainUntil = new DateOnly(joined.Value.Year + 1, 12, 31), EnteredByName = scope.ActorName,
            EnteredAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ScreenedPersons.Add(person);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/lists/persons/{person.Id}",
            new ScreenedPersonView(person.Id, unit.Id, unit.Name, person.Name, Mask(id), person.Reason, person.JoinedOn, person.RetainUntil));
    }

    public static string Mask(string id) => id.Length <= 8 ? new string('*', id.Length) : id[..4] + new string('*', id.Length - 8) + id[^4..];

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(BeijingTime.Local(clock.GetUtcNow()).DateTime);
}
