-- V008: the unit scope is a subtree of paths, not a list of ids (issue 13, ADR 0005). Each unit carries the ids from its
-- root down to itself ('/1/5/23/'); a subtree is a prefix, so the scope filter is one LIKE over an index whatever the
-- province's size. COLLATE "C" because a b-tree serves a prefix LIKE only in byte order. The server keeps paths right from
-- here on (UnitPaths); this fills the existing rows.
ALTER TABLE "Units" ADD COLUMN "Path" character varying(500) COLLATE "C" NOT NULL DEFAULT '';

WITH RECURSIVE tree ("Id", "Path") AS (
    SELECT "Id", '/' || "Id"::text || '/' FROM "Units" WHERE "ParentId" IS NULL
    UNION ALL
    SELECT u."Id", t."Path" || u."Id"::text || '/' FROM "Units" AS u JOIN tree AS t ON u."ParentId" = t."Id"
)
UPDATE "Units" AS u SET "Path" = t."Path" FROM tree AS t WHERE t."Id" = u."Id";

ALTER TABLE "Units" ALTER COLUMN "Path" DROP DEFAULT;

CREATE INDEX "IX_Units_Path" ON "Units" ("Path");
