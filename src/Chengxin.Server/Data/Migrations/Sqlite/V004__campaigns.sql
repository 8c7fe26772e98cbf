-- V004: campaigns carry their frozen scheme version, period, schedule, state and settings, and each
-- campaign unit the scheme class it is evaluated as. Until now campaigns existed only for access
-- scoping (no endpoint created them; the demo seeder made one, which a new demo seed recreates),
-- so the three campaign tables are rebuilt rather than altered column by column.
-- Submissions: one per unit and campaign, its items (explanation, facts version), its facts with
-- their provenance (who, when, in which role, which item version), its evidence files' metadata
-- (the bytes live in the data folder under their SHA-256), the reviewers' item verdicts, the
-- published result snapshots with their SHA-256, and the units' appeals.
DROP TABLE "CampaignReviewers";
DROP TABLE "CampaignUnits";
DROP TABLE "Campaigns";

CREATE TABLE "SchemeVersions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SchemeVersions" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "SchemeId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Sha256" TEXT NOT NULL,
    "Yaml" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_SchemeVersions_CreditOffices_TenantId" FOREIGN KEY ("TenantId") REFERENCES "CreditOffices" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Campaigns" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Campaigns" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "SchemeVersionId" INTEGER NOT NULL,
    "PeriodKey" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "LiaisonDue" TEXT NULL,
    "EvidenceDue" TEXT NOT NULL,
    "SelfAssessmentDue" TEXT NULL,
    "ReviewDue" TEXT NULL,
    "AppealWindowSeconds" INTEGER NOT NULL,
    "SpotCheckShare" INTEGER NOT NULL,
    "SelfAssessmentRequired" INTEGER NOT NULL,
    "SpotCheckSeed" TEXT NULL,
    "SpotCheckUnitIds" TEXT NULL,
    "SpotCheckDrawnAt" TEXT NULL,
    "CreatedBy" TEXT NULL,
    "PublicationRequestedBy" TEXT NULL,
    "PublicationApprovedBy" TEXT NULL,
    "PublishedAt" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Campaigns_CreditOffices_TenantId" FOREIGN KEY ("TenantId") REFERENCES "CreditOffices" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Campaigns_SchemeVersions_SchemeVersionId" FOREIGN KEY ("SchemeVersionId") REFERENCES "SchemeVersions" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "CampaignUnits" (
    "CampaignId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "SchemeClass" TEXT NOT NULL,
    CONSTRAINT "PK_CampaignUnits" PRIMARY KEY ("CampaignId", "UnitId"),
    CONSTRAINT "FK_CampaignUnits_Campaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "Campaigns" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_CampaignUnits_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "CampaignReviewers" (
    "CampaignId" INTEGER NOT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_CampaignReviewers" PRIMARY KEY ("CampaignId", "UserId"),
    CONSTRAINT "FK_CampaignReviewers_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_CampaignReviewers_Campaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "Campaigns" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Submissions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Submissions" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "CampaignId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "Due" TEXT NOT NULL,
    "DueExceptionReason" TEXT NULL,
    "SubmittedAt" TEXT NULL,
    "IsLate" INTEGER NOT NULL,
    "LateBySeconds" INTEGER NOT NULL,
    "ReturnReason" TEXT NULL,
    "ReturnDue" TEXT NULL,
    "Round" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Submissions_Campaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "Campaigns" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Submissions_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "SubmissionItems" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SubmissionItems" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "SubmissionId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "ItemId" TEXT NOT NULL,
    "Explanation" TEXT NULL,
    "FactsVersion" INTEGER NOT NULL,
    CONSTRAINT "FK_SubmissionItems_Submissions_SubmissionId" FOREIGN KEY ("SubmissionId") REFERENCES "Submissions" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "SubmissionFacts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SubmissionFacts" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "SubmissionId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "ItemId" TEXT NOT NULL,
    "FactKey" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "ValueJson" TEXT NOT NULL,
    "EnteredBy" TEXT NULL,
    "EnteredByName" TEXT NOT NULL,
    "EnteredRole" TEXT NOT NULL,
    "EnteredAt" TEXT NOT NULL,
    "ItemVersion" INTEGER NOT NULL,
    CONSTRAINT "FK_SubmissionFacts_Submissions_SubmissionId" FOREIGN KEY ("SubmissionId") REFERENCES "Submissions" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Evidence" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Evidence" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "SubmissionId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "ItemId" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "UploadedBy" TEXT NULL,
    "UploadedByName" TEXT NOT NULL,
    "UploadedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Evidence_Submissions_SubmissionId" FOREIGN KEY ("SubmissionId") REFERENCES "Submissions" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ItemReviews" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ItemReviews" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "SubmissionId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "ItemId" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "ReviewerId" TEXT NULL,
    "ReviewerName" TEXT NULL,
    "Reason" TEXT NULL,
    "FactsVersionSeen" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_ItemReviews_Submissions_SubmissionId" FOREIGN KEY ("SubmissionId") REFERENCES "Submissions" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "PublishedResults" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PublishedResults" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "CampaignId" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    "Json" TEXT NOT NULL,
    "Sha256" TEXT NOT NULL,
    "RequestedBy" TEXT NOT NULL,
    "ApprovedBy" TEXT NOT NULL,
    "PublishedAt" TEXT NOT NULL,
    CONSTRAINT "FK_PublishedResults_Campaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "Campaigns" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Appeals" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Appeals" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "CampaignId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "ItemId" TEXT NULL,
    "Grounds" TEXT NOT NULL,
    "FiledAt" TEXT NOT NULL,
    "FiledBy" TEXT NULL,
    "State" TEXT NOT NULL,
    "Decision" TEXT NULL,
    "DecidedBy" TEXT NULL,
    "DecidedAt" TEXT NULL,
    CONSTRAINT "FK_Appeals_Campaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "Campaigns" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Appeals_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_Appeals_CampaignId_UnitId" ON "Appeals" ("CampaignId", "UnitId");

CREATE INDEX "IX_Appeals_UnitId" ON "Appeals" ("UnitId");

CREATE INDEX "IX_CampaignReviewers_UserId" ON "CampaignReviewers" ("UserId");

CREATE INDEX "IX_Campaigns_SchemeVersionId" ON "Campaigns" ("SchemeVersionId");

CREATE INDEX "IX_Campaigns_TenantId" ON "Campaigns" ("TenantId");

CREATE INDEX "IX_CampaignUnits_UnitId" ON "CampaignUnits" ("UnitId");

CREATE INDEX "IX_Evidence_Sha256" ON "Evidence" ("Sha256");

CREATE INDEX "IX_Evidence_SubmissionId_ItemId" ON "Evidence" ("SubmissionId", "ItemId");

CREATE UNIQUE INDEX "IX_ItemReviews_SubmissionId_ItemId" ON "ItemReviews" ("SubmissionId", "ItemId");

CREATE UNIQUE INDEX "IX_PublishedResults_CampaignId_Version" ON "PublishedResults" ("CampaignId", "Version");

CREATE UNIQUE INDEX "IX_SchemeVersions_TenantId_SchemeId_Sha256" ON "SchemeVersions" ("TenantId", "SchemeId", "Sha256");

CREATE UNIQUE INDEX "IX_SubmissionFacts_SubmissionId_FactKey_Source" ON "SubmissionFacts" ("SubmissionId", "FactKey", "Source");

CREATE UNIQUE INDEX "IX_SubmissionItems_SubmissionId_ItemId" ON "SubmissionItems" ("SubmissionId", "ItemId");

CREATE UNIQUE INDEX "IX_Submissions_CampaignId_UnitId" ON "Submissions" ("CampaignId", "UnitId");

CREATE INDEX "IX_Submissions_UnitId" ON "Submissions" ("UnitId");
