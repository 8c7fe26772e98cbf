-- V016: indexes named by the queries that need them at a province's size (issue 19; the exact SQL and the index each plan
-- names are pinned by tests/Chengxin.Server.Tests/Scale/HotQueryTests).
-- The scope predicate is the tenant's equality and a path prefix (TenantId = @t AND Path LIKE '/1/5/%'): (TenantId, Path)
-- answers both as one range. With the path index alone, a planner without statistics took the tenant's equality on the
-- (TenantId, ParentId) index and read every unit of the province for a county's admin.
CREATE INDEX "IX_Units_TenantId_Path" ON "Units" ("TenantId", "Path");

-- A page of a unit's children in id order after the last id seen (GET /api/units?parentId=&afterId=&limit=): with Id in the
-- index the page is read in order and stops at its limit, where (TenantId, ParentId) left PostgreSQL to sort every child.
-- It starts with the old index's columns, so it replaces it.
CREATE INDEX "IX_Units_TenantId_ParentId_Id" ON "Units" ("TenantId", "ParentId", "Id");
DROP INDEX "IX_Units_TenantId_ParentId";
