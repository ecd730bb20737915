CREATE TABLE "retention_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"drafts" integer NOT NULL,
	"rate_limits" integer NOT NULL,
	"feedback" integer NOT NULL,
	"opt_outs" integer NOT NULL,
	"emails" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "retention_runs_started_idx" ON "retention_runs" USING btree ("started_at");