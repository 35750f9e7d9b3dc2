ALTER TABLE "placements" DROP COLUMN "provider_name";--> statement-breakpoint
ALTER TABLE "placements" DROP COLUMN "ivo_permit";--> statement-breakpoint
ALTER TABLE "placements" DROP COLUMN "municipality";