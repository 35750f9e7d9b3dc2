DROP INDEX "placements_municipality_idx";--> statement-breakpoint
ALTER TABLE "placements" ADD COLUMN "provider_name_enc" "bytea" NOT NULL;--> statement-breakpoint
ALTER TABLE "placements" ADD COLUMN "ivo_permit_enc" "bytea";--> statement-breakpoint
ALTER TABLE "placements" ADD COLUMN "municipality_enc" "bytea" NOT NULL;--> statement-breakpoint
ALTER TABLE "placements" ADD COLUMN "municipality_index" "bytea" NOT NULL;--> statement-breakpoint
CREATE INDEX "placements_municipality_idx" ON "placements" USING btree ("programme_id","municipality_index");