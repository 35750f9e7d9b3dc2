-- Security layer: the application's database role, row-level security on programme-owned
-- tables, and an append-only audit log. Written by hand (drizzle-kit generate --custom).

-- SECURITY: the application runs as utvag_app, a role that is neither superuser nor table
-- owner, so row-level security and the audit log's grants bind it.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'utvag_app') THEN
    CREATE ROLE utvag_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
  IF NOT pg_has_role(current_user, 'utvag_app', 'MEMBER') THEN
    EXECUTE format('GRANT utvag_app TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO utvag_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO utvag_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO utvag_app;
--> statement-breakpoint
GRANT USAGE ON SCHEMA drizzle TO utvag_app;
--> statement-breakpoint
GRANT SELECT ON drizzle.__drizzle_migrations TO utvag_app;
--> statement-breakpoint

-- The programme the current request acts in, set with set_config(..., true) per transaction.
CREATE FUNCTION utvag_current_programme() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('utvag.programme_id', true), '')::uuid $$;
--> statement-breakpoint
ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_team_members ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_persons ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- SECURITY: a query that forgets its programme filter sees only the acting programme's rows;
-- with no programme set it sees nothing.
CREATE POLICY cases_programme ON cases TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
CREATE POLICY case_team_members_programme ON case_team_members TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
CREATE POLICY case_persons_programme ON case_persons TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint

-- SECURITY: the audit log is append-only. The application may insert and read, nothing more,
-- and the trigger refuses changes even from the table owner.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM utvag_app;
--> statement-breakpoint
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP; END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
