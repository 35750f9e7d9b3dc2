CREATE TABLE "pending_memberships" (
	"user_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"role" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pending_memberships_user_id_programme_id_role_pk" PRIMARY KEY("user_id","programme_id","role")
);
--> statement-breakpoint
ALTER TABLE "programmes" ADD COLUMN "break_glass_min_role_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "pending_memberships" ADD CONSTRAINT "pending_memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_memberships" ADD CONSTRAINT "pending_memberships_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_memberships" ADD CONSTRAINT "pending_memberships_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;