-- V023: a unit's report version (issue 19, B5). Every save that writes a row the unit's own report shows moves it on, in the
-- save's transaction; the report's read joins it by the unit's key, and an unchanged report is answered 304 without being built.
-- A unit without a row has version 0: existing units need none until their report first changes.
CREATE TABLE "ReportStamps" (
    "UnitId" INTEGER NOT NULL CONSTRAINT "PK_ReportStamps" PRIMARY KEY,
    "TenantId" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_ReportStamps_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE CASCADE
);
