// Pure: the digest a page error carries when the database could not be reached (set by
// lib/server/db-unavailable.ts, read by app/error.tsx in the browser).
export const DB_UNAVAILABLE_DIGEST = "BERTH_DATABASE_UNAVAILABLE";
