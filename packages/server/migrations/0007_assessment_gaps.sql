ALTER TABLE "conditions_signatures" ADD COLUMN "witness_enc" "bytea";--> statement-breakpoint
ALTER TABLE "conditions_signatures" ADD COLUMN "attachment_id" uuid;--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "withdrawal_note_enc" "bytea";--> statement-breakpoint
ALTER TABLE "legal_bases" ADD COLUMN "purposes_enc" "bytea";--> statement-breakpoint
ALTER TABLE "conditions_signatures" ADD CONSTRAINT "conditions_signatures_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;