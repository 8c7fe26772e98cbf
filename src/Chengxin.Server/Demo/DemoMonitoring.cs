using Chengxin.Domain.Identifiers;
using Chengxin.Domain.Monitoring;
using Chengxin.Server.Data;

namespace Chengxin.Server.Demo;

/// <summary>
/// The monitoring of the demo tenant, so that a newcomer finds the pages filled and the facts in the open campaign's scores:
/// a quarter's 双公示 upload of 青石县市场监督管理局 with two late records and two refused rows, a 失信被执行人 snapshot on which
/// 东城街道 is confirmed (its item 3.1 scores 0) and 柳溪乡 waits as a candidate, a hire confirmed by id number, the counties'
/// population, and a few complaints and opinion in each state. Every name and number is invented.
/// </summary>
public static class DemoMonitoring
{
    public static async Task SeedAsync(ChengxinDbContext db, long tenantId, IReadOnlyDictionary<string, Unit> units, AppUser admin, DateTime now,
        CancellationToken ct)
    {
        var market = units["YC-QS-D-SW"];
        var upload = new DisclosureUpload
        {
            TenantId = tenantId, UploaderUnitId = market.Id, UploadedBy = admin.Id, UploadedByName = admin.DisplayName, UploadedAt = now.AddDays(-20),
            FileName = "青石县市场监管局2026年一季度双公示.csv", Format = "csv", Encoding = "UTF-8", Rows = 6, Stored = 4, Refused = 2,
        };
        db.DisclosureUploads.Add(upload);
        await db.SaveChangesAsync(ct);
        // (number, subject, decided, reported): the second is reported after the Spring Festival, the fourth three weeks on.
        (string Number, string Subject, string Decided, string Reported)[] records =
        [
            ("青市监罚〔2026〕1号", "青石县某某商贸有限公司", "2026-01-05", "2026-01-07"),
            ("青市监罚〔2026〕7号", "青石县某某餐饮店", "2026-02-02", "2026-02-27"),
            ("青市监许〔2026〕12号", "青石县某某药房", "2026-03-02", "2026-03-04"),
            ("青市监罚〔2026〕15号", "青石县某某建材经营部", "2026-03-10", "2026-03-31"),
        ];
        foreach (var (number, subject, decided, reported) in records)
            db.DisclosureRecords.Add(new DisclosureRecordRow
            {
                TenantId = tenantId, UploadId = upload.Id, DepartmentUnitId = market.Id, Kind = number.Contains('许') ? "license" : "penalty",
                DecisionNumber = number, SubjectName = subject, SubjectCode = CreditCode("91431100MA4L0000"), Agency = "青石县市场监督管理局",
                DecisionDate = DateOnly.Parse(decided, System.Globalization.CultureInfo.InvariantCulture),
                ReportedOn = DateOnly.Parse(reported, System.Globalization.CultureInfo.InvariantCulture),
            });
        db.DisclosureRejections.AddRange(
            new DisclosureRejection
            {
                TenantId = tenantId, UploadId = upload.Id, UploaderUnitId = market.Id, DepartmentUnitId = market.Id, Row = 4, Column = "统一社会信用代码",
                Reason = "统一社会信用代码校验位不符", DecisionNumber = "青市监罚〔2026〕9号", CountsOn = new DateOnly(2026, 2, 11), CountsAsWrong = true,
            },
            new DisclosureRejection
            {
                TenantId = tenantId, UploadId = upload.Id, UploaderUnitId = market.Id, DepartmentUnitId = market.Id, Row = 6, Column = "决定日期",
                Reason = "不能为空", DecisionNumber = "青市监罚〔2026〕18号", CountsOn = new DateOnly(2026, 3, 20), CountsAsWrong = true,
            });

        foreach (var (code, population) in new[] { ("YC-QS", 286_000L), ("YC-BH", 192_000L), ("YC-LJ", 341_000L) })
            db.UnitPopulations.Add(new UnitPopulation { UnitId = units[code].Id, TenantId = tenantId, Population = population, UpdatedByName = admin.DisplayName, UpdatedAt = now });

        var hired = IdNumber("43110219900315201");
        var person = new ScreenedPerson
        {
            TenantId = tenantId, UnitId = units["YC-QS-D-FG"].Id, Name = "钱某某", IdNumber = hired, Reason = "录用", JoinedOn = new DateOnly(2026, 1, 12),
            RetainUntil = new DateOnly(2027, 12, 31), EnteredByName = admin.DisplayName, EnteredAt = now.AddDays(-30),
        };
        db.ScreenedPersons.Add(person);
        var snapshot = new ListSnapshot
        {
            TenantId = tenantId, ListKind = "dishonest-debtor", Source = "中国执行信息公开网", SnapshotDate = new DateOnly(2026, 2, 20), FileName = "失信被执行人2026-02-20.csv",
            Sha256 = new string('0', 64), EntryCount = 3, ImportedBy = admin.Id, ImportedByName = admin.DisplayName, ImportedAt = now.AddDays(-15), ScreenedAt = now.AddDays(-15),
        };
        db.ListSnapshots.Add(snapshot);
        await db.SaveChangesAsync(ct);
        var entries = new[] { ("东城街道", (string?)null), ("柳溪乡", null), ("钱某某", hired) }
            .Select((e, i) => new ListEntryRecord { TenantId = tenantId, SnapshotId = snapshot.Id, RowNo = i + 2, Name = e.Item1, Code = e.Item2 }).ToList();
        db.ListEntries.AddRange(entries);
        await db.SaveChangesAsync(ct);
        var found = now.AddDays(-15);
        db.ScreeningHits.AddRange(
            new ScreeningHitRecord
            {
                TenantId = tenantId, SnapshotId = snapshot.Id, EntryId = entries[0].Id, UnitId = units["YC-QS-DC"].Id, SubjectName = "东城街道",
                Match = MatchKind.NameOnly, State = HitState.Confirmed, Version = 1, DecidedBy = admin.Id, DecidedByName = admin.DisplayName,
                DecidedAt = now.AddDays(-14), Reason = "与执行信息公开网核对，被执行人为东城街道办事处", FoundAt = found,
            },
            new ScreeningHitRecord
            {
                TenantId = tenantId, SnapshotId = snapshot.Id, EntryId = entries[1].Id, UnitId = units["YC-QS-LX"].Id, SubjectName = "柳溪乡",
                Match = MatchKind.NameOnly, State = HitState.Candidate, FoundAt = found,
            },
            new ScreeningHitRecord
            {
                TenantId = tenantId, SnapshotId = snapshot.Id, EntryId = entries[2].Id, UnitId = person.UnitId, PersonId = person.Id, SubjectName = "钱某某",
                Match = MatchKind.Identifier, State = HitState.Confirmed, Reason = "证件号码一致，系统确认", FoundAt = found,
            });

        (EventKind Kind, string Source, string On, string Content, string Category, EventState State, string? Reason, string Unit)[] events =
        [
            (EventKind.Complaint, "12345热线", "2026-02-12", "石门镇未按约定兑现招商引资奖补资金", MonitoringEvents.BrokenPromise, EventState.Confirmed, "经核实属实，已责令限期兑现", "YC-QS-SM"),
            (EventKind.Complaint, "政府网站留言", "2026-03-03", "柳溪乡未公开本年度惠民补贴发放名单", MonitoringEvents.OpenGovernment, EventState.Pending, null, "YC-QS-LX"),
            (EventKind.Opinion, "网络舆情监测", "2026-03-18", "东城街道拖欠工程款引发网络讨论", MonitoringEvents.BrokenPromise, EventState.Rejected, "款项已按合同约定支付，反映不实", "YC-QS-DC"),
        ];
        foreach (var e in events)
            db.MonitoringEvents.Add(new MonitoringEventRecord
            {
                TenantId = tenantId, Kind = e.Kind, Source = e.Source, OccurredOn = DateOnly.Parse(e.On, System.Globalization.CultureInfo.InvariantCulture),
                Content = e.Content, Category = e.Category, State = e.State, Version = e.State == EventState.Pending ? 0 : 1,
                RecordedByName = admin.DisplayName, RecordedAt = now.AddDays(-10),
                VerifiedBy = e.State == EventState.Pending ? null : admin.Id, VerifiedByName = e.State == EventState.Pending ? null : admin.DisplayName,
                VerifiedAt = e.State == EventState.Pending ? null : now.AddDays(-8), VerifyReason = e.Reason,
                Units = [new MonitoringEventUnit { UnitId = units[e.Unit].Id }],
            });
        await db.SaveChangesAsync(ct);
    }

    private static string CreditCode(string body16) =>
        "0123456789ABCDEFGHJKLMNPQRTUWXY".SelectMany(a => "0123456789ABCDEFGHJKLMNPQRTUWXY".Select(c => body16 + a + c)).First(UnifiedSocialCreditCode.IsValid);

    private static string IdNumber(string body17) => "0123456789X".Select(c => body17 + c).First(ResidentIdNumber.IsValid);
}
