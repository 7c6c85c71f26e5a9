-- CreateTable
CREATE TABLE "complaint_case" (
    "id" UUID NOT NULL,
    "tracking_no" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "external_no" TEXT,
    "batch_ref" TEXT,
    "category" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "city_due_at" TIMESTAMPTZ(3),
    "lead_department_id" UUID,
    "co_department_ids" UUID[],
    "handler_id" UUID,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "flag_reason" TEXT,
    "supervised" BOOLEAN NOT NULL DEFAULT false,
    "reopen_count" INTEGER NOT NULL DEFAULT 0,
    "escalated" BOOLEAN NOT NULL DEFAULT false,
    "urged_count" INTEGER NOT NULL DEFAULT 0,
    "attachments" JSONB NOT NULL DEFAULT '[]',
    "verification_hash" TEXT NOT NULL,
    "dispatched_at" TIMESTAMPTZ(3),
    "accepted_at" TIMESTAMPTZ(3),
    "first_contact_at" TIMESTAMPTZ(3),
    "replied_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "satisfaction" TEXT,
    "resolution" TEXT,
    "callback_note" TEXT,
    "callback_at" TIMESTAMPTZ(3),
    "sla_policy" JSONB NOT NULL,
    "clock_start_at" TIMESTAMPTZ(3) NOT NULL,
    "clock_cycle" INTEGER NOT NULL DEFAULT 1,
    "pauses" JSONB NOT NULL DEFAULT '[]',
    "extended_working_days" INTEGER NOT NULL DEFAULT 0,
    "due_at" TIMESTAMPTZ(3),
    "warn_at" TIMESTAMPTZ(3),
    "response_due_at" TIMESTAMPTZ(3),
    "response_warn_at" TIMESTAMPTZ(3),
    "requester_type" TEXT,
    "registered_at" TIMESTAMPTZ(3),
    "correction_requested_at" TIMESTAMPTZ(3),
    "correction_notice" TEXT,
    "correction_answer_due_at" TIMESTAMPTZ(3),
    "corrected_at" TIMESTAMPTZ(3),
    "correction_lapsed" BOOLEAN NOT NULL DEFAULT false,
    "third_party_sought_at" TIMESTAMPTZ(3),
    "extension" JSONB,
    "decision" JSONB,
    "result" TEXT,
    "result_reason" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "investigation_started_at" TIMESTAMPTZ(3),
    "finding" TEXT,
    "substantiated" BOOLEAN,
    "concluded_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "complaint_case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_requester" (
    "case_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "contact" TEXT NOT NULL,

    CONSTRAINT "case_requester_pkey" PRIMARY KEY ("case_id")
);

-- CreateTable
CREATE TABLE "case_entry" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" JSONB NOT NULL,
    "visibility" TEXT NOT NULL,
    "text" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "case_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_category" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kinds" TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_category_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "sla_notice" (
    "case_id" UUID NOT NULL,
    "clock" TEXT NOT NULL,
    "notice" TEXT NOT NULL,
    "cycle" INTEGER NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sla_notice_pkey" PRIMARY KEY ("case_id","clock","notice","cycle")
);

-- CreateTable
CREATE TABLE "score_weights" (
    "version" INTEGER NOT NULL,
    "response" DOUBLE PRECISION NOT NULL,
    "resolution" DOUBLE PRECISION NOT NULL,
    "satisfaction" DOUBLE PRECISION NOT NULL,
    "effective_from" DATE NOT NULL,
    "note" TEXT,
    "created_by" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "score_weights_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "hotspot_report" (
    "id" UUID NOT NULL,
    "from_date" DATE NOT NULL,
    "to_date" DATE NOT NULL,
    "content" JSONB NOT NULL,
    "reported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hotspot_report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "role_holder" (
    "binding_id" UUID NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" UUID NOT NULL,
    "role" TEXT NOT NULL,
    "department_id" UUID,
    "valid_from" TIMESTAMPTZ(3) NOT NULL,
    "valid_to" TIMESTAMPTZ(3),
    "active" BOOLEAN NOT NULL,
    "version" INTEGER NOT NULL,

    CONSTRAINT "role_holder_pkey" PRIMARY KEY ("binding_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "complaint_case_tracking_no_key" ON "complaint_case"("tracking_no");

-- CreateIndex
CREATE INDEX "complaint_case_received_at_idx" ON "complaint_case"("received_at");

-- CreateIndex
CREATE INDEX "complaint_case_lead_department_id_idx" ON "complaint_case"("lead_department_id");

-- CreateIndex
CREATE INDEX "complaint_case_handler_id_idx" ON "complaint_case"("handler_id");

-- CreateIndex
CREATE INDEX "complaint_case_status_due_at_idx" ON "complaint_case"("status", "due_at");

-- CreateIndex
CREATE UNIQUE INDEX "complaint_case_source_external_no_key" ON "complaint_case"("source", "external_no");

-- CreateIndex
CREATE INDEX "case_entry_case_id_occurred_at_idx" ON "case_entry"("case_id", "occurred_at");

-- CreateIndex
CREATE INDEX "role_holder_role_department_id_idx" ON "role_holder"("role", "department_id");

-- AddForeignKey
ALTER TABLE "case_requester" ADD CONSTRAINT "case_requester_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "complaint_case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_entry" ADD CONSTRAINT "case_entry_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "complaint_case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
