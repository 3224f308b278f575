-- AlterTable
ALTER TABLE "ClusterCredential" ADD COLUMN     "capabilities" JSONB,
ADD COLUMN     "capabilitiesAt" TIMESTAMP(3);
