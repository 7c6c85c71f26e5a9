-- AlterTable
ALTER TABLE "department_projection" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "aggregate_version" (
    "aggregate" TEXT NOT NULL,
    "version" INTEGER NOT NULL,

    CONSTRAINT "aggregate_version_pkey" PRIMARY KEY ("aggregate")
);

-- CreateTable
CREATE TABLE "consumer_position" (
    "consumer" TEXT NOT NULL,
    "aggregate" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consumer_position_pkey" PRIMARY KEY ("consumer","aggregate")
);

-- CreateTable
CREATE TABLE "held_event" (
    "consumer" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "aggregates" TEXT[],
    "waiting_for" TEXT NOT NULL,
    "stream_seq" BIGINT NOT NULL,
    "subject" TEXT NOT NULL,
    "raw_message" TEXT NOT NULL,
    "held_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "held_event_pkey" PRIMARY KEY ("consumer","event_id")
);

-- CreateIndex
CREATE INDEX "held_event_consumer_stream_seq_idx" ON "held_event"("consumer", "stream_seq");

-- CreateIndex
CREATE INDEX "inbox_processed_at_idx" ON "inbox"("processed_at");
