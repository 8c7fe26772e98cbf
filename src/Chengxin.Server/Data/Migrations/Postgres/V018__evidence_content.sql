-- V018: evidence bytes in the database, by SHA-256, for several instances on one PostgreSQL (Chengxin:Evidence:Store=database).
-- Written and read by Features/Submissions/EvidenceContent.cs over its own connection; not an EF entity, so that the bytes never
-- pass through a change tracker. Not a tenant row: the content is addressed by its hash, like the content folder, and the
-- Evidence rows that name a hash carry the tenant and decide who may read it.
CREATE TABLE "EvidenceContent" (
    "Sha256" character varying(64) NOT NULL,
    "Size" bigint NOT NULL,
    "Content" bytea NOT NULL,
    "StoredAt" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "PK_EvidenceContent" PRIMARY KEY ("Sha256")
);
