CREATE TABLE "churn_models" (
	"id" serial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"kind" text NOT NULL,
	"horizon_months" integer NOT NULL,
	"trained_on" text NOT NULL,
	"train_rows" integer NOT NULL,
	"positives" integer NOT NULL,
	"metrics" jsonb NOT NULL,
	"params" jsonb NOT NULL,
	"model_json" text NOT NULL,
	"is_active" boolean DEFAULT false NOT NULL,
	"trained_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scoring_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"as_of" date NOT NULL,
	"status" text NOT NULL,
	"trigger" text NOT NULL,
	"settings_version" integer NOT NULL,
	"model_id" integer,
	"stage" text DEFAULT 'queued' NOT NULL,
	"subscribers" integer DEFAULT 0 NOT NULL,
	"timings" jsonb,
	"checks" jsonb,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "scoring_settings_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"document" jsonb NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscriber_scores" (
	"subscriber_id" bigint NOT NULL,
	"run_id" integer NOT NULL,
	"model_id" integer,
	"probability" real NOT NULL,
	"risk_band" text NOT NULL,
	"tier" text NOT NULL,
	"tier_reason" text NOT NULL,
	"lifecycle_stage" text NOT NULL,
	"vip_kind" text NOT NULL,
	"contribution_class" text NOT NULL,
	"in_target_pool" boolean NOT NULL,
	"segments" text[] NOT NULL,
	"signal_codes" text[] NOT NULL,
	"signals" json NOT NULL,
	"reasons" json NOT NULL,
	"key_moments" json NOT NULL,
	"arpu3_fen" bigint,
	"revenue_at_risk_fen" bigint NOT NULL,
	"series" json NOT NULL,
	"city" text NOT NULL,
	CONSTRAINT "subscriber_scores_subscriber_id_run_id_pk" PRIMARY KEY("subscriber_id","run_id")
) PARTITION BY LIST ("run_id");
--> statement-breakpoint
ALTER TABLE "scoring_runs" ADD CONSTRAINT "scoring_runs_model_id_churn_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."churn_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scoring_settings_versions" ADD CONSTRAINT "scoring_settings_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "churn_models_one_active_idx" ON "churn_models" USING btree ("is_active") WHERE "churn_models"."is_active";--> statement-breakpoint
CREATE INDEX "scoring_runs_status_idx" ON "scoring_runs" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "subscriber_scores_run_risk_idx" ON "subscriber_scores" USING btree ("run_id","probability" DESC NULLS LAST,"subscriber_id");