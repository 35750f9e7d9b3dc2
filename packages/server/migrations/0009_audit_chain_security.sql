-- The keyed audit chain's grants and append-only rules (hand-written; see 0001_security.sql and
-- docs/decisions/008-audit-sealed-off-the-request-path.md).

-- SECURITY: the application names only the columns it writes. The writing transaction's id
-- (xid) always comes from the default, so the app role cannot make an entry look older or newer
-- to the sealer, and it can no longer write the bare hashes of decision 004.
REVOKE INSERT ON audit_log FROM utvag_app;
--> statement-breakpoint
GRANT INSERT (seq, at, actor_user_id, programme_id, action, outcome, record_type, record_id, purpose, recipient, details, mac) ON audit_log TO utvag_app;
--> statement-breakpoint
-- The sealer runs as the app role: it may append to the chain and read it, nothing more.
GRANT SELECT ON audit_chain TO utvag_app;
--> statement-breakpoint
GRANT INSERT (position, entry_seq, horizon, mac) ON audit_chain TO utvag_app;
--> statement-breakpoint
CREATE FUNCTION audit_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP; END $$;
--> statement-breakpoint
CREATE TRIGGER audit_chain_no_update_delete BEFORE UPDATE OR DELETE ON audit_chain
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
