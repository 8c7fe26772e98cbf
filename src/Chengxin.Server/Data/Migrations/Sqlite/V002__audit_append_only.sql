-- V002: audit rows are append-only. The application refuses to modify or delete them in
-- SaveChanges; these triggers refuse it in the database too, whoever asks.
CREATE TRIGGER "AuditEvents_no_update" BEFORE UPDATE ON "AuditEvents"
BEGIN
    SELECT RAISE(ABORT, 'AuditEvents is append-only: rows cannot be updated');
END;

CREATE TRIGGER "AuditEvents_no_delete" BEFORE DELETE ON "AuditEvents"
BEGIN
    SELECT RAISE(ABORT, 'AuditEvents is append-only: rows cannot be deleted');
END;
