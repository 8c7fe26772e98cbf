-- V022: a 双公示 intake on PostgreSQL writes its records by COPY while the file is still being read, and its upload row only
-- once the counts are known (issue 15, B2). The records name the upload by an id taken from the sequence first, so the key
-- from a record to its upload may wait for the end of the intake: the intake defers it (SET CONSTRAINTS) and checks it before
-- it commits; every other write checks it at once, as before.
ALTER TABLE "DisclosureRecords" ALTER CONSTRAINT "FK_DisclosureRecords_DisclosureUploads_UploadId" DEFERRABLE INITIALLY IMMEDIATE;
