-- CreateIndex
CREATE INDEX "AuditEvent_chainKey_result_createdAt_id_idx" ON "AuditEvent"("chainKey", "result", "createdAt", "id");
