-- DropIndex
DROP INDEX "AuditEvent_teamId_action_createdAt_idx";

-- DropIndex
DROP INDEX "AuditEvent_teamId_actorId_createdAt_idx";

-- DropIndex
DROP INDEX "AuditEvent_teamId_createdAt_id_idx";

-- CreateIndex
CREATE INDEX "AuditEvent_chainKey_createdAt_id_idx" ON "AuditEvent"("chainKey", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_chainKey_actorId_createdAt_id_idx" ON "AuditEvent"("chainKey", "actorId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_chainKey_action_createdAt_id_idx" ON "AuditEvent"("chainKey", "action", "createdAt", "id");
