-- V019: a campaign's ranks are stored with its results (issue 19), so the ranking table is read in rank order from an index
-- instead of every row being ranked per request. A row's ranks are null from the moment it is written (one unit's new total can
-- move every other unit) until the campaign is ranked again; the next read that finds a null rank or a stale row ranks the
-- whole campaign once and stores the ranks.
ALTER TABLE "UnitResults" ADD COLUMN "Rank" integer NULL;
ALTER TABLE "UnitResults" ADD COLUMN "ClassRank" integer NULL;

-- The ranking table (WHERE CampaignId = @c ORDER BY Rank, UnitId) and the check that the campaign's ranks are current
-- (any null Rank or IsStale in the campaign) are both answered by this index alone.
CREATE INDEX "IX_UnitResults_CampaignId_Rank_UnitId_IsStale" ON "UnitResults" ("CampaignId", "Rank", "UnitId", "IsStale");
