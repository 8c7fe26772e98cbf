-- V012: dishonesty-list snapshots (失信被执行人, 联合惩戒对象) with their entries, the civil servants hired or transferred that
-- are screened against them, the hits (candidates until a person confirms or dismisses them), and the register of
-- complaints and negative public opinion with the units each event concerns.
CREATE TABLE "ListSnapshots" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ListSnapshots" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "ListKind" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "SnapshotDate" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "Sha256" TEXT NOT NULL,
    "EntryCount" INTEGER NOT NULL,
    "ImportedBy" TEXT NULL,
    "ImportedByName" TEXT NOT NULL,
    "ImportedAt" TEXT NOT NULL,
    "ScreenedAt" TEXT NULL,
    CONSTRAINT "FK_ListSnapshots_CreditOffices_TenantId" FOREIGN KEY ("TenantId") REFERENCES "CreditOffices" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ListEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ListEntries" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "SnapshotId" INTEGER NOT NULL,
    "RowNo" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Code" TEXT NULL,
    CONSTRAINT "FK_ListEntries_ListSnapshots_SnapshotId" FOREIGN KEY ("SnapshotId") REFERENCES "ListSnapshots" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ScreenedPersons" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ScreenedPersons" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "IdNumber" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "JoinedOn" TEXT NOT NULL,
    "RetainUntil" TEXT NOT NULL,
    "EnteredByName" TEXT NOT NULL,
    "EnteredAt" TEXT NOT NULL,
    CONSTRAINT "FK_ScreenedPersons_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ScreeningHits" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ScreeningHits" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "SnapshotId" INTEGER NOT NULL,
    "EntryId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "PersonId" INTEGER NULL,
    "SubjectName" TEXT NOT NULL,
    "Match" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "DecidedBy" TEXT NULL,
    "DecidedByName" TEXT NULL,
    "DecidedAt" TEXT NULL,
    "Reason" TEXT NULL,
    "FoundAt" TEXT NOT NULL,
    CONSTRAINT "FK_ScreeningHits_ListEntries_EntryId" FOREIGN KEY ("EntryId") REFERENCES "ListEntries" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ScreeningHits_ListSnapshots_SnapshotId" FOREIGN KEY ("SnapshotId") REFERENCES "ListSnapshots" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ScreeningHits_ScreenedPersons_PersonId" FOREIGN KEY ("PersonId") REFERENCES "ScreenedPersons" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ScreeningHits_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "MonitoringEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MonitoringEvents" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "OccurredOn" TEXT NOT NULL,
    "Content" TEXT NOT NULL,
    "Category" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "RecordedByName" TEXT NOT NULL,
    "RecordedAt" TEXT NOT NULL,
    "VerifiedBy" TEXT NULL,
    "VerifiedByName" TEXT NULL,
    "VerifiedAt" TEXT NULL,
    "VerifyReason" TEXT NULL,
    CONSTRAINT "FK_MonitoringEvents_CreditOffices_TenantId" FOREIGN KEY ("TenantId") REFERENCES "CreditOffices" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "MonitoringEventUnits" (
    "EventId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    CONSTRAINT "PK_MonitoringEventUnits" PRIMARY KEY ("EventId", "UnitId"),
    CONSTRAINT "FK_MonitoringEventUnits_MonitoringEvents_EventId" FOREIGN KEY ("EventId") REFERENCES "MonitoringEvents" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_MonitoringEventUnits_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_ListEntries_SnapshotId" ON "ListEntries" ("SnapshotId");
CREATE INDEX "IX_ListSnapshots_TenantId_ListKind_SnapshotDate" ON "ListSnapshots" ("TenantId", "ListKind", "SnapshotDate");
CREATE INDEX "IX_MonitoringEvents_TenantId_OccurredOn" ON "MonitoringEvents" ("TenantId", "OccurredOn");
CREATE INDEX "IX_MonitoringEventUnits_UnitId" ON "MonitoringEventUnits" ("UnitId");
CREATE UNIQUE INDEX "IX_ScreenedPersons_UnitId_IdNumber" ON "ScreenedPersons" ("UnitId", "IdNumber");
CREATE INDEX "IX_ScreeningHits_EntryId" ON "ScreeningHits" ("EntryId");
CREATE INDEX "IX_ScreeningHits_PersonId" ON "ScreeningHits" ("PersonId");
CREATE INDEX "IX_ScreeningHits_SnapshotId_UnitId" ON "ScreeningHits" ("SnapshotId", "UnitId");
CREATE INDEX "IX_ScreeningHits_TenantId_State" ON "ScreeningHits" ("TenantId", "State");
CREATE INDEX "IX_ScreeningHits_UnitId" ON "ScreeningHits" ("UnitId");
