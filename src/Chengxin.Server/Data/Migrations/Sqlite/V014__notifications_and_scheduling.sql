-- V014: the in-app inbox (a notice per user and cause, never twice), the office's outbound channels (SMTP e-mail, a webhook
-- in the JSON of WeCom/DingTalk group robots), the outbox those channels send from (idempotency key, attempts, backoff), and
-- the scheduler's claimed slots: one row per (work, slot), whose insert wins once across instances (docs/adr/0010).

CREATE TABLE "NotificationChannels" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_NotificationChannels" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "IsEnabled" INTEGER NOT NULL,
    "SmtpHost" TEXT NULL,
    "SmtpPort" INTEGER NULL,
    "SmtpSecurity" TEXT NULL,
    "SenderAddress" TEXT NULL,
    "SmtpUserName" TEXT NULL,
    "ProtectedSecret" TEXT NULL,
    "WebhookUrl" TEXT NULL,
    "WebhookKeyword" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "UpdatedByName" TEXT NOT NULL,
    CONSTRAINT "FK_NotificationChannels_CreditOffices_TenantId" FOREIGN KEY ("TenantId") REFERENCES "CreditOffices" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Notifications" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Notifications" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "UserId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "LinkPath" TEXT NULL,
    "CauseKey" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ReadAt" TEXT NULL,
    CONSTRAINT "FK_Notifications_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "OutboxMessages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OutboxMessages" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "ChannelId" INTEGER NOT NULL,
    "IdempotencyKey" TEXT NOT NULL,
    "Recipient" TEXT NULL,
    "RecipientName" TEXT NULL,
    "Subject" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" TEXT NOT NULL,
    "LockedUntil" TEXT NULL,
    "LastError" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "SentAt" TEXT NULL,
    CONSTRAINT "FK_OutboxMessages_NotificationChannels_ChannelId" FOREIGN KEY ("ChannelId") REFERENCES "NotificationChannels" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ScheduledRuns" (
    "WorkName" TEXT NOT NULL,
    "SlotStart" TEXT NOT NULL,
    "Instance" TEXT NOT NULL,
    "StartedAt" TEXT NOT NULL,
    "FinishedAt" TEXT NULL,
    "Error" TEXT NULL,
    CONSTRAINT "PK_ScheduledRuns" PRIMARY KEY ("WorkName", "SlotStart")
);

CREATE INDEX "IX_NotificationChannels_TenantId" ON "NotificationChannels" ("TenantId");
CREATE UNIQUE INDEX "IX_Notifications_TenantId_UserId_CauseKey" ON "Notifications" ("TenantId", "UserId", "CauseKey");
CREATE INDEX "IX_Notifications_UserId_ReadAt" ON "Notifications" ("UserId", "ReadAt");
CREATE INDEX "IX_OutboxMessages_ChannelId" ON "OutboxMessages" ("ChannelId");
CREATE UNIQUE INDEX "IX_OutboxMessages_IdempotencyKey" ON "OutboxMessages" ("IdempotencyKey");
CREATE INDEX "IX_OutboxMessages_State_NextAttemptAt" ON "OutboxMessages" ("State", "NextAttemptAt");
CREATE INDEX "IX_OutboxMessages_TenantId_State" ON "OutboxMessages" ("TenantId", "State");
