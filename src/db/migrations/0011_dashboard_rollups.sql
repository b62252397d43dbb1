CREATE TABLE "score_rollup_runs" (
	"run_id" integer PRIMARY KEY NOT NULL,
	"previous_run_id" integer,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "score_rollups" (
	"run_id" integer NOT NULL,
	"team_id" integer,
	"city" text NOT NULL,
	"tier" text,
	"lifecycle_stage" text,
	"previous_tier" text,
	"subscribers" integer NOT NULL,
	"with_signal" integer NOT NULL,
	"at_risk" integer NOT NULL,
	"arpu3_fen_sum" bigint NOT NULL,
	"revenue_at_risk_fen_sum" bigint NOT NULL,
	"probability_sum" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "score_signal_rollups" (
	"run_id" integer NOT NULL,
	"team_id" integer,
	"city" text NOT NULL,
	"tier" text NOT NULL,
	"signal_code" text NOT NULL,
	"subscribers" integer NOT NULL,
	"revenue_at_risk_fen_sum" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "score_rollup_runs" ADD CONSTRAINT "score_rollup_runs_run_id_scoring_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."scoring_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_rollups" ADD CONSTRAINT "score_rollups_run_id_scoring_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."scoring_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_signal_rollups" ADD CONSTRAINT "score_signal_rollups_run_id_scoring_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."scoring_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "score_rollups_run_idx" ON "score_rollups" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "score_signal_rollups_run_idx" ON "score_signal_rollups" USING btree ("run_id");--> statement-breakpoint
-- Written by hand (Drizzle's index builder has no INCLUDE, and the schema files of these tables are
-- not the dashboards'): the dashboards read one run's narrow columns as an index-only scan, in
-- subscriber order so two runs merge-join (rollup writing, churn trend). On the partitioned parent it
-- cascades to every partition; a run's partition gets it at ATTACH.
CREATE INDEX "subscriber_scores_dashboard_idx" ON "subscriber_scores" USING btree ("run_id","subscriber_id") INCLUDE ("tier","lifecycle_stage","city","probability","arpu3_fen","revenue_at_risk_fen","signal_codes");--> statement-breakpoint
-- Churn periods are few: the churn trend and campaign funnels read them without scanning history.
CREATE INDEX "subscriber_status_history_churned_idx" ON "subscriber_status_history" USING btree ("valid_from","subscriber_id") WHERE "status" = 'churned';
