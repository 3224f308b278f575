// `npm run audit:verify [-- --team <id>] [--no-record]`: verifies every audit hash chain (each
// team's and the "global" one of sign-ins), or one team's, against DATABASE_URL. Prints one line
// per chain and exits 1 when any chain is broken (2 on a usage or connection error). Each check is
// recorded as an `audit.verify` event at the end of the chain it checked (actor: none, user agent
// "berth audit:verify"), as the page's button does, unless --no-record.
//
// Runs under plain tsx, outside Next, and needs DATABASE_URL only: it brings its own Prisma client
// and passes the request context, so neither the app's configuration nor a request is needed.
import { randomUUID } from "node:crypto";
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

const USAGE = "Usage: npm run audit:verify [-- [--team <teamId>] [--no-record]]   (reads DATABASE_URL)";

function parseArgs(argv: string[]): { team?: string; record: boolean } {
  const out: { team?: string; record: boolean } = { record: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--no-record") out.record = false;
    else if (argv[i] === "--team" && argv[i + 1] && !out.team) out.team = argv[++i];
    else throw new Error(USAGE);
  }
  return out;
}

function describe(r: VerifyResult): string {
  if (r.ok) return `ok      ${r.chainKey}  ${r.checked} events`;
  const bad = r.firstBad!;
  return `BROKEN  ${r.chainKey}  first bad event ${bad.id} (${bad.action}, ${bad.createdAt}): ${bad.reason}; ${r.checked} events before it are intact`;
}

async function main(): Promise<number> {
  const { team, record } = parseArgs(process.argv.slice(2));
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set.");
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
  try {
    const source = prismaChainSource(client);
    const known = await source.chainKeys();
    if (team && !known.includes(team)) throw new Error(`No audit events for team ${team}.`);
    const keys = team ? [team] : known;
    const context = { ip: "", userAgent: "berth audit:verify", requestId: randomUUID() };
    let broken = 0;
    for (const key of keys) {
      const result = await verifyChain(source, key);
      if (!result.ok) broken += 1;
      console.log(describe(result));
      if (record) {
        const teamId = key === "global" ? null : key;
        await client.$transaction((tx) => recordAudit(tx, { ...verifyEventFields(result), actor: null, teamId, context }));
      }
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
