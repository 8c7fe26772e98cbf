-- V006: each unit's reports measured against their deadlines (on time, late, missing; system facts such as
-- seed 003's 迟报、漏报 are counted from them), late edits and late review verdicts marked rather than refused,
-- and the deeper spot check of a drawn unit with its item results.
CREATE TABLE "ReportRecords" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReportRecords" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "CampaignId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "Due" TEXT NOT NULL,
    "MadeAt" TEXT NULL,
    "Status" TEXT NOT NULL,
    "LateBySeconds" INTEGER NOT NULL,
    "RecordedAt" TEXT NOT NULL,
    CONSTRAINT "FK_ReportRecords_Campaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "Campaigns" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ReportRecords_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "SpotChecks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SpotChecks" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "CampaignId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "OpenedBy" TEXT NULL,
    "OpenedByName" TEXT NOT NULL,
    "OpenedAt" TEXT NOT NULL,
    "Summary" TEXT NULL,
    "CompletedBy" TEXT NULL,
    "CompletedAt" TEXT NULL,
    CONSTRAINT "FK_SpotChecks_Campaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "Campaigns" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SpotChecks_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "SpotCheckItems" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SpotCheckItems" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "SpotCheckId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "ItemId" TEXT NOT NULL,
    "FactsJson" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "RecordedBy" TEXT NULL,
    "RecordedByName" TEXT NOT NULL,
    "RecordedAt" TEXT NOT NULL,
    CONSTRAINT "FK_SpotCheckItems_SpotChecks_SpotCheckId" FOREIGN KEY ("SpotCheckId") REFERENCES "SpotChecks" ("Id") ON DELETE RESTRICT
);

ALTER TABLE "ItemReviews" ADD COLUMN "ReviewedAt" TEXT NULL;
ALTER TABLE "ItemReviews" ADD COLUMN "IsLate" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "SubmissionItems" ADD COLUMN "LateEditAt" TEXT NULL;

CREATE INDEX "IX_ReportRecords_CampaignId_UnitId" ON "ReportRecords" ("CampaignId", "UnitId");
CREATE INDEX "IX_ReportRecords_UnitId" ON "ReportRecords" ("UnitId");
CREATE UNIQUE INDEX "IX_SpotCheckItems_SpotCheckId_ItemId" ON "SpotCheckItems" ("SpotCheckId", "ItemId");
CREATE UNIQUE INDEX "IX_SpotChecks_CampaignId_UnitId" ON "SpotChecks" ("CampaignId", "UnitId");
CREATE INDEX "IX_SpotChecks_UnitId" ON "SpotChecks" ("UnitId");
