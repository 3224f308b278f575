// `npm run audit:verify [-- --team <id>] [--no-record] [--anchor FILE]`: verifies every audit hash
// chain (each team's and the "global" one of sign-ins), or one team's, against DATABASE_URL. Prints
// one line per chain and exits 1 when any chain is broken (2 on a usage or connection error). Each
// check is recorded as an `audit.verify` event at the end of the chain it checked (actor: none, user
// agent "berth audit:verify"), as the page's button does, unless --no-record.
//
// --anchor FILE (lib/audit/anchor.ts): the head (id + hash) each chain had at the last run must
// still be there, so deleting the newest events is detected too; intact chains' heads are then
// recorded in FILE (created when missing; a broken chain's entry is left as evidence). Run it on a
// schedule and keep FILE where the database's owners cannot rewrite it (docs/SECURITY.md).
//
// Runs under plain tsx, outside Next, and needs DATABASE_URL only: it brings its own Prisma client
// and passes the request context, so neither the app's configuration nor a request is needed.
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import Module from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import type { VerifyResult } from "@/lib/audit/verify-chain";
import { PrismaClient } from "@/lib/generated/prisma/client";

// Two packages need a hand outside Next: `canonicalize` (used by the hash chain) is ESM with an
// "import"-only export map, which tsx's CommonJS mode (this package has no "type": "module") cannot
// resolve, so `require` gets its file (Node >= 20.19 loads an ES module through require); and
// `server-only` resolves to its empty module, as under Next's "react-server" condition.
const root = path.resolve(__dirname, "..");
const REDIRECTS: Record<string, string> = {
  canonicalize: path.join(root, "node_modules/canonicalize/lib/canonicalize.js"),
  "server-only": path.join(root, "node_modules/server-only/empty.js"),
};
const resolving = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolveFilename = resolving._resolveFilename;
resolving._resolveFilename = (request, ...rest) => REDIRECTS[request] ?? resolveFilename(request, ...rest);
process.removeAllListeners("warning"); // the one-line "loading ES Module using require()" notice
const { prismaChainSource, verifyChain, verifyEventFields } = require("@/lib/audit/verify-chain") as typeof import("@/lib/audit/verify-chain");
const { recordAudit } = require("@/lib/server/audit") as typeof import("@/lib/server/audit");
const { advanceAnchor, checkAnchoredHead, emptyAnchor, parseAnchor } = require("@/lib/audit/anchor") as typeof import("@/lib/audit/anchor");

const USAGE = "Usage: npm run audit:verify [-- [--team <teamId>] [--no-record] [--anchor FILE]]   (reads DATABASE_URL)";

function parseArgs(argv: string[]): { team?: string; record: boolean; anchor?: string } {
  const out: { team?: string; record: boolean; anchor?: string } = { record: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--no-record") out.record = false;
    else if (argv[i] === "--team" && argv[i + 1] && !out.team) out.team = argv[++i];
    else if (argv[i] === "--anchor" && argv[i + 1] && !out.anchor) out.anchor = argv[++i];
    else throw new Error(USAGE);
  }
  return out;
}

function describe(r: VerifyResult, anchorBreak: string | null): string {
  if (anchorBreak) return `BROKEN  ${r.chainKey}  ${anchorBreak}; the ${r.checked} events left are intact`;
  if (r.ok) return `ok      ${r.chainKey}  ${r.checked} events`;
  const bad = r.firstBad!;
  return `BROKEN  ${r.chainKey}  first bad event ${bad.id} (${bad.action}, ${bad.createdAt}): ${bad.reason}; ${r.checked} events before it are intact`;
}

async function main(): Promise<number> {
  const { team, record, anchor: anchorFile } = parseArgs(process.argv.slice(2));
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set.");
  const anchor = anchorFile ? (existsSync(anchorFile) ? parseAnchor(readFileSync(anchorFile, "utf8")) : emptyAnchor()) : null;
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
  try {
    const source = prismaChainSource(client);
    const known = await source.chainKeys();
    const anchored = anchor ? Object.keys(anchor.chains) : [];
    if (team && !known.includes(team) && !anchored.includes(team)) throw new Error(`No audit events for team ${team}.`);
    // a chain the anchor knows but the database no longer has was deleted whole
    const keys = team ? [team] : [...new Set([...known, ...anchored])];
    const context = { ip: "", userAgent: "berth audit:verify", requestId: randomUUID() };
    let broken = 0;
    for (const key of keys) {
      const result = await verifyChain(source, key);
      const anchorBreak = result.ok && anchor?.chains[key] ? await checkAnchoredHead(source, key, anchor.chains[key]) : null;
      if (!result.ok || anchorBreak) broken += 1;
      console.log(describe(result, anchorBreak));
      if (record) {
        const teamId = key === "global" ? null : key;
        const fields = verifyEventFields(result);
        const event = anchorBreak ? { ...fields, summary: { ...fields.summary, ok: false, anchor: anchor!.chains[key] }, result: "failure" as const, reason: anchorBreak } : fields;
        await client.$transaction((tx) => recordAudit(tx, { ...event, actor: null, teamId, context }));
      }
      // after this run's own audit.verify event, so that deleting it is caught next time too
      if (anchor && result.ok && !anchorBreak) await advanceAnchor(anchor, source, key);
    }
    if (anchor && anchorFile) {
      const tmp = `${anchorFile}.${process.pid}.tmp`; // write-then-rename: never a half-written anchor
      writeFileSync(tmp, `${JSON.stringify(anchor, null, 2)}\n`);
      renameSync(tmp, anchorFile);
      console.log(`anchor ${anchorFile}: heads recorded for ${Object.keys(anchor.chains).length} chains`);
    }
    console.log(broken ? `${broken} of ${keys.length} chains BROKEN` : `${keys.length} chains verified, all intact`);
    return broken ? 1 : 0;
  } finally {
    await client.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
