-- V009: campaigns are edited after opening (units, reviewers, schedule) and voided with a reason (issue 11).
-- Revision counts the edits and makes each a conditional update; the void's reason, time and actor stay on the row.
ALTER TABLE "Campaigns" ADD COLUMN "Revision" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Campaigns" ADD COLUMN "VoidReason" TEXT NULL;
ALTER TABLE "Campaigns" ADD COLUMN "VoidedAt" TEXT NULL;
ALTER TABLE "Campaigns" ADD COLUMN "VoidedBy" TEXT NULL;
