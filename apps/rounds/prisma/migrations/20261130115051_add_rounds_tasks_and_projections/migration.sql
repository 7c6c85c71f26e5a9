-- CreateTable
CREATE TABLE "catalogue_item_projection" (
    "id" UUID NOT NULL,
    "code" TEXT,
    "title" TEXT,
    "category_code" TEXT,
    "status" TEXT,
    "item_version" INTEGER NOT NULL DEFAULT 0,
    "lead_department_id" UUID,
    "co_department_ids" UUID[],
    "responsibility_revision_no" INTEGER,
    "responsibility_date" DATE,
    "responsibility_version" INTEGER NOT NULL DEFAULT 0,
    "current_publication_id" UUID,
    "current_version" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "catalogue_item_projection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "role_holder" (
    "binding_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "role" TEXT NOT NULL,
    "department_id" UUID,
    "valid_from" TIMESTAMPTZ(3) NOT NULL,
    "valid_to" TIMESTAMPTZ(3),
    "status" TEXT NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "role_holder_pkey" PRIMARY KEY ("binding_id")
);

-- CreateTable
CREATE TABLE "person_projection" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "department_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "person_projection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "department_succession" (
    "department_id" UUID NOT NULL,
    "successor_id" UUID,
    "reorganisation_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "effective_date" DATE NOT NULL,

    CONSTRAINT "department_succession_pkey" PRIMARY KEY ("department_id")
);

-- CreateTable
CREATE TABLE "round" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "academic_year" TEXT NOT NULL,
    "half" TEXT NOT NULL,
    "notice_text" TEXT NOT NULL,
    "notice_date" DATE NOT NULL,
    "scope" JSONB NOT NULL,
    "deadline_rule" JSONB NOT NULL,
    "deadline" DATE NOT NULL,
    "reminder_working_days_before" INTEGER[],
    "status" TEXT NOT NULL,
    "opened_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "closed_forced" BOOLEAN NOT NULL DEFAULT false,
    "closed_forced_reason" TEXT,
    "task_count" INTEGER NOT NULL DEFAULT 0,
    "summary" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "round_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "item_code" TEXT NOT NULL,
    "item_title" TEXT NOT NULL,
    "department_id" UUID NOT NULL,
    "co_department_ids" UUID[],
    "assignee_id" UUID,
    "status" TEXT NOT NULL,
    "deadline" DATE NOT NULL,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "flag_reason" TEXT,
    "return_count" INTEGER NOT NULL DEFAULT 0,
    "submission" JSONB,
    "submitted_at" TIMESTAMPTZ(3),
    "late_submission" BOOLEAN NOT NULL DEFAULT false,
    "review" JSONB,
    "approved_by" TEXT,
    "approved_at" TIMESTAMPTZ(3),
    "approval_comments" TEXT,
    "last_return_comments" TEXT,
    "publication_id" UUID,
    "published_version" INTEGER,
    "published_at" TIMESTAMPTZ(3),
    "published_on_time" BOOLEAN,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_move" (
    "id" UUID NOT NULL,
    "task_id" UUID NOT NULL,
    "cause" TEXT NOT NULL,
    "from_department_id" UUID,
    "to_department_id" UUID,
    "from_assignee_id" UUID,
    "to_assignee_id" UUID,
    "moved_at" TIMESTAMPTZ(3) NOT NULL,
    "cause_event_id" UUID,

    CONSTRAINT "task_move_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "history_entry" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "task_id" UUID,
    "action" TEXT NOT NULL,
    "actor" JSONB NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "comments" TEXT,

    CONSTRAINT "history_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_notice" (
    "task_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "event_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "task_notice_pkey" PRIMARY KEY ("task_id","kind","day")
);

-- CreateIndex
CREATE INDEX "catalogue_item_projection_category_code_idx" ON "catalogue_item_projection"("category_code");

-- CreateIndex
CREATE INDEX "role_holder_department_id_role_status_idx" ON "role_holder"("department_id", "role", "status");

-- CreateIndex
CREATE INDEX "role_holder_person_id_status_idx" ON "role_holder"("person_id", "status");

-- CreateIndex
CREATE INDEX "round_academic_year_status_idx" ON "round"("academic_year", "status");

-- CreateIndex
CREATE INDEX "task_round_id_status_idx" ON "task"("round_id", "status");

-- CreateIndex
CREATE INDEX "task_department_id_status_idx" ON "task"("department_id", "status");

-- CreateIndex
CREATE INDEX "task_assignee_id_status_idx" ON "task"("assignee_id", "status");

-- CreateIndex
CREATE INDEX "task_item_id_status_idx" ON "task"("item_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "task_round_id_item_id_key" ON "task"("round_id", "item_id");

-- CreateIndex
CREATE INDEX "task_move_task_id_moved_at_idx" ON "task_move"("task_id", "moved_at");

-- CreateIndex
CREATE INDEX "history_entry_task_id_recorded_at_idx" ON "history_entry"("task_id", "recorded_at");

-- CreateIndex
CREATE INDEX "history_entry_round_id_recorded_at_idx" ON "history_entry"("round_id", "recorded_at");

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "round"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_move" ADD CONSTRAINT "task_move_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_notice" ADD CONSTRAINT "task_notice_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
