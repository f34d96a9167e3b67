CREATE TABLE "candidate_profile" (
	"id" uuid PRIMARY KEY NOT NULL,
	"postcode4" char(4) NOT NULL,
	"age_band" text NOT NULL,
	"hours_per_week" integer NOT NULL,
	"available_from" date NOT NULL,
	"education_level" text NOT NULL,
	"occupation_codes" text[] NOT NULL,
	"skills" text[] NOT NULL,
	"languages" text[] NOT NULL,
	"driving_licence" boolean,
	"support_available" boolean NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp(6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(6) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "introduction" (
	"id" uuid PRIMARY KEY NOT NULL,
	"candidate_id" uuid NOT NULL,
	"vacancy_id" text NOT NULL,
	"vacancy_title" text NOT NULL,
	"employer_kvk" char(8) NOT NULL,
	"employer_name" text NOT NULL,
	"status" text NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp(6) with time zone DEFAULT now() NOT NULL,
	"contacted_at" timestamp(6) with time zone,
	"decided_at" timestamp(6) with time zone,
	"released_at" timestamp(6) with time zone,
	CONSTRAINT "introduction_candidate_vacancy" UNIQUE("candidate_id","vacancy_id")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp(6) with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"result" jsonb,
	"created_at" timestamp(6) with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp(6) with time zone,
	CONSTRAINT "outbox_idempotency_key" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "placement" (
	"id" uuid PRIMARY KEY NOT NULL,
	"candidate_id" uuid,
	"vacancy_id" text,
	"employer_kvk" char(8) NOT NULL,
	"employer_name" text NOT NULL,
	"route" text NOT NULL,
	"target_group" text,
	"start_date" date NOT NULL,
	"end_date" date,
	"hours_per_week" numeric(5, 2) NOT NULL,
	"contract_id" text,
	"realisation_id" text,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp(6) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vacancy" (
	"id" uuid PRIMARY KEY NOT NULL,
	"employer_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"occupation_code" char(4) NOT NULL,
	"hours_min" integer NOT NULL,
	"hours_max" integer NOT NULL,
	"municipality_code" text NOT NULL,
	"postcode4" char(4) NOT NULL,
	"skills" text[] NOT NULL,
	"target_groups" text[] NOT NULL,
	"contract_id" text,
	"status" text NOT NULL,
	"published_at" timestamp(6) with time zone,
	"closes_on" date,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('dutch'::regconfig, "vacancy"."title"), 'A') || setweight(to_tsvector('dutch'::regconfig, "vacancy"."description"), 'B')) STORED,
	"created_at" timestamp(6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(6) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "realisation" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "introduction" ADD CONSTRAINT "introduction_candidate_id_candidate_profile_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidate_profile"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement" ADD CONSTRAINT "placement_candidate_id_candidate_profile_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidate_profile"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancy" ADD CONSTRAINT "vacancy_employer_id_organisation_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "candidate_created_order" ON "candidate_profile" USING btree ("created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "candidate_status" ON "candidate_profile" USING btree ("status");--> statement-breakpoint
CREATE INDEX "introduction_candidate" ON "introduction" USING btree ("candidate_id","requested_at");--> statement-breakpoint
CREATE INDEX "outbox_due" ON "outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "placement_candidate" ON "placement" USING btree ("candidate_id");--> statement-breakpoint
CREATE INDEX "placement_start" ON "placement" USING btree ("start_date");--> statement-breakpoint
CREATE INDEX "vacancy_created_order" ON "vacancy" USING btree ("created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "vacancy_status" ON "vacancy" USING btree ("status");--> statement-breakpoint
CREATE INDEX "vacancy_occupation" ON "vacancy" USING btree ("occupation_code");--> statement-breakpoint
CREATE INDEX "vacancy_search" ON "vacancy" USING gin ("search");--> statement-breakpoint
ALTER TABLE "realisation" ADD CONSTRAINT "realisation_idempotency_key" UNIQUE("idempotency_key");