-- V017: each unit's population as the office keeps it, read by the negative-opinion index of seed 001 item 23
-- (dishonest civil servants per 100,000 people).
CREATE TABLE "UnitPopulations" (
    "UnitId" INTEGER NOT NULL CONSTRAINT "PK_UnitPopulations" PRIMARY KEY,
    "TenantId" INTEGER NOT NULL,
    "Population" INTEGER NOT NULL,
    "UpdatedByName" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_UnitPopulations_CreditOffices_TenantId" FOREIGN KEY ("TenantId") REFERENCES "CreditOffices" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_UnitPopulations_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_UnitPopulations_TenantId" ON "UnitPopulations" ("TenantId");
