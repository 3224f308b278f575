-- The audit review's target search (targetId = x OR targetName ILIKE %x%) inside one chain: a
-- trigram GIN index with the chain and the id as btree_gin keys. Both extensions are "trusted"
-- (a database owner may create them) and ship with PGlite (prisma/tools/pglite-extensions.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- CreateIndex
CREATE INDEX "AuditEvent_chainKey_target_trgm_idx" ON "AuditEvent" USING GIN ("chainKey" text_ops, "targetId" text_ops, "targetName" gin_trgm_ops);
