DROP INDEX "calls_programme_received_idx";--> statement-breakpoint
CREATE INDEX "audit_programme_seq_idx" ON "audit_log" USING btree ("programme_id","seq");--> statement-breakpoint
CREATE INDEX "audit_actor_seq_idx" ON "audit_log" USING btree ("actor_user_id","seq");--> statement-breakpoint
CREATE INDEX "case_team_user_idx" ON "case_team_members" USING btree ("user_id","case_id");--> statement-breakpoint
CREATE INDEX "memberships_programme_user_idx" ON "memberships" USING btree ("programme_id","user_id");--> statement-breakpoint
CREATE INDEX "pending_memberships_programme_user_idx" ON "pending_memberships" USING btree ("programme_id","user_id");--> statement-breakpoint
CREATE INDEX "webauthn_credentials_user_idx" ON "webauthn_credentials" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "calls_programme_received_id_idx" ON "calls" USING btree ("programme_id","received_at","id");--> statement-breakpoint
CREATE INDEX "calls_handler_received_idx" ON "calls" USING btree ("handler_user_id","received_at","id");