// `npm run audit:verify [-- --team <id>]`: verifies every audit hash chain (each team's and the
// "global" one of sign-ins), or one team's, against DATABASE_URL. Prints one line per chain and
// exits 1 when any chain is broken (2 on a usage or connection error).
//
// Runs under plain tsx, outside Next: it loads only lib/audit/verify-chain.ts (no `server-only`,
// no app configuration), so it needs DATABASE_URL and nothing else. Read-only: it records nothing.
import Module from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import type { VerifyResult } from "@/lib/audit/verify-chain";
import { PrismaClient } from "@/lib/generated/prisma/client";

// The hash chain uses `canonicalize`, published as ESM with an "import"-only export map, which
// tsx's CommonJS mode (this package has no "type": "module") cannot resolve. Point `require` at
// its file (Node >= 20.19 loads an ES module through require), then load the verifier.
const CANONICALIZE = path.resolve(__dirname, "../node_modules/canonicalize/lib/canonicalize.js");
const resolving = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolveFilename = resolving._resolveFilename;
resolving._resolveFilename = (request, ...rest) => (request === "canonicalize" ? CANONICALIZE : resolveFilename(request, ...rest));
process.removeAllListeners("warning"); // the one-line "loading ES Module using require()" notice
const { prismaChainSource, verifyChain } = require("@/lib/audit/verify-chain") as typeof import("@/lib/audit/verify-chain");

const USAGE = "Usage: npm run audit:verify [-- --team <teamId>]   (reads DATABASE_URL)";

function parseArgs(argv: string[]): { team?: string } {
  if (argv.length === 0) return {};
  if (argv.length === 2 && argv[0] === "--team" && argv[1]) return { team: argv[1] };
  throw new Error(USAGE);
}

function describe(r: VerifyResult): string {
  if (r.ok) return `ok      ${r.chainKey}  ${r.checked} events`;
  const bad = r.firstBad!;
  return `BROKEN  ${r.chainKey}  first bad event ${bad.id} (${bad.action}, ${bad.createdAt}): ${bad.reason}; ${r.checked} events before it are intact`;
}

async function main(): Promise<number> {
  const { team } = parseArgs(process.argv.slice(2));
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set.");
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
  try {
    const source = prismaChainSource(client);
    const keys = team ? [team] : await source.chainKeys();
    let broken = 0;
    for (const key of keys) {
      const result = await verifyChain(source, key);
      if (!result.ok) broken += 1;
      console.log(describe(result));
    }
    if (team && keys.length === 1) {
      const exists = await client.auditEvent.count({ where: { chainKey: team }, take: 1 });
      if (!exists) console.log(`note: no events found for team ${team}`);
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
