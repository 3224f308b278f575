-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "messageMsg" JSONB;
