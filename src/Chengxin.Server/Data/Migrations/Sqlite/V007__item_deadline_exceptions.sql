-- V007: per-item deadline exceptions granted by the office (issue 5): a later deadline for one item of one unit,
-- with its reason and who granted it when. Kept on the item's row, beside the late-edit mark it governs.
ALTER TABLE "SubmissionItems" ADD COLUMN "ExceptionDue" TEXT NULL;
ALTER TABLE "SubmissionItems" ADD COLUMN "ExceptionReason" TEXT NULL;
ALTER TABLE "SubmissionItems" ADD COLUMN "ExceptionGrantedBy" TEXT NULL;
ALTER TABLE "SubmissionItems" ADD COLUMN "ExceptionGrantedByName" TEXT NULL;
ALTER TABLE "SubmissionItems" ADD COLUMN "ExceptionGrantedAt" TEXT NULL;
