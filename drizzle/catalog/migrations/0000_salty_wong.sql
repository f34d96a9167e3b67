CREATE TABLE "category" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"group_name" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "category_cpv" (
	"category_code" text NOT NULL,
	"cpv_code" text NOT NULL,
	"label" text NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	CONSTRAINT "category_cpv_category_code_cpv_code_pk" PRIMARY KEY("category_code","cpv_code")
);
--> statement-breakpoint
CREATE TABLE "labour_market_region" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "municipality" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"labour_market_region_code" text NOT NULL,
	"owner_code" text
);
--> statement-breakpoint
CREATE TABLE "region" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"employer_service_point" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "target_group" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "category_cpv" ADD CONSTRAINT "category_cpv_category_code_category_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."category"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipality" ADD CONSTRAINT "municipality_labour_market_region_code_labour_market_region_code_fk" FOREIGN KEY ("labour_market_region_code") REFERENCES "public"."labour_market_region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipality" ADD CONSTRAINT "municipality_owner_code_region_code_fk" FOREIGN KEY ("owner_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;