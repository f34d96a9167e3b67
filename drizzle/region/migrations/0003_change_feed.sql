CREATE TABLE "change_log" (
	"position" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "change_log_position_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"kind" text NOT NULL,
	"external_keys" text[] NOT NULL,
	"at" timestamp(6) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "change_log_horizon" (
	"id" integer PRIMARY KEY NOT NULL,
	"txid" "xid8" NOT NULL,
	"position" bigint NOT NULL,
	"pruned_at" timestamp(6) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "offering" ADD COLUMN "partner_system" text;--> statement-breakpoint
ALTER TABLE "offering" ADD COLUMN "partner_external_id" text;--> statement-breakpoint
ALTER TABLE "offering" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "offering" ADD COLUMN "staff_fields" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "social_enterprise" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "social_enterprise" ADD COLUMN "staff_fields" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "change_log_order" ON "change_log" USING btree ("txid","position");--> statement-breakpoint
CREATE INDEX "change_log_entity" ON "change_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "change_log_external_keys" ON "change_log" USING gin ("external_keys");--> statement-breakpoint
ALTER TABLE "offering" ADD CONSTRAINT "offering_partner_key" UNIQUE("partner_system","partner_external_id");--> statement-breakpoint
-- Rows that existed before the feed enter it as created, so a pull from the start sees them.
INSERT INTO "change_log" ("entity_type", "entity_id", "version", "kind", "external_keys")
SELECT 'SocialEnterprise', e."id", e."version", 'CREATED',
  coalesce((SELECT array_agg(r."system" || ':' || r."external_id" ORDER BY r."system", r."external_id") FROM "external_reference" r WHERE r."enterprise_id" = e."id"), '{}')
FROM "social_enterprise" e ORDER BY e."id";--> statement-breakpoint
INSERT INTO "change_log" ("entity_type", "entity_id", "version", "kind", "external_keys")
SELECT 'Offering', o."id", o."version", 'CREATED', '{}'::text[] FROM "offering" o ORDER BY o."id";
