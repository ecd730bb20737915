CREATE TABLE "opt_out_match_rows" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"upload_id" bigint NOT NULL,
	"request_id" bigint NOT NULL,
	"outcome" text NOT NULL,
	"mismatches" text[] NOT NULL,
	"practice_code" text
);
--> statement-breakpoint
CREATE TABLE "opt_out_match_uploads" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	"uploaded_by" bigint NOT NULL,
	"row_count" integer NOT NULL,
	"checked" integer NOT NULL,
	"exceptions" integer NOT NULL,
	"skipped" integer NOT NULL,
	CONSTRAINT "opt_out_match_uploads_sha256_unique" UNIQUE("sha256")
);
--> statement-breakpoint
ALTER TABLE "opt_out_match_rows" ADD CONSTRAINT "opt_out_match_rows_upload_id_opt_out_match_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."opt_out_match_uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "opt_out_match_rows_request_idx" ON "opt_out_match_rows" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "opt_out_match_rows_upload_idx" ON "opt_out_match_rows" USING btree ("upload_id","outcome");