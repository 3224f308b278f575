// The Postgres extensions Berth's migrations create (CREATE EXTENSION), loaded into every PGlite
// this project opens: the embedded database and the in-memory ones `migrate create` diffs on.
// PGlite ships them as separate WebAssembly modules, loaded only when named here. Each is a
// "trusted" extension on Postgres 13+ (a database owner may create it; managed Postgres offers it).
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

/** pg_trgm + btree_gin: the audit trail's target-name search index (migration …_audit_target_trgm). */
export const PGLITE_EXTENSIONS = { pg_trgm, btree_gin };
