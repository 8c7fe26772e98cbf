-- V010: results are stored, not recomputed per read (issue 13, ADR 0007). One row per campaign and unit, written when a
-- save changes the unit's facts (in the save's transaction) and read by results, the dashboard, exports and period inputs.
-- Points are exact decimal text (a result is unrounded where the scheme sets no rounding); ranks are sorted on read.
CREATE TABLE "UnitResults" (
    "CampaignId" bigint NOT NULL,
    "UnitId" bigint NOT NULL,
    "TenantId" bigint NOT NULL,
    "SchemeVersionId" bigint NOT NULL,
    "SchemeClass" character varying(50) NOT NULL,
    "Base" character varying(40) NOT NULL,
    "Bonus" character varying(40) NOT NULL,
    "Total" character varying(40) NOT NULL,
    "Grade" character varying(100),
    "VetoesJson" text NOT NULL,
    "SelfTotal" character varying(40) NOT NULL,
    "ReviewedOnlyTotal" character varying(40),
    "IsLate" boolean NOT NULL,
    "Explanation" text NOT NULL,
    "ItemsJson" text NOT NULL,
    "TieBreakJson" text NOT NULL,
    "Composite" character varying(40),
    "CompositeNote" character varying(2000),
    "PeriodSourcesJson" text NOT NULL,
    "IsStale" boolean NOT NULL,
    "ComputedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_UnitResults" PRIMARY KEY ("CampaignId", "UnitId"),
    CONSTRAINT "FK_UnitResults_Campaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "Campaigns" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_UnitResults_SchemeVersions_SchemeVersionId" FOREIGN KEY ("SchemeVersionId") REFERENCES "SchemeVersions" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_UnitResults_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_UnitResults_SchemeVersionId" ON "UnitResults" ("SchemeVersionId");
CREATE INDEX "IX_UnitResults_UnitId" ON "UnitResults" ("UnitId");
