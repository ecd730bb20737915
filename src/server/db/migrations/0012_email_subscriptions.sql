CREATE TABLE "email_subscriptions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email_lookup" text NOT NULL,
	"email_encrypted" text NOT NULL,
	"topics" text[] NOT NULL,
	"frequency" text NOT NULL,
	"lang" text DEFAULT 'en' NOT NULL,
	"confirm_token_hash" text,
	"confirmed_at" timestamp with time zone,
	"manage_token_hash" text NOT NULL,
	"manage_token_encrypted" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_subscriptions_email_lookup_unique" UNIQUE("email_lookup"),
	CONSTRAINT "email_subscriptions_confirm_token_hash_unique" UNIQUE("confirm_token_hash"),
	CONSTRAINT "email_subscriptions_manage_token_hash_unique" UNIQUE("manage_token_hash")
);
--> statement-breakpoint
ALTER TABLE "retention_runs" ADD COLUMN "unconfirmed_subscriptions" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "email_subscriptions_unconfirmed_idx" ON "email_subscriptions" USING btree ("created_at") WHERE confirmed_at is null;