-- Hand-written (Prisma does not model statistics objects; later `db:migration` diffs ignore it).
-- "chainKey" and "action" are strongly correlated: the "global" chain holds only sign-in/out/up
-- events. Without this, the planner multiplies their selectivities, underestimates the global
-- sign-ins of a team's members ~20x and picks a BitmapAnd instead of the ordered
-- (chainKey, actorId, createdAt, id) index scan: 880 ms instead of 13 ms on 1M events (bench/README.md).
CREATE STATISTICS "AuditEvent_chainKey_action_stat" (mcv, dependencies) ON "chainKey", "action" FROM "AuditEvent";
