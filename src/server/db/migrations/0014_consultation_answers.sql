CREATE TABLE "consultation_answers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"consultation" text NOT NULL,
	"choices" jsonb NOT NULL,
	"name_encrypted" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_answers_reference_unique" UNIQUE("reference"),
	CONSTRAINT "consultation_answers_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "consultation_result_contacts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"consultation" text NOT NULL,
	"slot_key" text NOT NULL,
	"email_encrypted" text NOT NULL,
	"received_on" date NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "consultation_result_contacts_slot_key_unique" UNIQUE("slot_key")
);
--> statement-breakpoint
CREATE TABLE "consultation_text_answers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"answer_id" bigint NOT NULL,
	"consultation" text NOT NULL,
	"question_id" text NOT NULL,
	"slot_key" text NOT NULL,
	"text_encrypted" text NOT NULL,
	"state" text NOT NULL,
	"moderated_at" timestamp with time zone,
	"moderated_by" bigint,
	CONSTRAINT "consultation_text_answers_slot_key_unique" UNIQUE("slot_key")
);
--> statement-breakpoint
ALTER TABLE "consultation_text_answers" ADD CONSTRAINT "consultation_text_answers_answer_id_consultation_answers_id_fk" FOREIGN KEY ("answer_id") REFERENCES "public"."consultation_answers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_answers_consultation_idx" ON "consultation_answers" USING btree ("consultation","received_at");--> statement-breakpoint
CREATE INDEX "consultation_text_answers_state_idx" ON "consultation_text_answers" USING btree ("consultation","state");