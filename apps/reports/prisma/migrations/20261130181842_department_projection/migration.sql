-- CreateTable
CREATE TABLE "department_projection" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "parent_id" UUID,
    "status" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "last_event_id" UUID NOT NULL,

    CONSTRAINT "department_projection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "department_projection_code_idx" ON "department_projection"("code");
