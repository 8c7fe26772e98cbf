-- V024: stored results refreshed off the write (issue 19, ADR 0011).
-- A write of facts only marks its units' rows stale; the result-refresh work recomputes them a few seconds later. Every mark also
-- counts up the row's stale mark, so a recompute that read the facts before a later write stores its row only where the mark is
-- still the one it saw: a row marked again meanwhile stays stale for the next run instead of being cleared with an old result.
ALTER TABLE "UnitResults" ADD COLUMN "StaleMark" bigint NOT NULL DEFAULT 0;

-- Which campaigns have stale rows (the work's question) and which units of one campaign (its batch): a seek into the few stale rows.
-- IsStale is a column as well as the filter so that the index covers both questions: without it SQLite scans the rank index,
-- which covers them too, whole.
CREATE INDEX "IX_UnitResults_CampaignId_UnitId_Stale" ON "UnitResults" ("CampaignId", "UnitId", "IsStale") WHERE "IsStale";
