-- V020: the review queue's counts are kept per submission (issue 19), so its tabs, filters and pages read one small row a unit
-- instead of every verdict of every campaign under review. A save that touches a submission's verdicts, facts versions, state,
-- appeals or membership marks its row stale (and moves its stamp on); the queue's next read works the row out again. Existing
-- submissions have no row yet: the first read of a campaign under review makes them.
CREATE TABLE "ReviewQueueCounts" (
    "SubmissionId" bigint NOT NULL,
    "TenantId" bigint NOT NULL,
    "CampaignId" bigint NOT NULL,
    "UnitId" bigint NOT NULL,
    "SchemeVersionId" bigint NOT NULL,
    "State" character varying(30) NOT NULL,
    "SubmittedAt" timestamp with time zone,
    "IsLate" boolean NOT NULL,
    "Pending" integer NOT NULL,
    "Resubmitted" integer NOT NULL,
    "Appealed" integer NOT NULL,
    "Confirmed" integer NOT NULL,
    "Corrected" integer NOT NULL,
    "Scored" integer NOT NULL,
    "Total" integer NOT NULL,
    "IsStale" boolean NOT NULL,
    "Stamp" bigint NOT NULL,
    CONSTRAINT "PK_ReviewQueueCounts" PRIMARY KEY ("SubmissionId"),
    CONSTRAINT "FK_ReviewQueueCounts_Submissions_SubmissionId" FOREIGN KEY ("SubmissionId") REFERENCES "Submissions" ("Id") ON DELETE CASCADE
);

-- A campaign's rows in unit order: the queue's read of one campaign.
CREATE INDEX "IX_ReviewQueueCounts_CampaignId_UnitId" ON "ReviewQueueCounts" ("CampaignId", "UnitId");

-- The rows of a campaign a read must work out again, found without reading the others.
CREATE INDEX "IX_ReviewQueueCounts_CampaignId_IsStale" ON "ReviewQueueCounts" ("CampaignId", "IsStale");
