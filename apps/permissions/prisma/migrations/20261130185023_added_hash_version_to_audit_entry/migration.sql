-- AlterTable
ALTER TABLE "audit_entry" ADD COLUMN     "hash_version" SMALLINT NOT NULL DEFAULT 1;
