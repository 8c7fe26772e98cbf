CREATE TABLE "AuditEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEvents" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "At" TEXT NOT NULL,
    "ActorId" TEXT NULL,
    "ActorName" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "EntityType" TEXT NOT NULL,
    "EntityId" TEXT NOT NULL,
    "UnitId" INTEGER NULL,
    "Before" TEXT NULL,
    "After" TEXT NULL,
    "PreviousHash" TEXT NOT NULL,
    "Hash" TEXT NOT NULL
);


CREATE TABLE "CreditOffices" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CreditOffices" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL
);


CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NOT NULL
);


CREATE TABLE "DisclosureSettings" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DisclosureSettings" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "MappingJson" TEXT NULL,
    "CalendarYaml" TEXT NULL,
    "DueDays" INTEGER NOT NULL,
    "DueInWorkingDays" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL
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


CREATE TABLE "ListSnapshots" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ListSnapshots" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "ListKind" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "SnapshotDate" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "Sha256" TEXT NOT NULL,
    "EntryCount" INTEGER NOT NULL,
    "ImportedBy" TEXT NULL,
    "ImportedByName" TEXT NOT NULL,
    "ImportedAt" TEXT NOT NULL,
    "ScreenedAt" TEXT NULL,
    CONSTRAINT "FK_ListSnapshots_CreditOffices_TenantId" FOREIGN KEY ("TenantId") REFERENCES "CreditOffices" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "MonitoringEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MonitoringEvents" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "OccurredOn" TEXT NOT NULL,
    "Content" TEXT NOT NULL,
    "Category" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "RecordedByName" TEXT NOT NULL,
    "RecordedAt" TEXT NOT NULL,
    "VerifiedBy" TEXT NULL,
    "VerifiedByName" TEXT NULL,
    "VerifiedAt" TEXT NULL,
    "VerifyReason" TEXT NULL,
    CONSTRAINT "FK_MonitoringEvents_CreditOffices_TenantId" FOREIGN KEY ("TenantId") REFERENCES "CreditOffices" ("Id") ON DELETE RESTRICT
);


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


CREATE TABLE "Units" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Units" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "ParentId" INTEGER NULL,
    "Name" TEXT NOT NULL,
    "Code" TEXT NULL,
    "Level" TEXT NOT NULL,
    "Class" TEXT NULL,
    "IsActive" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "Path" TEXT COLLATE NOCASE NOT NULL,
    CONSTRAINT "FK_Units_CreditOffices_TenantId" FOREIGN KEY ("TenantId") REFERENCES "CreditOffices" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Units_Units_ParentId" FOREIGN KEY ("ParentId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "ListEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ListEntries" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "SnapshotId" INTEGER NOT NULL,
    "RowNo" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Code" TEXT NULL,
    CONSTRAINT "FK_ListEntries_ListSnapshots_SnapshotId" FOREIGN KEY ("SnapshotId") REFERENCES "ListSnapshots" ("Id") ON DELETE RESTRICT
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
    "BaselineCampaignId" INTEGER NULL,
    "Revision" INTEGER NOT NULL,
    "VoidReason" TEXT NULL,
    "VoidedAt" TEXT NULL,
    "VoidedBy" TEXT NULL,
    CONSTRAINT "FK_Campaigns_CreditOffices_TenantId" FOREIGN KEY ("TenantId") REFERENCES "CreditOffices" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Campaigns_SchemeVersions_SchemeVersionId" FOREIGN KEY ("SchemeVersionId") REFERENCES "SchemeVersions" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "TenantId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "DisplayName" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "ScopeKind" TEXT NOT NULL,
    "ScopeUnitId" INTEGER NULL,
    "IsActive" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" INTEGER NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL,
    CONSTRAINT "FK_AspNetUsers_CreditOffices_TenantId" FOREIGN KEY ("TenantId") REFERENCES "CreditOffices" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_AspNetUsers_Units_ScopeUnitId" FOREIGN KEY ("ScopeUnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_AspNetUsers_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
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


