CREATE TABLE "update_digests" (
	"week_start" text PRIMARY KEY NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recipients" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "update_sends" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"content_hash" text NOT NULL,
	"topic" text,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"sent_on" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recipients" integer NOT NULL,
	CONSTRAINT "update_sends_version_unique" UNIQUE("slug","content_hash")
);
