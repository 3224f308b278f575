-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "Deployment_status_heartbeatAt_idx" ON "Deployment"("status", "heartbeatAt");

-- Records written before leases existed: their lease starts when they did (a finished record's
-- lease is never read; one still in progress from an older instance then counts as abandoned
-- once BERTH_DEPLOY_LEASE_SECONDS have passed since it started).
UPDATE "Deployment" SET "heartbeatAt" = "startedAt";
