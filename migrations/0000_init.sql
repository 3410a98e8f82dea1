CREATE TABLE "platform_credentials" (
	"tenant_id" text NOT NULL,
	"platform" text NOT NULL,
	"config" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "platform_credentials_tenant_id_platform_pk" PRIMARY KEY("tenant_id","platform")
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"timezone" text DEFAULT 'Asia/Shanghai' NOT NULL,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reporting_lines" (
	"tenant_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"supervisor_id" uuid NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reporting_lines_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "user_identities" (
	"tenant_id" text NOT NULL,
	"platform" text NOT NULL,
	"id_type" text NOT NULL,
	"value" text NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "user_identities_tenant_id_platform_id_type_value_pk" PRIMARY KEY("tenant_id","platform","id_type","value")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"tenant_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"role" text DEFAULT 'rep' NOT NULL,
	"team" text,
	"region" text,
	"email" text,
	"active" boolean DEFAULT true NOT NULL,
	"external_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "users_tenant_external_ref" UNIQUE("tenant_id","external_ref")
);
--> statement-breakpoint
CREATE TABLE "chat_bindings" (
	"tenant_id" text NOT NULL,
	"platform" text NOT NULL,
	"chat_id" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"bound_by" uuid,
	"bound_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_bindings_tenant_id_platform_chat_id_pk" PRIMARY KEY("tenant_id","platform","chat_id")
);
--> statement-breakpoint
CREATE TABLE "contact_identities" (
	"tenant_id" text NOT NULL,
	"platform" text NOT NULL,
	"id_type" text NOT NULL,
	"value" text NOT NULL,
	"contact_id" uuid NOT NULL,
	CONSTRAINT "contact_identities_tenant_id_platform_id_type_value_pk" PRIMARY KEY("tenant_id","platform","id_type","value")
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"tenant_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid,
	"name" text NOT NULL,
	"title" text,
	"role" text DEFAULT 'other' NOT NULL,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contacts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"tenant_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"sector" text,
	"country" text,
	"employees" integer,
	"revenue_fen" bigint,
	"year_established" integer,
	"parent_name" text,
	"external_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "customers_tenant_external_ref" UNIQUE("tenant_id","external_ref")
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"tenant_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid,
	"contact_id" uuid,
	"owner_id" uuid,
	"title" text,
	"source" text DEFAULT 'manual' NOT NULL,
	"class" text DEFAULT 'standard' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"amount_fen" bigint,
	"first_contact_at" timestamp with time zone,
	"last_action_at" timestamp with time zone,
	"external_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leads_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "leads_tenant_external_ref" UNIQUE("tenant_id","external_ref")
);
--> statement-breakpoint
CREATE TABLE "deals" (
	"tenant_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lead_id" uuid,
	"customer_id" uuid,
	"owner_id" uuid,
	"title" text,
	"product" text,
	"source" text DEFAULT 'manual' NOT NULL,
	"class" text DEFAULT 'standard' NOT NULL,
	"stage" text NOT NULL,
	"source_stage" text,
	"status" text DEFAULT 'open' NOT NULL,
	"amount_fen" bigint,
	"closed_at" timestamp with time zone,
	"external_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "deals_tenant_external_ref" UNIQUE("tenant_id","external_ref")
);
--> statement-breakpoint
CREATE TABLE "sales_actions" (
	"tenant_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"customer_id" uuid,
	"contact_id" uuid,
	"lead_id" uuid,
	"deal_id" uuid,
	"channel" text NOT NULL,
	"platform" text NOT NULL,
	"direction" text DEFAULT 'rep' NOT NULL,
	"summary" text,
	"keywords" text[] DEFAULT '{}' NOT NULL,
	"duration_seconds" bigint,
	"inbox_event_id" uuid,
	"source_ref" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sales_actions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "sales_actions_tenant_source_ref" UNIQUE("tenant_id","source_ref")
);
--> statement-breakpoint
CREATE TABLE "inbox_events" (
	"tenant_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"platform" text NOT NULL,
	"transport" text NOT NULL,
	"dedup_key" text NOT NULL,
	"vendor_type" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"ignore_reason" text,
	"event" jsonb NOT NULL,
	"raw" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	CONSTRAINT "inbox_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "inbox_events_tenant_platform_dedup" UNIQUE("tenant_id","platform","dedup_key")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"tenant_id" text NOT NULL,
	"id" bigserial NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "audit_log_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"tenant_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"platform" text NOT NULL,
	"kind" text NOT NULL,
	"recipient" jsonb NOT NULL,
	"payload" jsonb NOT NULL,
	"dedup_key" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"platform_message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "outbox_tenant_dedup" UNIQUE("tenant_id","dedup_key")
);
--> statement-breakpoint
ALTER TABLE "platform_credentials" ADD CONSTRAINT "platform_credentials_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_lines" ADD CONSTRAINT "reporting_lines_tenant_id_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_lines" ADD CONSTRAINT "reporting_lines_tenant_id_supervisor_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","supervisor_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_identities" ADD CONSTRAINT "user_identities_tenant_id_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_bindings" ADD CONSTRAINT "chat_bindings_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_identities" ADD CONSTRAINT "contact_identities_tenant_id_contact_id_contacts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","contact_id") REFERENCES "public"."contacts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_tenant_id_owner_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","owner_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_tenant_id_owner_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","owner_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reporting_lines_supervisor" ON "reporting_lines" USING btree ("tenant_id","supervisor_id");--> statement-breakpoint
CREATE INDEX "user_identities_user" ON "user_identities" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "contact_identities_contact" ON "contact_identities" USING btree ("tenant_id","contact_id");--> statement-breakpoint
CREATE INDEX "contacts_customer" ON "contacts" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "customers_tenant_name" ON "customers" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "leads_customer" ON "leads" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "leads_owner_status" ON "leads" USING btree ("tenant_id","owner_id","status");--> statement-breakpoint
CREATE INDEX "deals_customer" ON "deals" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "deals_owner_status" ON "deals" USING btree ("tenant_id","owner_id","status");--> statement-breakpoint
CREATE INDEX "sales_actions_lead_time" ON "sales_actions" USING btree ("tenant_id","lead_id","occurred_at");--> statement-breakpoint
CREATE INDEX "sales_actions_customer_time" ON "sales_actions" USING btree ("tenant_id","customer_id","occurred_at");--> statement-breakpoint
CREATE INDEX "sales_actions_actor_time" ON "sales_actions" USING btree ("tenant_id","actor_id","occurred_at");--> statement-breakpoint
CREATE INDEX "inbox_events_pending" ON "inbox_events" USING btree ("next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "inbox_events_tenant_received" ON "inbox_events" USING btree ("tenant_id","received_at");--> statement-breakpoint
CREATE INDEX "audit_log_subject" ON "audit_log" USING btree ("tenant_id","subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "outbox_pending" ON "outbox" USING btree ("next_attempt_at") WHERE status = 'pending';