CREATE TABLE "MonitoringEventUnits" (
    "EventId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    CONSTRAINT "PK_MonitoringEventUnits" PRIMARY KEY ("EventId", "UnitId"),
    CONSTRAINT "FK_MonitoringEventUnits_MonitoringEvents_EventId" FOREIGN KEY ("EventId") REFERENCES "MonitoringEvents" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_MonitoringEventUnits_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "ReportStamps" (
    "UnitId" INTEGER NOT NULL CONSTRAINT "PK_ReportStamps" PRIMARY KEY,
    "TenantId" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_ReportStamps_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE CASCADE
);


CREATE TABLE "ScreenedPersons" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ScreenedPersons" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "IdNumber" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "JoinedOn" TEXT NOT NULL,
    "RetainUntil" TEXT NOT NULL,
    "EnteredByName" TEXT NOT NULL,
    "EnteredAt" TEXT NOT NULL,
    CONSTRAINT "FK_ScreenedPersons_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "UnitPopulations" (
    "UnitId" INTEGER NOT NULL CONSTRAINT "PK_UnitPopulations" PRIMARY KEY,
    "TenantId" INTEGER NOT NULL,
    "Population" INTEGER NOT NULL,
    "UpdatedByName" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_UnitPopulations_CreditOffices_TenantId" FOREIGN KEY ("TenantId") REFERENCES "CreditOffices" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_UnitPopulations_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
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


CREATE TABLE "CampaignUnits" (
    "CampaignId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "SchemeClass" TEXT NOT NULL,
    CONSTRAINT "PK_CampaignUnits" PRIMARY KEY ("CampaignId", "UnitId"),
    CONSTRAINT "FK_CampaignUnits_Campaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "Campaigns" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_CampaignUnits_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);


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


CREATE TABLE "ReportRecords" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReportRecords" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "CampaignId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "Due" TEXT NOT NULL,
    "MadeAt" TEXT NULL,
    "Status" TEXT NOT NULL,
    "LateBySeconds" INTEGER NOT NULL,
    "RecordedAt" TEXT NOT NULL,
    CONSTRAINT "FK_ReportRecords_Campaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "Campaigns" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ReportRecords_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "SpotChecks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SpotChecks" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "CampaignId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "OpenedBy" TEXT NULL,
    "OpenedByName" TEXT NOT NULL,
    "OpenedAt" TEXT NOT NULL,
    "Summary" TEXT NULL,
    "CompletedBy" TEXT NULL,
    "CompletedAt" TEXT NULL,
    CONSTRAINT "FK_SpotChecks_Campaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "Campaigns" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SpotChecks_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
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
    "BaselineCampaignId" INTEGER NULL,
    "BaselineConfirmedAt" TEXT NULL,
    "BaselineConfirmedBy" TEXT NULL,
    CONSTRAINT "FK_Submissions_Campaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "Campaigns" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Submissions_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);


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


CREATE TABLE "UnitResults" (
    "CampaignId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "TenantId" INTEGER NOT NULL,
    "SchemeVersionId" INTEGER NOT NULL,
    "SchemeClass" TEXT NOT NULL,
    "Base" TEXT NOT NULL,
    "Bonus" TEXT NOT NULL,
    "Total" TEXT NOT NULL,
    "Grade" TEXT NULL,
    "VetoesJson" TEXT NOT NULL,
    "SelfTotal" TEXT NOT NULL,
    "ReviewedOnlyTotal" TEXT NULL,
    "IsLate" INTEGER NOT NULL,
    "Explanation" TEXT NOT NULL,
    "ItemsJson" TEXT NOT NULL,
    "TieBreakJson" TEXT NOT NULL,
    "Composite" TEXT NULL,
    "CompositeNote" TEXT NULL,
    "PeriodSourcesJson" TEXT NOT NULL,
    "IsStale" INTEGER NOT NULL,
    "StaleMark" INTEGER NOT NULL,
    "ComputedAt" TEXT NOT NULL,
    "Rank" INTEGER NULL,
    "ClassRank" INTEGER NULL,
    "RankDue" INTEGER NOT NULL,
    "CategoryScoresJson" TEXT NULL,
    CONSTRAINT "PK_UnitResults" PRIMARY KEY ("CampaignId", "UnitId"),
    CONSTRAINT "FK_UnitResults_Campaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "Campaigns" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_UnitResults_SchemeVersions_SchemeVersionId" FOREIGN KEY ("SchemeVersionId") REFERENCES "SchemeVersions" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_UnitResults_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "ApiTokens" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ApiTokens" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "UserId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NULL,
    "RevokedAt" TEXT NULL,
    CONSTRAINT "FK_ApiTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "CampaignReviewers" (
    "CampaignId" INTEGER NOT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_CampaignReviewers" PRIMARY KEY ("CampaignId", "UserId"),
    CONSTRAINT "FK_CampaignReviewers_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_CampaignReviewers_Campaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "Campaigns" ("Id") ON DELETE CASCADE
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


CREATE TABLE "ScreeningHits" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ScreeningHits" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "SnapshotId" INTEGER NOT NULL,
    "EntryId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "PersonId" INTEGER NULL,
    "SubjectName" TEXT NOT NULL,
    "Match" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "DecidedBy" TEXT NULL,
    "DecidedByName" TEXT NULL,
    "DecidedAt" TEXT NULL,
    "Reason" TEXT NULL,
    "FoundAt" TEXT NOT NULL,
    CONSTRAINT "FK_ScreeningHits_ListEntries_EntryId" FOREIGN KEY ("EntryId") REFERENCES "ListEntries" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ScreeningHits_ListSnapshots_SnapshotId" FOREIGN KEY ("SnapshotId") REFERENCES "ListSnapshots" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ScreeningHits_ScreenedPersons_PersonId" FOREIGN KEY ("PersonId") REFERENCES "ScreenedPersons" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ScreeningHits_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "SpotCheckItems" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SpotCheckItems" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "SpotCheckId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "ItemId" TEXT NOT NULL,
    "FactsJson" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "RecordedBy" TEXT NULL,
    "RecordedByName" TEXT NOT NULL,
    "RecordedAt" TEXT NOT NULL,
    CONSTRAINT "FK_SpotCheckItems_SpotChecks_SpotCheckId" FOREIGN KEY ("SpotCheckId") REFERENCES "SpotChecks" ("Id") ON DELETE RESTRICT
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
    "Kind" TEXT NOT NULL DEFAULT 'file',
    "Url" TEXT NULL,
    "LedgerJson" TEXT NULL,
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
    "ReviewedAt" TEXT NULL,
    "IsLate" INTEGER NOT NULL,
    CONSTRAINT "FK_ItemReviews_Submissions_SubmissionId" FOREIGN KEY ("SubmissionId") REFERENCES "Submissions" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "ReviewQueueCounts" (
    "SubmissionId" INTEGER NOT NULL CONSTRAINT "PK_ReviewQueueCounts" PRIMARY KEY,
    "TenantId" INTEGER NOT NULL,
    "CampaignId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "SchemeVersionId" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "SubmittedAt" TEXT NULL,
    "IsLate" INTEGER NOT NULL,
    "Pending" INTEGER NOT NULL,
    "Resubmitted" INTEGER NOT NULL,
    "Appealed" INTEGER NOT NULL,
    "Confirmed" INTEGER NOT NULL,
    "Corrected" INTEGER NOT NULL,
    "Scored" INTEGER NOT NULL,
    "Total" INTEGER NOT NULL,
    "IsStale" INTEGER NOT NULL,
    "Stamp" INTEGER NOT NULL,
    CONSTRAINT "FK_ReviewQueueCounts_Submissions_SubmissionId" FOREIGN KEY ("SubmissionId") REFERENCES "Submissions" ("Id") ON DELETE CASCADE
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


CREATE TABLE "SubmissionItems" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SubmissionItems" PRIMARY KEY AUTOINCREMENT,
    "TenantId" INTEGER NOT NULL,
    "SubmissionId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "ItemId" TEXT NOT NULL,
    "Explanation" TEXT NULL,
    "FactsVersion" INTEGER NOT NULL,
    "LateEditAt" TEXT NULL,
    "ExceptionDue" TEXT NULL,
    "ExceptionReason" TEXT NULL,
    "ExceptionGrantedBy" TEXT NULL,
    "ExceptionGrantedByName" TEXT NULL,
    "ExceptionGrantedAt" TEXT NULL,
    CONSTRAINT "FK_SubmissionItems_Submissions_SubmissionId" FOREIGN KEY ("SubmissionId") REFERENCES "Submissions" ("Id") ON DELETE RESTRICT
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


CREATE UNIQUE INDEX "IX_ApiTokens_TokenHash" ON "ApiTokens" ("TokenHash");


CREATE INDEX "IX_ApiTokens_UserId" ON "ApiTokens" ("UserId");


CREATE INDEX "IX_Appeals_CampaignId_UnitId" ON "Appeals" ("CampaignId", "UnitId");


CREATE INDEX "IX_Appeals_UnitId" ON "Appeals" ("UnitId");


CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");


CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");


CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");


CREATE INDEX "IX_AspNetUsers_ScopeUnitId" ON "AspNetUsers" ("ScopeUnitId");


CREATE INDEX "IX_AspNetUsers_TenantId_UnitId" ON "AspNetUsers" ("TenantId", "UnitId");


CREATE INDEX "IX_AspNetUsers_UnitId" ON "AspNetUsers" ("UnitId");


CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");


CREATE INDEX "IX_AuditEvents_TenantId_EntityType_EntityId" ON "AuditEvents" ("TenantId", "EntityType", "EntityId");


CREATE UNIQUE INDEX "IX_AuditEvents_TenantId_Sequence" ON "AuditEvents" ("TenantId", "Sequence");


CREATE INDEX "IX_CampaignReviewers_UserId" ON "CampaignReviewers" ("UserId");


CREATE INDEX "IX_Campaigns_SchemeVersionId" ON "Campaigns" ("SchemeVersionId");


CREATE INDEX "IX_Campaigns_TenantId" ON "Campaigns" ("TenantId");


CREATE INDEX "IX_CampaignUnits_UnitId" ON "CampaignUnits" ("UnitId");


CREATE UNIQUE INDEX "IX_CommitmentLetters_CampaignId_UnitId" ON "CommitmentLetters" ("CampaignId", "UnitId");


CREATE INDEX "IX_CommitmentLetters_UnitId" ON "CommitmentLetters" ("UnitId");


CREATE UNIQUE INDEX "IX_CreditOffices_Name" ON "CreditOffices" ("Name");


CREATE UNIQUE INDEX "IX_DisclosureFindings_RecordId" ON "DisclosureFindings" ("RecordId");


CREATE INDEX "IX_DisclosureRecords_DepartmentUnitId_DecisionDate" ON "DisclosureRecords" ("DepartmentUnitId", "DecisionDate");


CREATE UNIQUE INDEX "IX_DisclosureRecords_TenantId_DecisionNumber" ON "DisclosureRecords" ("TenantId", "DecisionNumber");


CREATE INDEX "IX_DisclosureRecords_UploadId" ON "DisclosureRecords" ("UploadId");


CREATE INDEX "IX_DisclosureRejections_DepartmentUnitId_CountsOn" ON "DisclosureRejections" ("DepartmentUnitId", "CountsOn");


CREATE INDEX "IX_DisclosureRejections_UploadId" ON "DisclosureRejections" ("UploadId");


CREATE UNIQUE INDEX "IX_DisclosureSettings_TenantId" ON "DisclosureSettings" ("TenantId");


CREATE INDEX "IX_DisclosureUploads_UploaderUnitId" ON "DisclosureUploads" ("UploaderUnitId");


CREATE INDEX "IX_Evidence_Sha256" ON "Evidence" ("Sha256");


CREATE INDEX "IX_Evidence_SubmissionId_ItemId" ON "Evidence" ("SubmissionId", "ItemId");


CREATE UNIQUE INDEX "IX_FollowUpRules_TenantId_SchemeFamily_Kind" ON "FollowUpRules" ("TenantId", "SchemeFamily", "Kind");


CREATE INDEX "IX_FollowUpWarnings_RuleId" ON "FollowUpWarnings" ("RuleId");


CREATE UNIQUE INDEX "IX_FollowUpWarnings_TenantId_CauseKey" ON "FollowUpWarnings" ("TenantId", "CauseKey");


CREATE INDEX "IX_FollowUpWarnings_UnitId" ON "FollowUpWarnings" ("UnitId");


CREATE UNIQUE INDEX "IX_ItemReviews_SubmissionId_ItemId" ON "ItemReviews" ("SubmissionId", "ItemId");


CREATE INDEX "IX_LeaderInstructions_TenantId" ON "LeaderInstructions" ("TenantId");


CREATE UNIQUE INDEX "IX_LiaisonContacts_CampaignId_UnitId" ON "LiaisonContacts" ("CampaignId", "UnitId");


CREATE INDEX "IX_LiaisonContacts_UnitId" ON "LiaisonContacts" ("UnitId");


CREATE INDEX "IX_ListEntries_SnapshotId" ON "ListEntries" ("SnapshotId");


CREATE INDEX "IX_ListSnapshots_TenantId_ListKind_SnapshotDate" ON "ListSnapshots" ("TenantId", "ListKind", "SnapshotDate");


CREATE INDEX "IX_MonitoringEvents_TenantId_OccurredOn" ON "MonitoringEvents" ("TenantId", "OccurredOn");


CREATE INDEX "IX_MonitoringEventUnits_UnitId" ON "MonitoringEventUnits" ("UnitId");


CREATE INDEX "IX_NotificationChannels_TenantId" ON "NotificationChannels" ("TenantId");


CREATE UNIQUE INDEX "IX_Notifications_TenantId_UserId_CauseKey" ON "Notifications" ("TenantId", "UserId", "CauseKey");


CREATE INDEX "IX_Notifications_UserId_ReadAt" ON "Notifications" ("UserId", "ReadAt");


CREATE INDEX "IX_OrderEvidence_OrderId" ON "OrderEvidence" ("OrderId");


CREATE INDEX "IX_OrderEvidence_StepId" ON "OrderEvidence" ("StepId");


CREATE INDEX "IX_OrderSteps_OrderId" ON "OrderSteps" ("OrderId");


CREATE INDEX "IX_OutboxMessages_ChannelId" ON "OutboxMessages" ("ChannelId");


CREATE UNIQUE INDEX "IX_OutboxMessages_IdempotencyKey" ON "OutboxMessages" ("IdempotencyKey");


CREATE INDEX "IX_OutboxMessages_State_NextAttemptAt" ON "OutboxMessages" ("State", "NextAttemptAt");


CREATE INDEX "IX_OutboxMessages_TenantId_State" ON "OutboxMessages" ("TenantId", "State");


CREATE UNIQUE INDEX "IX_ProviderSubmissions_CampaignId_ProviderUnitId" ON "ProviderSubmissions" ("CampaignId", "ProviderUnitId");


CREATE INDEX "IX_ProviderSubmissions_ProviderUnitId" ON "ProviderSubmissions" ("ProviderUnitId");


CREATE UNIQUE INDEX "IX_PublishedResults_CampaignId_Version" ON "PublishedResults" ("CampaignId", "Version");


CREATE INDEX "IX_ReportRecords_CampaignId_UnitId" ON "ReportRecords" ("CampaignId", "UnitId");


CREATE INDEX "IX_ReportRecords_UnitId" ON "ReportRecords" ("UnitId");


CREATE INDEX "IX_ReviewQueueCounts_CampaignId_IsStale" ON "ReviewQueueCounts" ("CampaignId", "IsStale");


CREATE INDEX "IX_ReviewQueueCounts_CampaignId_UnitId" ON "ReviewQueueCounts" ("CampaignId", "UnitId");


CREATE UNIQUE INDEX "IX_SchemeVersions_TenantId_SchemeId_Sha256" ON "SchemeVersions" ("TenantId", "SchemeId", "Sha256");


CREATE UNIQUE INDEX "IX_ScreenedPersons_UnitId_IdNumber" ON "ScreenedPersons" ("UnitId", "IdNumber");


CREATE INDEX "IX_ScreeningHits_EntryId" ON "ScreeningHits" ("EntryId");


CREATE INDEX "IX_ScreeningHits_PersonId" ON "ScreeningHits" ("PersonId");


CREATE INDEX "IX_ScreeningHits_SnapshotId_UnitId" ON "ScreeningHits" ("SnapshotId", "UnitId");


CREATE INDEX "IX_ScreeningHits_TenantId_State" ON "ScreeningHits" ("TenantId", "State");


CREATE INDEX "IX_ScreeningHits_UnitId" ON "ScreeningHits" ("UnitId");


CREATE UNIQUE INDEX "IX_SpotCheckItems_SpotCheckId_ItemId" ON "SpotCheckItems" ("SpotCheckId", "ItemId");


CREATE UNIQUE INDEX "IX_SpotChecks_CampaignId_UnitId" ON "SpotChecks" ("CampaignId", "UnitId");


CREATE INDEX "IX_SpotChecks_UnitId" ON "SpotChecks" ("UnitId");


CREATE UNIQUE INDEX "IX_SubmissionFacts_SubmissionId_FactKey_Source" ON "SubmissionFacts" ("SubmissionId", "FactKey", "Source");


CREATE UNIQUE INDEX "IX_SubmissionItems_SubmissionId_ItemId" ON "SubmissionItems" ("SubmissionId", "ItemId");


CREATE UNIQUE INDEX "IX_Submissions_CampaignId_UnitId" ON "Submissions" ("CampaignId", "UnitId");


CREATE INDEX "IX_Submissions_UnitId" ON "Submissions" ("UnitId");


CREATE UNIQUE INDEX "IX_SupervisionOrders_TenantId_Year_Sequence" ON "SupervisionOrders" ("TenantId", "Year", "Sequence");


CREATE INDEX "IX_SupervisionOrders_UnitId" ON "SupervisionOrders" ("UnitId");


CREATE INDEX "IX_SupervisionOrders_WarningId" ON "SupervisionOrders" ("WarningId");


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


CREATE INDEX "IX_UnitPopulations_TenantId" ON "UnitPopulations" ("TenantId");


CREATE INDEX "IX_UnitResults_CampaignId_Rank_UnitId_IsStale" ON "UnitResults" ("CampaignId", "Rank", "UnitId", "IsStale");


CREATE INDEX "IX_UnitResults_CampaignId_RankDue" ON "UnitResults" ("CampaignId") WHERE "RankDue";


CREATE INDEX "IX_UnitResults_CampaignId_UnitId_Stale" ON "UnitResults" ("CampaignId", "UnitId", "IsStale") WHERE "IsStale";


CREATE INDEX "IX_UnitResults_SchemeVersionId" ON "UnitResults" ("SchemeVersionId");


CREATE INDEX "IX_UnitResults_UnitId" ON "UnitResults" ("UnitId");


CREATE INDEX "IX_Units_ParentId" ON "Units" ("ParentId");


CREATE INDEX "IX_Units_Path" ON "Units" ("Path");


CREATE UNIQUE INDEX "IX_Units_TenantId_Code" ON "Units" ("TenantId", "Code");


CREATE INDEX "IX_Units_TenantId_ParentId_Id" ON "Units" ("TenantId", "ParentId", "Id");


CREATE INDEX "IX_Units_TenantId_Path" ON "Units" ("TenantId", "Path");


CREATE INDEX "IX_WorkReminders_InstructionId" ON "WorkReminders" ("InstructionId");


CREATE UNIQUE INDEX "IX_WorkReminders_TenantId_CauseKey" ON "WorkReminders" ("TenantId", "CauseKey");


CREATE UNIQUE INDEX "IX_WorkReminders_TenantId_Year_Sequence" ON "WorkReminders" ("TenantId", "Year", "Sequence");


CREATE INDEX "IX_WorkReminders_UnitId" ON "WorkReminders" ("UnitId");
