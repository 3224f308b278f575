-- CreateEnum
CREATE TYPE "DeployRequestStatus" AS ENUM ('pending', 'applying', 'applied', 'failed', 'rejected', 'withdrawn', 'expired');

-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "breakGlass" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "requestId" TEXT;

-- CreateTable
CREATE TABLE "ProtectionPolicy" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "namespaces" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "approvalsRequired" INTEGER NOT NULL DEFAULT 1,
    "approvers" TEXT NOT NULL DEFAULT 'managers',
    "approverIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "freezeWindows" JSONB NOT NULL DEFAULT '[]',
    "expiryHours" INTEGER NOT NULL DEFAULT 24,
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProtectionPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeployRequest" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "kind" "DeploymentKind" NOT NULL,
    "status" "DeployRequestStatus" NOT NULL DEFAULT 'pending',
    "clusterId" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "appName" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "templateId" TEXT,
    "templateVersionId" TEXT,
    "parameters" JSONB NOT NULL DEFAULT '{}',
    "manifest" TEXT NOT NULL,
    "options" JSONB NOT NULL DEFAULT '{}',
    "replayOfId" TEXT,
    "reason" TEXT NOT NULL DEFAULT '',
    "plan" JSONB NOT NULL,
    "planDigest" TEXT NOT NULL,
    "liveDigest" TEXT NOT NULL,
    "approvalsRequired" INTEGER NOT NULL,
    "message" TEXT NOT NULL DEFAULT '',
    "deploymentId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "DeployRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeployApproval" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "approverId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "planDigest" TEXT NOT NULL,
    "staleAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeployApproval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Webhook" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "format" TEXT NOT NULL DEFAULT 'json',
    "events" TEXT[],
    "secretCipher" BYTEA NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "lastStatusCode" INTEGER,
    "lastError" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProtectionPolicy_clusterId_key" ON "ProtectionPolicy"("clusterId");

-- CreateIndex
CREATE INDEX "ProtectionPolicy_teamId_idx" ON "ProtectionPolicy"("teamId");

-- CreateIndex
CREATE INDEX "DeployRequest_teamId_status_createdAt_idx" ON "DeployRequest"("teamId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "DeployRequest_status_expiresAt_idx" ON "DeployRequest"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "DeployApproval_requestId_createdAt_idx" ON "DeployApproval"("requestId", "createdAt");

-- CreateIndex
CREATE INDEX "Webhook_teamId_idx" ON "Webhook"("teamId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_webhookId_createdAt_idx" ON "WebhookDelivery"("webhookId", "createdAt");

-- AddForeignKey
ALTER TABLE "ProtectionPolicy" ADD CONSTRAINT "ProtectionPolicy_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeployRequest" ADD CONSTRAINT "DeployRequest_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeployRequest" ADD CONSTRAINT "DeployRequest_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeployRequest" ADD CONSTRAINT "DeployRequest_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeployRequest" ADD CONSTRAINT "DeployRequest_templateVersionId_fkey" FOREIGN KEY ("templateVersionId") REFERENCES "TemplateVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeployApproval" ADD CONSTRAINT "DeployApproval_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "DeployRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeployApproval" ADD CONSTRAINT "DeployApproval_approverId_fkey" FOREIGN KEY ("approverId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Webhook" ADD CONSTRAINT "Webhook_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook"("id") ON DELETE CASCADE ON UPDATE CASCADE;
