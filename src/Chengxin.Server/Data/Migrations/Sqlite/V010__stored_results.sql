-- V010: results are stored, not recomputed per read (issue 13, ADR 0007). One row per campaign and unit, written when a
-- save changes the unit's facts (in the save's transaction) and read by results, the dashboard, exports and period inputs.
-- Points are exact decimal text (a result is unrounded where the scheme sets no rounding); ranks are sorted on read.
CREATE TABLE "UnitResults" (
    "CampaignId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "TenantId" INTEGER NOT NULL,
    "SchemeVersionId" INTEGER NOT NULL,
    "SchemeClass" TEXT NOT NULL,
    "Base" TEXT NOT NULL,
    "Bonus" TEXT NOT NULL,
    "Total" TEXT NOT NULL,
    "Grade" TEXT NULL,
    "VetoesJson" TEXT NOT NULL,
    "SelfTotal" TEXT NOT NULL,
    "ReviewedOnlyTotal" TEXT NULL,
    "IsLate" INTEGER NOT NULL,
    "Explanation" TEXT NOT NULL,
    "ItemsJson" TEXT NOT NULL,
    "TieBreakJson" TEXT NOT NULL,
    "Composite" TEXT NULL,
    "CompositeNote" TEXT NULL,
    "PeriodSourcesJson" TEXT NOT NULL,
    "IsStale" INTEGER NOT NULL,
    "ComputedAt" TEXT NOT NULL,
    CONSTRAINT "PK_UnitResults" PRIMARY KEY ("CampaignId", "UnitId"),
    CONSTRAINT "FK_UnitResults_Campaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "Campaigns" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_UnitResults_SchemeVersions_SchemeVersionId" FOREIGN KEY ("SchemeVersionId") REFERENCES "SchemeVersions" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_UnitResults_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_UnitResults_SchemeVersionId" ON "UnitResults" ("SchemeVersionId");
CREATE INDEX "IX_UnitResults_UnitId" ON "UnitResults" ("UnitId");
