CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp(6) with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"role" text NOT NULL,
	"client" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "external_reference" (
	"system" text NOT NULL,
	"external_id" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"synced_at" timestamp(6) with time zone,
	CONSTRAINT "external_reference_system_external_id_pk" PRIMARY KEY("system","external_id")
);
--> statement-breakpoint
CREATE TABLE "offering" (
	"id" uuid PRIMARY KEY NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_key" text COLLATE "C" NOT NULL,
	"description" text NOT NULL,
	"kind" text NOT NULL,
	"category_code" text NOT NULL,
	"cpv_code" text NOT NULL,
	"price_amount" numeric(14, 2),
	"price_unit" text,
	"service_area" text[] NOT NULL,
	"counts_for_social_return" boolean NOT NULL,
	"social_return_note" text,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('dutch'::regconfig, "offering"."name"), 'A') || setweight(to_tsvector('dutch'::regconfig, "offering"."description"), 'B')) STORED,
	"created_at" timestamp(6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(6) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recognition" (
	"id" uuid PRIMARY KEY NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"scheme" text NOT NULL,
	"issued_by" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date
);
--> statement-breakpoint
CREATE TABLE "social_enterprise" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_key" text COLLATE "C" NOT NULL,
	"kvk_number" char(8) NOT NULL,
	"establishment_number" char(12),
	"legal_form" text NOT NULL,
	"municipality_code" text NOT NULL,
	"postcode4" char(4) NOT NULL,
	"description" text NOT NULL,
	"website" text,
	"impact_themes" text[] NOT NULL,
	"staff_total" integer NOT NULL,
	"staff_with_distance" integer NOT NULL,
	"capabilities" text[] NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('dutch'::regconfig, "social_enterprise"."name"), 'A') || setweight(to_tsvector('dutch'::regconfig, "social_enterprise"."description"), 'B')) STORED,
	"created_at" timestamp(6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "social_enterprise_kvk_establishment" UNIQUE NULLS NOT DISTINCT("kvk_number","establishment_number")
);
--> statement-breakpoint
ALTER TABLE "external_reference" ADD CONSTRAINT "external_reference_enterprise_id_social_enterprise_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."social_enterprise"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offering" ADD CONSTRAINT "offering_enterprise_id_social_enterprise_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."social_enterprise"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition" ADD CONSTRAINT "recognition_enterprise_id_social_enterprise_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."social_enterprise"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "external_reference_enterprise" ON "external_reference" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "offering_enterprise" ON "offering" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "offering_name_order" ON "offering" USING btree ("name_key","id");--> statement-breakpoint
CREATE INDEX "offering_updated_order" ON "offering" USING btree ("updated_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "offering_category" ON "offering" USING btree ("category_code");--> statement-breakpoint
CREATE INDEX "offering_service_area" ON "offering" USING gin ("service_area");--> statement-breakpoint
CREATE INDEX "offering_search" ON "offering" USING gin ("search");--> statement-breakpoint
CREATE INDEX "recognition_enterprise" ON "recognition" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "recognition_scheme_validity" ON "recognition" USING btree ("scheme","valid_from","valid_until");--> statement-breakpoint
CREATE INDEX "social_enterprise_name_order" ON "social_enterprise" USING btree ("name_key","id");--> statement-breakpoint
CREATE INDEX "social_enterprise_name_desc_order" ON "social_enterprise" USING btree ("name_key" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "social_enterprise_staff_order" ON "social_enterprise" USING btree ("staff_with_distance" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "social_enterprise_created_order" ON "social_enterprise" USING btree ("created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "social_enterprise_municipality" ON "social_enterprise" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "social_enterprise_search" ON "social_enterprise" USING gin ("search");--> statement-breakpoint
CREATE INDEX "social_enterprise_capabilities" ON "social_enterprise" USING gin ("capabilities");