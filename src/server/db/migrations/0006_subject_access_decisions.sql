CREATE TABLE "subject_access_decisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"searched_request_id" bigint NOT NULL,
	"linked_request_id" bigint NOT NULL,
	"decision" text NOT NULL,
	"decided_by" bigint NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subject_access_decisions_pair_unique" UNIQUE("searched_request_id","linked_request_id")
);
--> statement-breakpoint
ALTER TABLE "subject_access_decisions" ADD CONSTRAINT "subject_access_decisions_searched_request_id_opt_out_requests_id_fk" FOREIGN KEY ("searched_request_id") REFERENCES "public"."opt_out_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_access_decisions" ADD CONSTRAINT "subject_access_decisions_linked_request_id_opt_out_requests_id_fk" FOREIGN KEY ("linked_request_id") REFERENCES "public"."opt_out_requests"("id") ON DELETE cascade ON UPDATE no action;