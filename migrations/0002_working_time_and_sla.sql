CREATE TABLE "calendar_overrides" (
	"tenant_id" text NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_overrides_tenant_id_day_pk" PRIMARY KEY("tenant_id","day")
);
--> statement-breakpoint
CREATE TABLE "lead_sla_steps" (
	"tenant_id" text NOT NULL,
	"lead_id" uuid NOT NULL,
	"step" text NOT NULL,
	"owner_id" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"met_at" timestamp with time zone,
	"met_by_action_id" uuid,
	"breached_at" timestamp with time zone,
	"escalate_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lead_sla_steps_tenant_id_lead_id_step_pk" PRIMARY KEY("tenant_id","lead_id","step")
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"tenant_id" text NOT NULL,
	"lead_class" text NOT NULL,
	"steps" jsonb NOT NULL,
	"escalate_after_working_hours" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_policies_tenant_id_lead_class_pk" PRIMARY KEY("tenant_id","lead_class")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "preferred_platform" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "sla_color" text DEFAULT 'green' NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_overrides" ADD CONSTRAINT "calendar_overrides_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lead_sla_steps_open_due" ON "lead_sla_steps" USING btree ("due_at") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "lead_sla_steps_escalation_due" ON "lead_sla_steps" USING btree ("escalate_at") WHERE status = 'breached' and escalated_at is null;