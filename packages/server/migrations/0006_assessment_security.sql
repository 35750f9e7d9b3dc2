-- Row-level security for the assessment and protection tables (hand-written; see 0001_security.sql).
GRANT SELECT, INSERT, UPDATE, DELETE ON meeting_records, attachments, consents, consent_organisations, legal_bases, conditions_versions, conditions_signatures, eligibility_decisions, risk_analyses, case_incidents, threat_groups, group_presence, rivalries, threat_persons, case_actor_links, break_glass_grants, placements, protected_data_applications, identity_links, protective_measures TO utvag_app;
--> statement-breakpoint
ALTER TABLE meeting_records ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY meeting_records_programme ON meeting_records TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE attachments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY attachments_programme ON attachments TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE consents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY consents_programme ON consents TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE consent_organisations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY consent_organisations_programme ON consent_organisations TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE legal_bases ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY legal_bases_programme ON legal_bases TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE conditions_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY conditions_versions_programme ON conditions_versions TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE conditions_signatures ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY conditions_signatures_programme ON conditions_signatures TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE eligibility_decisions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY eligibility_decisions_programme ON eligibility_decisions TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE risk_analyses ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY risk_analyses_programme ON risk_analyses TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE case_incidents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_incidents_programme ON case_incidents TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE threat_groups ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY threat_groups_programme ON threat_groups TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE group_presence ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY group_presence_programme ON group_presence TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE rivalries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY rivalries_programme ON rivalries TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE threat_persons ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY threat_persons_programme ON threat_persons TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE case_actor_links ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_actor_links_programme ON case_actor_links TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE break_glass_grants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY break_glass_grants_programme ON break_glass_grants TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE placements ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY placements_programme ON placements TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE protected_data_applications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY protected_data_applications_programme ON protected_data_applications TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE identity_links ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY identity_links_programme ON identity_links TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE protective_measures ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY protective_measures_programme ON protective_measures TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
