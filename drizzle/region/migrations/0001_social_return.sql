CREATE TABLE "contract" (
	"id" uuid PRIMARY KEY NOT NULL,
	"buyer_municipality_code" text NOT NULL,
	"contractor_id" uuid NOT NULL,
	"title" text NOT NULL,
	"title_key" text COLLATE "C" NOT NULL,
	"tender_reference" text,
	"cpv_code" text NOT NULL,
	"value_excl_vat" numeric(14, 2) NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"award_date" date NOT NULL,
	"threshold_amount" numeric(14, 2) NOT NULL,
	"table_version" text NOT NULL,
	"obligation_percentage" numeric(5, 2) NOT NULL,
	"obligation_base_type" text NOT NULL,
	"obligation_amount" numeric(14, 2),
	"created_at" timestamp(6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(6) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisation" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kvk_number" char(8) NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp(6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisation_kvk" UNIQUE("kvk_number")
);
--> statement-breakpoint
CREATE TABLE "realisation" (
	"id" uuid PRIMARY KEY NOT NULL,
	"contract_id" uuid NOT NULL,
	"route" text NOT NULL,
	"target_group" text,
	"hours_per_week" numeric(5, 2),
	"months" integer,
	"hours" numeric(8, 2),
	"start_date" date,
	"end_date" date,
	"invoice_amount" numeric(14, 2),
	"invoice_date" date,
	"supplier_id" text,
	"supplier_snapshot" jsonb,
	"rule" jsonb NOT NULL,
	"credited_amount" numeric(14, 2) NOT NULL,
	"explanation" text NOT NULL,
	"status" text DEFAULT 'SUBMITTED' NOT NULL,
	"rejection_reason" text,
	"decided_by" text,
	"decided_at" timestamp(6) with time zone,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp(6) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contract" ADD CONSTRAINT "contract_contractor_id_organisation_id_fk" FOREIGN KEY ("contractor_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "realisation" ADD CONSTRAINT "realisation_contract_id_contract_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contract"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contract_award_order" ON "contract" USING btree ("award_date" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "contract_title_order" ON "contract" USING btree ("title_key","id");--> statement-breakpoint
CREATE INDEX "contract_contractor" ON "contract" USING btree ("contractor_id");--> statement-breakpoint
CREATE INDEX "contract_buyer" ON "contract" USING btree ("buyer_municipality_code");--> statement-breakpoint
CREATE INDEX "realisation_contract" ON "realisation" USING btree ("contract_id","recorded_at","id");