-- AlterTable
ALTER TABLE "api_client" ADD COLUMN     "act_for_roles" TEXT[] DEFAULT ARRAY[]::TEXT[];
