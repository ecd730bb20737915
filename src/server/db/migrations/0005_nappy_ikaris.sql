CREATE TABLE "opt_out_export_batches" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" bigint NOT NULL,
	"row_count" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "opt_out_requests" ADD COLUMN "objection_batch_id" bigint;--> statement-breakpoint
ALTER TABLE "opt_out_requests" ADD COLUMN "withdrawal_batch_id" bigint;--> statement-breakpoint
ALTER TABLE "opt_out_requests" ADD CONSTRAINT "opt_out_requests_objection_batch_id_opt_out_export_batches_id_fk" FOREIGN KEY ("objection_batch_id") REFERENCES "public"."opt_out_export_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opt_out_requests" ADD CONSTRAINT "opt_out_requests_withdrawal_batch_id_opt_out_export_batches_id_fk" FOREIGN KEY ("withdrawal_batch_id") REFERENCES "public"."opt_out_export_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "opt_out_requests_objection_batch_idx" ON "opt_out_requests" USING btree ("objection_batch_id");--> statement-breakpoint
CREATE INDEX "opt_out_requests_withdrawal_batch_idx" ON "opt_out_requests" USING btree ("withdrawal_batch_id");