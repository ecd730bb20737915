CREATE TABLE "consultation_result_sends" (
	"consultation" text PRIMARY KEY NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"recipients" integer NOT NULL
);
