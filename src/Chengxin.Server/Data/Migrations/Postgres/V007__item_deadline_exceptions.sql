-- V007: per-item deadline exceptions granted by the office (issue 5): a later deadline for one item of one unit,
-- with its reason and who granted it when. Kept on the item's row, beside the late-edit mark it governs.
ALTER TABLE "SubmissionItems" ADD COLUMN "ExceptionDue" timestamp with time zone;
ALTER TABLE "SubmissionItems" ADD COLUMN "ExceptionReason" character varying(500);
ALTER TABLE "SubmissionItems" ADD COLUMN "ExceptionGrantedBy" uuid;
ALTER TABLE "SubmissionItems" ADD COLUMN "ExceptionGrantedByName" character varying(256);
ALTER TABLE "SubmissionItems" ADD COLUMN "ExceptionGrantedAt" timestamp with time zone;
