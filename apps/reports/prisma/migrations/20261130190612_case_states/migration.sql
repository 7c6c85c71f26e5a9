-- CreateTable
CREATE TABLE "report_case" (
    "case_id" UUID NOT NULL,
    "academic_year" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL,
    "year_end_state" JSONB NOT NULL,
    "current_status" TEXT NOT NULL,
    "current_state" JSONB NOT NULL,

    CONSTRAINT "report_case_pkey" PRIMARY KEY ("case_id")
);

-- CreateIndex
CREATE INDEX "report_case_academic_year_kind_idx" ON "report_case"("academic_year", "kind");

-- CreateIndex
CREATE INDEX "report_case_current_status_idx" ON "report_case"("current_status");

-- CreateIndex
CREATE INDEX "report_case_received_at_idx" ON "report_case"("received_at");
