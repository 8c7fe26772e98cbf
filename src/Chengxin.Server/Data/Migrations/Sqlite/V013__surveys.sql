-- V013: satisfaction surveys (问卷测评). A campaign's questionnaire with its questions, each unit's public link, invitation codes
-- (one code, one answer sheet), the answer sheets with their answers, and the sheets the office set aside as abuse. Answer sheets
-- are append-only: the application only inserts them, and these triggers refuse an update or delete in the database too.
CREATE TABLE "Surveys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Surveys" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "CampaignId" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Intro" TEXT NOT NULL,
    "VerySatisfiedPoints" INTEGER NOT NULL,
    "SatisfiedPoints" INTEGER NOT NULL,
    "FairlySatisfiedPoints" INTEGER NOT NULL,
    "DissatisfiedPoints" INTEGER NOT NULL,
    "VeryDissatisfiedPoints" INTEGER NOT NULL,
    "Definition" TEXT NOT NULL,
    "MinimumSample" INTEGER NOT NULL,
    "AllowsComment" INTEGER NOT NULL,
    "OpensAt" TEXT NOT NULL,
    "ClosesAt" TEXT NOT NULL,
    "ClosedEarlyAt" TEXT NULL,
    "PublicBaseAddress" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Surveys_Campaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "Campaigns" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "SurveyInvitations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SurveyInvitations" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "SurveyId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "Code" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_SurveyInvitations_Surveys_SurveyId" FOREIGN KEY ("SurveyId") REFERENCES "Surveys" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SurveyInvitations_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "SurveyLinks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SurveyLinks" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "SurveyId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "Token" TEXT NOT NULL,
    CONSTRAINT "FK_SurveyLinks_Surveys_SurveyId" FOREIGN KEY ("SurveyId") REFERENCES "Surveys" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SurveyLinks_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "SurveyQuestions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SurveyQuestions" PRIMARY KEY AUTOINCREMENT,
    "SurveyId" INTEGER NOT NULL,
    "No" INTEGER NOT NULL,
    "ItemId" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    CONSTRAINT "FK_SurveyQuestions_Surveys_SurveyId" FOREIGN KEY ("SurveyId") REFERENCES "Surveys" ("Id") ON DELETE CASCADE
);

CREATE TABLE "SurveyResponses" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SurveyResponses" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "SurveyId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "InvitationId" INTEGER NULL,
    "DeviceHash" TEXT NOT NULL,
    "AnsweredAt" TEXT NOT NULL,
    "Comment" TEXT NULL,
    CONSTRAINT "FK_SurveyResponses_SurveyInvitations_InvitationId" FOREIGN KEY ("InvitationId") REFERENCES "SurveyInvitations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SurveyResponses_Surveys_SurveyId" FOREIGN KEY ("SurveyId") REFERENCES "Surveys" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SurveyResponses_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "SurveyAnswers" (
    "ResponseId" INTEGER NOT NULL,
    "QuestionId" INTEGER NOT NULL,
    "Level" INTEGER NOT NULL,
    CONSTRAINT "PK_SurveyAnswers" PRIMARY KEY ("ResponseId", "QuestionId"),
    CONSTRAINT "FK_SurveyAnswers_SurveyQuestions_QuestionId" FOREIGN KEY ("QuestionId") REFERENCES "SurveyQuestions" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SurveyAnswers_SurveyResponses_ResponseId" FOREIGN KEY ("ResponseId") REFERENCES "SurveyResponses" ("Id") ON DELETE CASCADE
);

CREATE TABLE "SurveyDiscards" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SurveyDiscards" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "SurveyId" INTEGER NOT NULL,
    "ResponseId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "Reason" TEXT NOT NULL,
    "DiscardedBy" TEXT NULL,
    "DiscardedByName" TEXT NOT NULL,
    "DiscardedAt" TEXT NOT NULL,
    CONSTRAINT "FK_SurveyDiscards_SurveyResponses_ResponseId" FOREIGN KEY ("ResponseId") REFERENCES "SurveyResponses" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SurveyDiscards_Surveys_SurveyId" FOREIGN KEY ("SurveyId") REFERENCES "Surveys" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SurveyDiscards_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_SurveyAnswers_QuestionId" ON "SurveyAnswers" ("QuestionId");
CREATE UNIQUE INDEX "IX_SurveyDiscards_ResponseId" ON "SurveyDiscards" ("ResponseId");
CREATE INDEX "IX_SurveyDiscards_SurveyId" ON "SurveyDiscards" ("SurveyId");
CREATE INDEX "IX_SurveyDiscards_UnitId" ON "SurveyDiscards" ("UnitId");
CREATE UNIQUE INDEX "IX_SurveyInvitations_Code" ON "SurveyInvitations" ("Code");
CREATE INDEX "IX_SurveyInvitations_SurveyId_UnitId" ON "SurveyInvitations" ("SurveyId", "UnitId");
CREATE INDEX "IX_SurveyInvitations_UnitId" ON "SurveyInvitations" ("UnitId");
CREATE UNIQUE INDEX "IX_SurveyLinks_SurveyId_UnitId" ON "SurveyLinks" ("SurveyId", "UnitId");
CREATE UNIQUE INDEX "IX_SurveyLinks_Token" ON "SurveyLinks" ("Token");
CREATE INDEX "IX_SurveyLinks_UnitId" ON "SurveyLinks" ("UnitId");
CREATE INDEX "IX_SurveyQuestions_SurveyId" ON "SurveyQuestions" ("SurveyId");
CREATE UNIQUE INDEX "IX_SurveyResponses_InvitationId" ON "SurveyResponses" ("InvitationId");
CREATE UNIQUE INDEX "IX_SurveyResponses_SurveyId_UnitId_DeviceHash" ON "SurveyResponses" ("SurveyId", "UnitId", "DeviceHash");
CREATE INDEX "IX_SurveyResponses_UnitId" ON "SurveyResponses" ("UnitId");
CREATE UNIQUE INDEX "IX_Surveys_CampaignId" ON "Surveys" ("CampaignId");


CREATE TRIGGER "SurveyResponses_no_update" BEFORE UPDATE ON "SurveyResponses"
BEGIN
    SELECT RAISE(ABORT, 'SurveyResponses is append-only: rows cannot be updated');
END;

CREATE TRIGGER "SurveyResponses_no_delete" BEFORE DELETE ON "SurveyResponses"
BEGIN
    SELECT RAISE(ABORT, 'SurveyResponses is append-only: rows cannot be deleted');
END;

CREATE TRIGGER "SurveyAnswers_no_update" BEFORE UPDATE ON "SurveyAnswers"
BEGIN
    SELECT RAISE(ABORT, 'SurveyAnswers is append-only: rows cannot be updated');
END;

CREATE TRIGGER "SurveyAnswers_no_delete" BEFORE DELETE ON "SurveyAnswers"
BEGIN
    SELECT RAISE(ABORT, 'SurveyAnswers is append-only: rows cannot be deleted');
END;
