-- V002: audit rows are append-only. The application refuses to modify or delete them in
-- SaveChanges; these triggers refuse it in the database too, whoever asks (TRUNCATE included).
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'AuditEvents is append-only: % refused', TG_OP;
END
$$;

CREATE TRIGGER "AuditEvents_no_update_delete" BEFORE UPDATE OR DELETE ON "AuditEvents"
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

CREATE TRIGGER "AuditEvents_no_truncate" BEFORE TRUNCATE ON "AuditEvents"
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
