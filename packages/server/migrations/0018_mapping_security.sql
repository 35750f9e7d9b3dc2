-- Row-level security for the mapping tables (hand-written; see 0001_security.sql). No DELETE: a
-- mapping is revised by a new one that starts from it, and earlier mappings stay readable.
GRANT SELECT, INSERT ON mapping_definitions, mappings, mapping_areas TO utvag_app;
--> statement-breakpoint
ALTER TABLE mapping_definitions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY mapping_definitions_programme ON mapping_definitions TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE mappings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY mappings_programme ON mappings TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE mapping_areas ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY mapping_areas_programme ON mapping_areas TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
