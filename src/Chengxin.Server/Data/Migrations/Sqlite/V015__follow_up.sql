-- V015: the follow-up chain (seed 003 arts. 5, 13, 14, 16): the office's rules per scheme family, leaders' instructions,
-- work reminders (提示单) numbered per office and year, warnings (预警) once per cause, supervision orders (督办单) numbered
-- 〔YYYY〕第N号 with their history (reply, verification, interview, referral) and the rectification evidence.
CREATE TABLE "FollowUpRules" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_FollowUpRules" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "SchemeFamily" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Threshold" INTEGER NOT NULL,
    "IsEnabled" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_FollowUpRules_CreditOffices_TenantId" FOREIGN KEY ("TenantId") REFERENCES "CreditOffices" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "LeaderInstructions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_LeaderInstructions" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "LeaderName" TEXT NOT NULL,
    "Content" TEXT NOT NULL,
    "InstructedOn" TEXT NOT NULL,
    "LoggedByName" TEXT NOT NULL,
    "LoggedAt" TEXT NOT NULL,
    CONSTRAINT "FK_LeaderInstructions_CreditOffices_TenantId" FOREIGN KEY ("TenantId") REFERENCES "CreditOffices" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "FollowUpWarnings" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_FollowUpWarnings" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "RuleId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "CampaignId" INTEGER NULL,
    "Reason" TEXT NOT NULL,
    "CauseKey" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "RaisedAt" TEXT NOT NULL,
    "ClearedAt" TEXT NULL,
    "ClearedByName" TEXT NULL,
    "ClearReason" TEXT NULL,
    CONSTRAINT "FK_FollowUpWarnings_FollowUpRules_RuleId" FOREIGN KEY ("RuleId") REFERENCES "FollowUpRules" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_FollowUpWarnings_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "SupervisionOrders" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SupervisionOrders" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "Year" INTEGER NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "WarningId" INTEGER NULL,
    "Problem" TEXT NOT NULL,
    "Requirement" TEXT NOT NULL,
    "Deadline" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "IssuedByName" TEXT NOT NULL,
    "IssuedAt" TEXT NOT NULL,
    CONSTRAINT "FK_SupervisionOrders_FollowUpWarnings_WarningId" FOREIGN KEY ("WarningId") REFERENCES "FollowUpWarnings" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SupervisionOrders_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "OrderSteps" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OrderSteps" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "OrderId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "HeldAt" TEXT NULL,
    "Attendees" TEXT NULL,
    "Commitments" TEXT NULL,
    "ReferredTo" TEXT NULL,
    "ByName" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    CONSTRAINT "FK_OrderSteps_SupervisionOrders_OrderId" FOREIGN KEY ("OrderId") REFERENCES "SupervisionOrders" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "OrderEvidence" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OrderEvidence" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "OrderId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "StepId" INTEGER NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "UploadedByName" TEXT NOT NULL,
    "UploadedAt" TEXT NOT NULL,
    CONSTRAINT "FK_OrderEvidence_OrderSteps_StepId" FOREIGN KEY ("StepId") REFERENCES "OrderSteps" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_OrderEvidence_SupervisionOrders_OrderId" FOREIGN KEY ("OrderId") REFERENCES "SupervisionOrders" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "WorkReminders" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_WorkReminders" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "Year" INTEGER NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Content" TEXT NOT NULL,
    "ExpectedResponse" TEXT NOT NULL,
    "RespondBy" TEXT NULL,
    "CauseKey" TEXT NULL,
    "CampaignId" INTEGER NULL,
    "InstructionId" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    "IssuedByName" TEXT NOT NULL,
    "IssuedAt" TEXT NOT NULL,
    "AcknowledgedByName" TEXT NULL,
    "AcknowledgedAt" TEXT NULL,
    "AcknowledgeNote" TEXT NULL,
    CONSTRAINT "FK_WorkReminders_LeaderInstructions_InstructionId" FOREIGN KEY ("InstructionId") REFERENCES "LeaderInstructions" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_WorkReminders_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_FollowUpRules_TenantId_SchemeFamily_Kind" ON "FollowUpRules" ("TenantId", "SchemeFamily", "Kind");
CREATE INDEX "IX_FollowUpWarnings_RuleId" ON "FollowUpWarnings" ("RuleId");
CREATE UNIQUE INDEX "IX_FollowUpWarnings_TenantId_CauseKey" ON "FollowUpWarnings" ("TenantId", "CauseKey");
CREATE INDEX "IX_FollowUpWarnings_UnitId" ON "FollowUpWarnings" ("UnitId");
CREATE INDEX "IX_LeaderInstructions_TenantId" ON "LeaderInstructions" ("TenantId");
CREATE INDEX "IX_OrderEvidence_OrderId" ON "OrderEvidence" ("OrderId");
CREATE INDEX "IX_OrderEvidence_StepId" ON "OrderEvidence" ("StepId");
CREATE INDEX "IX_OrderSteps_OrderId" ON "OrderSteps" ("OrderId");
CREATE UNIQUE INDEX "IX_SupervisionOrders_TenantId_Year_Sequence" ON "SupervisionOrders" ("TenantId", "Year", "Sequence");
CREATE INDEX "IX_SupervisionOrders_UnitId" ON "SupervisionOrders" ("UnitId");
CREATE INDEX "IX_SupervisionOrders_WarningId" ON "SupervisionOrders" ("WarningId");
CREATE INDEX "IX_WorkReminders_InstructionId" ON "WorkReminders" ("InstructionId");
CREATE UNIQUE INDEX "IX_WorkReminders_TenantId_CauseKey" ON "WorkReminders" ("TenantId", "CauseKey");
CREATE UNIQUE INDEX "IX_WorkReminders_TenantId_Year_Sequence" ON "WorkReminders" ("TenantId", "Year", "Sequence");
CREATE INDEX "IX_WorkReminders_UnitId" ON "WorkReminders" ("UnitId");
