-- V005: what a unit submits besides facts, and what a data provider submits. The liaison table
-- (联络员联系表, seed 001 附件3) and the commitment letter (信用承诺书, 附件2) per campaign and unit (a
-- provider department signs its own letter under its own unit), the providers' grid submissions, and
-- evidence that is not a file: links, screenshots and ledger rows (Kind, Url, LedgerJson; existing rows are files),
-- and the baseline a campaign starts from (its units confirm the carried-forward drafts before submitting).
CREATE TABLE "CommitmentLetters" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CommitmentLetters" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "CampaignId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "SignerKind" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "AcceptedAt" TEXT NULL,
    "AcceptedBy" TEXT NULL,
    "AcceptedByName" TEXT NULL,
    "ScanFileName" TEXT NULL,
    "ScanContentType" TEXT NULL,
    "ScanSize" INTEGER NULL,
    "ScanSha256" TEXT NULL,
    "ScanUploadedAt" TEXT NULL,
    "ScanUploadedByName" TEXT NULL,
    CONSTRAINT "FK_CommitmentLetters_Campaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "Campaigns" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_CommitmentLetters_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "LiaisonContacts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_LiaisonContacts" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "CampaignId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "ContactName" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Landline" TEXT NULL,
    "Mobile" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "SubmittedAt" TEXT NOT NULL,
    "IsLate" INTEGER NOT NULL,
    "LateBySeconds" INTEGER NOT NULL,
    "EnteredBy" TEXT NULL,
    "EnteredByName" TEXT NOT NULL,
    CONSTRAINT "FK_LiaisonContacts_Campaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "Campaigns" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_LiaisonContacts_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ProviderSubmissions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ProviderSubmissions" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "CampaignId" INTEGER NOT NULL,
    "ProviderUnitId" INTEGER NOT NULL,
    "ProviderName" TEXT NOT NULL,
    "SubmittedAt" TEXT NOT NULL,
    "SubmittedBy" TEXT NULL,
    "SubmittedByName" TEXT NOT NULL,
    "IsLate" INTEGER NOT NULL,
    "LateBySeconds" INTEGER NOT NULL,
    "Round" INTEGER NOT NULL,
    CONSTRAINT "FK_ProviderSubmissions_Campaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "Campaigns" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ProviderSubmissions_Units_ProviderUnitId" FOREIGN KEY ("ProviderUnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

ALTER TABLE "Evidence" ADD COLUMN "Kind" TEXT NOT NULL DEFAULT 'file';

ALTER TABLE "Evidence" ADD COLUMN "Url" TEXT NULL;

ALTER TABLE "Evidence" ADD COLUMN "LedgerJson" TEXT NULL;

CREATE UNIQUE INDEX "IX_CommitmentLetters_CampaignId_UnitId" ON "CommitmentLetters" ("CampaignId", "UnitId");

CREATE INDEX "IX_CommitmentLetters_UnitId" ON "CommitmentLetters" ("UnitId");

CREATE UNIQUE INDEX "IX_LiaisonContacts_CampaignId_UnitId" ON "LiaisonContacts" ("CampaignId", "UnitId");

CREATE INDEX "IX_LiaisonContacts_UnitId" ON "LiaisonContacts" ("UnitId");

CREATE UNIQUE INDEX "IX_ProviderSubmissions_CampaignId_ProviderUnitId" ON "ProviderSubmissions" ("CampaignId", "ProviderUnitId");

CREATE INDEX "IX_ProviderSubmissions_ProviderUnitId" ON "ProviderSubmissions" ("ProviderUnitId");

ALTER TABLE "Campaigns" ADD COLUMN "BaselineCampaignId" INTEGER NULL;

ALTER TABLE "Submissions" ADD COLUMN "BaselineCampaignId" INTEGER NULL;

ALTER TABLE "Submissions" ADD COLUMN "BaselineConfirmedAt" TEXT NULL;

ALTER TABLE "Submissions" ADD COLUMN "BaselineConfirmedBy" TEXT NULL;
