-- V020: the review queue's counts are kept per submission (issue 19), so its tabs, filters and pages read one small row a unit
-- instead of every verdict of every campaign under review. A save that touches a submission's verdicts, facts versions, state,
-- appeals or membership marks its row stale (and moves its stamp on); the queue's next read works the row out again. Existing
-- submissions have no row yet: the first read of a campaign under review makes them.
CREATE TABLE "ReviewQueueCounts" (
    "SubmissionId" INTEGER NOT NULL CONSTRAINT "PK_ReviewQueueCounts" PRIMARY KEY,
    "TenantId" INTEGER NOT NULL,
    "CampaignId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "SchemeVersionId" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "SubmittedAt" TEXT NULL,
    "IsLate" INTEGER NOT NULL,
    "Pending" INTEGER NOT NULL,
    "Resubmitted" INTEGER NOT NULL,
    "Appealed" INTEGER NOT NULL,
    "Confirmed" INTEGER NOT NULL,
    "Corrected" INTEGER NOT NULL,
    "Scored" INTEGER NOT NULL,
    "Total" INTEGER NOT NULL,
    "IsStale" INTEGER NOT NULL,
    "Stamp" INTEGER NOT NULL,
    CONSTRAINT "FK_ReviewQueueCounts_Submissions_SubmissionId" FOREIGN KEY ("SubmissionId") REFERENCES "Submissions" ("Id") ON DELETE CASCADE
);

-- A campaign's rows in unit order: the queue's read of one campaign.
CREATE INDEX "IX_ReviewQueueCounts_CampaignId_UnitId" ON "ReviewQueueCounts" ("CampaignId", "UnitId");

-- The rows of a campaign a read must work out again, found without reading the others.
CREATE INDEX "IX_ReviewQueueCounts_CampaignId_IsStale" ON "ReviewQueueCounts" ("CampaignId", "IsStale");
