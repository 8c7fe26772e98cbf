-- V011: 双公示 monitoring (issue 15): uploads and pushes of licensing and penalty records, the stored records under their
-- source departments (one 文书号 per office), the refused rows (the uploader's error table and the department's 错报),
-- the 漏报 findings of spot comparisons, and each office's column mapping, reporting rule and holiday calendar.
CREATE TABLE "DisclosureSettings" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DisclosureSettings" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "MappingJson" TEXT NULL,
    "CalendarYaml" TEXT NULL,
    "DueDays" INTEGER NOT NULL,
    "DueInWorkingDays" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "DisclosureUploads" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DisclosureUploads" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "UploaderUnitId" INTEGER NOT NULL,
    "UploadedBy" TEXT NULL,
    "UploadedByName" TEXT NOT NULL,
    "UploadedAt" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "Format" TEXT NOT NULL,
    "Encoding" TEXT NULL,
    "AllOrNothing" INTEGER NOT NULL,
    "Rows" INTEGER NOT NULL,
    "Stored" INTEGER NOT NULL,
    "Refused" INTEGER NOT NULL,
    CONSTRAINT "FK_DisclosureUploads_Units_UploaderUnitId" FOREIGN KEY ("UploaderUnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "DisclosureRecords" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DisclosureRecords" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "UploadId" INTEGER NOT NULL,
    "DepartmentUnitId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "DecisionNumber" TEXT NOT NULL,
    "SubjectName" TEXT NOT NULL,
    "SubjectCode" TEXT NOT NULL,
    "SubjectIsPerson" INTEGER NOT NULL,
    "Agency" TEXT NOT NULL,
    "DecisionDate" TEXT NOT NULL,
    "ReportedOn" TEXT NOT NULL,
    CONSTRAINT "FK_DisclosureRecords_DisclosureUploads_UploadId" FOREIGN KEY ("UploadId") REFERENCES "DisclosureUploads" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_DisclosureRecords_Units_DepartmentUnitId" FOREIGN KEY ("DepartmentUnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "DisclosureRejections" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DisclosureRejections" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "UploadId" INTEGER NOT NULL,
    "UploaderUnitId" INTEGER NOT NULL,
    "DepartmentUnitId" INTEGER NULL,
    "Row" INTEGER NOT NULL,
    "Column" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "DecisionNumber" TEXT NULL,
    "DepartmentText" TEXT NULL,
    "CountsOn" TEXT NOT NULL,
    "CountsAsWrong" INTEGER NOT NULL,
    CONSTRAINT "FK_DisclosureRejections_DisclosureUploads_UploadId" FOREIGN KEY ("UploadId") REFERENCES "DisclosureUploads" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "DisclosureFindings" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DisclosureFindings" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "RecordId" INTEGER NOT NULL,
    "DepartmentUnitId" INTEGER NOT NULL,
    "Reason" TEXT NOT NULL,
    "FoundBy" TEXT NULL,
    "FoundByName" TEXT NOT NULL,
    "FoundAt" TEXT NOT NULL,
    CONSTRAINT "FK_DisclosureFindings_DisclosureRecords_RecordId" FOREIGN KEY ("RecordId") REFERENCES "DisclosureRecords" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_DisclosureFindings_RecordId" ON "DisclosureFindings" ("RecordId");

CREATE INDEX "IX_DisclosureRecords_DepartmentUnitId_DecisionDate" ON "DisclosureRecords" ("DepartmentUnitId", "DecisionDate");

CREATE UNIQUE INDEX "IX_DisclosureRecords_TenantId_DecisionNumber" ON "DisclosureRecords" ("TenantId", "DecisionNumber");

CREATE INDEX "IX_DisclosureRecords_UploadId" ON "DisclosureRecords" ("UploadId");

CREATE INDEX "IX_DisclosureRejections_DepartmentUnitId_CountsOn" ON "DisclosureRejections" ("DepartmentUnitId", "CountsOn");

CREATE INDEX "IX_DisclosureRejections_UploadId" ON "DisclosureRejections" ("UploadId");

CREATE UNIQUE INDEX "IX_DisclosureSettings_TenantId" ON "DisclosureSettings" ("TenantId");

CREATE INDEX "IX_DisclosureUploads_UploaderUnitId" ON "DisclosureUploads" ("UploaderUnitId");

