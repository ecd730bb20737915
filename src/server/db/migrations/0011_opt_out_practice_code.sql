ALTER TABLE "opt_out_export_batches" ADD COLUMN "practice_code" text;--> statement-breakpoint
ALTER TABLE "opt_out_requests" ADD COLUMN "practice_code" text;