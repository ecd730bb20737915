CREATE TABLE "feedback_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"type" text NOT NULL,
	"rights_request" text,
	"about_own_record" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"received_on" date NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledge_by" date,
	"respond_by" date,
	"extension_months" integer,
	"extension_reason_encrypted" text,
	"extended_at" timestamp with time zone,
	"reply_by" text NOT NULL,
	"message_encrypted" text NOT NULL,
	"topic_encrypted" text,
	"name_encrypted" text,
	"email_encrypted" text,
	"phone_encrypted" text,
	"postal_address_encrypted" text,
	"date_of_birth_encrypted" text,
	"postcode_encrypted" text,
	"acknowledged_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_items_reference_unique" UNIQUE("reference"),
	CONSTRAINT "feedback_items_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "page_feedback" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"idempotency_key" text NOT NULL,
	"path" text NOT NULL,
	"helpful" boolean NOT NULL,
	"comment_encrypted" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"commented_at" timestamp with time zone,
	CONSTRAINT "page_feedback_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE INDEX "feedback_items_open_idx" ON "feedback_items" USING btree ("status","respond_by") WHERE status <> 'closed';--> statement-breakpoint
CREATE INDEX "feedback_items_received_idx" ON "feedback_items" USING btree ("received_on");--> statement-breakpoint
CREATE INDEX "page_feedback_path_idx" ON "page_feedback" USING btree ("path","created_at");