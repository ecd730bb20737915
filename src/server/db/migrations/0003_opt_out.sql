CREATE TABLE "opt_out_drafts" (
	"id" text PRIMARY KEY NOT NULL,
	"fields_encrypted" text NOT NULL,
	"submission_key" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opt_out_evidence" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"draft_id" text,
	"request_id" bigint,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"file_name_encrypted" text NOT NULL,
	"data_encrypted" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opt_out_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"route" text NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"nhs_number_hmac" text,
	"status_lookup_hmac" text NOT NULL,
	"patient_name_encrypted" text NOT NULL,
	"patient_date_of_birth_encrypted" text NOT NULL,
	"patient_nhs_number_encrypted" text,
	"patient_address_encrypted" text NOT NULL,
	"applicant_encrypted" text,
	"contact_email_encrypted" text,
	"contact_phone_encrypted" text,
	"has_email" boolean NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"contact_confirmed_at" timestamp with time zone,
	"identity_checked_at" timestamp with time zone,
	"applied_at" timestamp with time zone,
	"withdrawal_requested_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "opt_out_requests_reference_unique" UNIQUE("reference"),
	CONSTRAINT "opt_out_requests_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "opt_out_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"request_id" bigint NOT NULL,
	"purpose" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "opt_out_evidence" ADD CONSTRAINT "opt_out_evidence_draft_id_opt_out_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."opt_out_drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opt_out_evidence" ADD CONSTRAINT "opt_out_evidence_request_id_opt_out_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."opt_out_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opt_out_tokens" ADD CONSTRAINT "opt_out_tokens_request_id_opt_out_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."opt_out_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "opt_out_evidence_draft_idx" ON "opt_out_evidence" USING btree ("draft_id") WHERE draft_id is not null;--> statement-breakpoint
CREATE INDEX "opt_out_evidence_request_idx" ON "opt_out_evidence" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "opt_out_requests_nhs_idx" ON "opt_out_requests" USING btree ("nhs_number_hmac");--> statement-breakpoint
CREATE INDEX "opt_out_requests_status_idx" ON "opt_out_requests" USING btree ("status","status_changed_at");