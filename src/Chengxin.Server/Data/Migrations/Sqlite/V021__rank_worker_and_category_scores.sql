-- V021: ranks refreshed off the read path and the dashboard's category sums stored (issue 19).
-- A row written since its campaign was last ranked keeps its last ranks, marked due; the ranks worker finds the due campaigns by
-- the partial index below (a handful of rows) and ranks each once, so a read no longer ranks thousands of units itself.
ALTER TABLE "UnitResults" ADD COLUMN "RankDue" INTEGER NOT NULL DEFAULT 0;
-- The row's points per first-level category (JSON array of exact decimals in the scheme's category order), summed when the row is
-- computed; null for rows computed before this version, whose item list is read instead.
ALTER TABLE "UnitResults" ADD COLUMN "CategoryScoresJson" TEXT NULL;

-- Which campaigns have a row due (the worker's question) and whether one campaign has (a read's): a seek into the few due rows.
-- Kept apart from the rank index, which then stays the campaign's covering range for the ranking table and its state check.
CREATE INDEX "IX_UnitResults_CampaignId_RankDue" ON "UnitResults" ("CampaignId") WHERE "RankDue";
