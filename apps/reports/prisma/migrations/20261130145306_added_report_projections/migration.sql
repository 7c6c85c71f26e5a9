-- CreateTable
CREATE TABLE "report_case_event" (
    "case_id" UUID NOT NULL,
    "aggregate_version" INTEGER NOT NULL,
    "event_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "tracking_no" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "due_at" TIMESTAMPTZ(3),
    "lead_department_id" UUID,
    "requester_type" TEXT,
    "details" JSONB NOT NULL,

    CONSTRAINT "report_case_event_pkey" PRIMARY KEY ("case_id","aggregate_version")
);

-- CreateTable
CREATE TABLE "report_item" (
    "item_id" UUID NOT NULL,
    "aggregate_version" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "category_code" TEXT NOT NULL,
    "channels" TEXT[],
    "status" TEXT NOT NULL,

    CONSTRAINT "report_item_pkey" PRIMARY KEY ("item_id")
);

-- CreateTable
CREATE TABLE "report_category" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL,

    CONSTRAINT "report_category_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "report_publication" (
    "publication_id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "item_code" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "round_id" UUID,
    "channels" TEXT[],
    "published_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "report_publication_pkey" PRIMARY KEY ("publication_id")
);

-- CreateTable
CREATE TABLE "report_revision" (
    "revision_id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "item_code" TEXT NOT NULL,
    "revision_no" INTEGER NOT NULL,
    "trigger" TEXT NOT NULL,
    "effective_date" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "lead_department_id" UUID NOT NULL,
    "previous_lead_department_id" UUID,

    CONSTRAINT "report_revision_pkey" PRIMARY KEY ("revision_id")
);

-- CreateTable
CREATE TABLE "report_round" (
    "round_id" UUID NOT NULL,
    "aggregate_version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "academic_year" TEXT NOT NULL,
    "half" TEXT NOT NULL,
    "notice_date" TEXT NOT NULL,
    "deadline" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "task_count" INTEGER,
    "opened_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "summary" JSONB,

    CONSTRAINT "report_round_pkey" PRIMARY KEY ("round_id")
);

-- CreateTable
CREATE TABLE "report_task" (
    "task_id" UUID NOT NULL,
    "aggregate_version" INTEGER NOT NULL,
    "round_id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "department_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "deadline" TEXT NOT NULL,
    "overdue" BOOLEAN NOT NULL,

    CONSTRAINT "report_task_pkey" PRIMARY KEY ("task_id")
);

-- CreateTable
CREATE TABLE "report_hotspot" (
    "report_id" UUID NOT NULL,
    "from_date" TEXT NOT NULL,
    "to_date" TEXT NOT NULL,
    "categories" JSONB NOT NULL,
    "keywords" JSONB NOT NULL,

    CONSTRAINT "report_hotspot_pkey" PRIMARY KEY ("report_id")
);

-- CreateTable
CREATE TABLE "report_text" (
    "academic_year" TEXT NOT NULL,
    "section" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "saved_by" TEXT NOT NULL,
    "saved_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "report_text_pkey" PRIMARY KEY ("academic_year","section","version")
);

-- CreateIndex
CREATE INDEX "report_case_event_received_at_idx" ON "report_case_event"("received_at");

-- CreateIndex
CREATE INDEX "report_publication_published_at_idx" ON "report_publication"("published_at");

-- CreateIndex
CREATE INDEX "report_task_round_id_idx" ON "report_task"("round_id");
