-- V008: the unit scope is a subtree of paths, not a list of ids (issue 13, ADR 0005). Each unit carries the ids from its
-- root down to itself ('/1/5/23/'); a subtree is a prefix, so the scope filter is one LIKE over an index whatever the
-- province's size. NOCASE because SQLite's LIKE ignores case and uses an index only on a NOCASE column; paths are digits
-- and slashes, so no match changes. The server keeps paths right from here on (UnitPaths); this fills the existing rows.
ALTER TABLE "Units" ADD COLUMN "Path" TEXT COLLATE NOCASE NOT NULL DEFAULT '';

WITH RECURSIVE "Tree"("Id", "Path") AS (
    SELECT "Id", '/' || "Id" || '/' FROM "Units" WHERE "ParentId" IS NULL
    UNION ALL
    SELECT u."Id", t."Path" || u."Id" || '/' FROM "Units" AS u JOIN "Tree" AS t ON u."ParentId" = t."Id"
)
UPDATE "Units" SET "Path" = (SELECT t."Path" FROM "Tree" AS t WHERE t."Id" = "Units"."Id");

CREATE INDEX "IX_Units_Path" ON "Units" ("Path");
