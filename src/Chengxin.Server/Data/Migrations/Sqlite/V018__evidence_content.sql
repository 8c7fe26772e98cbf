-- V018: evidence bytes in the database, by SHA-256, for several instances on one PostgreSQL (Chengxin:Evidence:Store=database;
-- on SQLite it keeps the evidence inside the one database file). Written and read by Features/Submissions/EvidenceContent.cs
-- over its own connection; not an EF entity, so that the bytes never pass through a change tracker. Not a tenant row: the
-- content is addressed by its hash, like the content folder, and the Evidence rows that name a hash decide who may read it.
CREATE TABLE "EvidenceContent" (
    "Sha256" TEXT NOT NULL CONSTRAINT "PK_EvidenceContent" PRIMARY KEY,
    "Size" INTEGER NOT NULL,
    "Content" BLOB NOT NULL,
    "StoredAt" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
