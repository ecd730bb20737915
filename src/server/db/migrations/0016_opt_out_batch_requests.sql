CREATE TABLE "opt_out_batch_requests" (
	"request_id" bigint NOT NULL,
	"batch_id" bigint NOT NULL,
	"change" text NOT NULL,
	CONSTRAINT "opt_out_batch_requests_request_id_change_pk" PRIMARY KEY("request_id","change")
);
--> statement-breakpoint
-- Written by hand (drizzle-kit cannot express it): every change already sent is copied from the two
-- columns on opt_out_requests into the new table, so an upgraded database sends nothing twice and
-- leaves nothing out. The columns stay for one release (migrations only add, so code older than
-- this still runs during a deploy or after a rollback); the next release copies what such code
-- wrote there since (ON CONFLICT DO NOTHING), then drops them.
INSERT INTO "opt_out_batch_requests" ("request_id", "batch_id", "change")
SELECT "id", "objection_batch_id", 'objection' FROM "opt_out_requests" WHERE "objection_batch_id" IS NOT NULL
UNION ALL
SELECT "id", "withdrawal_batch_id", 'withdrawal' FROM "opt_out_requests" WHERE "withdrawal_batch_id" IS NOT NULL;
--> statement-breakpoint
ALTER TABLE "opt_out_batch_requests" ADD CONSTRAINT "opt_out_batch_requests_batch_id_opt_out_export_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."opt_out_export_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "opt_out_batch_requests_batch_idx" ON "opt_out_batch_requests" USING btree ("batch_id");