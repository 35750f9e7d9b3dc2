-- Row-level security for the hotline-intake tables (hand-written; see 0001_security.sql).
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON case_sequences, instruments, calls, checklist_responses, related_persons, duty_shifts, meeting_places, staff_availability, meetings, case_events TO utvag_app;
--> statement-breakpoint
ALTER TABLE case_sequences ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_sequences_programme ON case_sequences TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE instruments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY instruments_programme ON instruments TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE calls ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY calls_programme ON calls TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE checklist_responses ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY checklist_responses_programme ON checklist_responses TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE related_persons ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY related_persons_programme ON related_persons TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE duty_shifts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY duty_shifts_programme ON duty_shifts TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE meeting_places ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY meeting_places_programme ON meeting_places TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE staff_availability ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY staff_availability_programme ON staff_availability TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE meetings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY meetings_programme ON meetings TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
--> statement-breakpoint
ALTER TABLE case_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_events_programme ON case_events TO utvag_app
  USING (programme_id = utvag_current_programme())
  WITH CHECK (programme_id = utvag_current_programme());
