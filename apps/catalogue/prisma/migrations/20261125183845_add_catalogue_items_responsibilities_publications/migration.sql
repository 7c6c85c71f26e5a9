-- CreateTable
CREATE TABLE "category" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_variants" TEXT[],
    "origin" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "category_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "catalogue_item" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "moe_item_no" TEXT,
    "title" TEXT NOT NULL,
    "category_code" TEXT NOT NULL,
    "description" TEXT,
    "legal_basis" TEXT,
    "scope" TEXT NOT NULL,
    "cycle" JSONB NOT NULL,
    "time_limit_days" INTEGER,
    "channels" TEXT[],
    "column_url" TEXT,
    "status" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "uncertain" BOOLEAN NOT NULL DEFAULT false,
    "uncertainty_note" TEXT,
    "pending_change_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "catalogue_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "responsibility_revision" (
    "id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "revision_no" INTEGER NOT NULL,
    "lead_department_id" UUID NOT NULL,
    "co_department_ids" UUID[],
    "reason" TEXT NOT NULL,
    "effective_date" DATE NOT NULL,
    "trigger" TEXT NOT NULL,
    "reorganisation_ref" TEXT,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recorded_by" JSONB NOT NULL,

    CONSTRAINT "responsibility_revision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "publication" (
    "id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "version" INTEGER,
    "state" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "task_id" UUID,
    "round_id" UUID,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "documents" JSONB NOT NULL,
    "attachments" JSONB NOT NULL,
    "channels" TEXT[],
    "publisher" TEXT,
    "information_changed_at" TIMESTAMPTZ(3),
    "due_at" TIMESTAMPTZ(3),
    "published_on_time" BOOLEAN,
    "created_by" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submitted_at" TIMESTAMPTZ(3),
    "submitted_by" JSONB,
    "secrecy_reviewer" TEXT,
    "secrecy_decision" TEXT,
    "secrecy_note" TEXT,
    "secrecy_reviewed_by" JSONB,
    "secrecy_reviewed_at" TIMESTAMPTZ(3),
    "published_at" TIMESTAMPTZ(3),
    "published_by" JSONB,
    "superseded_at" TIMESTAMPTZ(3),
    "withdrawn_at" TIMESTAMPTZ(3),
    "withdrawn_reason" TEXT,
    "withdrawn_by" JSONB,
    "content_hash" TEXT,
    "previous_hash" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "publication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "item_confirmation" (
    "id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "task_id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "confirmed_at" TIMESTAMPTZ(3) NOT NULL,
    "confirmed_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "item_confirmation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "catalogue_settings" (
    "id" INTEGER NOT NULL,
    "default_time_limit_days" INTEGER NOT NULL,
    "reason" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" JSONB,

    CONSTRAINT "catalogue_settings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reference_load" (
    "sha256" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "categories_inserted" INTEGER NOT NULL,
    "items_inserted" INTEGER NOT NULL,
    "loaded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reference_load_pkey" PRIMARY KEY ("sha256")
);

-- CreateIndex
CREATE UNIQUE INDEX "catalogue_item_code_key" ON "catalogue_item"("code");

-- CreateIndex
CREATE INDEX "catalogue_item_category_code_idx" ON "catalogue_item"("category_code");

-- CreateIndex
CREATE INDEX "responsibility_revision_effective_date_idx" ON "responsibility_revision"("effective_date");

-- CreateIndex
CREATE UNIQUE INDEX "responsibility_revision_item_id_revision_no_key" ON "responsibility_revision"("item_id", "revision_no");

-- CreateIndex
CREATE UNIQUE INDEX "publication_task_id_key" ON "publication"("task_id");

-- CreateIndex
CREATE INDEX "publication_item_id_state_idx" ON "publication"("item_id", "state");

-- CreateIndex
CREATE UNIQUE INDEX "publication_item_id_version_key" ON "publication"("item_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "item_confirmation_task_id_key" ON "item_confirmation"("task_id");

-- CreateIndex
CREATE INDEX "item_confirmation_item_id_confirmed_at_idx" ON "item_confirmation"("item_id", "confirmed_at");

-- AddForeignKey
ALTER TABLE "catalogue_item" ADD CONSTRAINT "catalogue_item_category_code_fkey" FOREIGN KEY ("category_code") REFERENCES "category"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "responsibility_revision" ADD CONSTRAINT "responsibility_revision_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "catalogue_item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publication" ADD CONSTRAINT "publication_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "catalogue_item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "item_confirmation" ADD CONSTRAINT "item_confirmation_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "catalogue_item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
