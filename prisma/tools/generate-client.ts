// `npm run db:generate`: runs `prisma generate` offline and only when the schema changed.
// Prisma's CLI insists on finding a native schema-engine binary even though `generate` never runs
// it, so we point PRISMA_SCHEMA_ENGINE_BINARY at an existing file (node itself).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "../..");
const outputDir = path.join(root, "lib/generated/prisma");
const stampFile = path.join(root, "lib/generated/.schema-hash");

/** Everything that shapes the generated client: the schema, the config and Prisma's version. */
function inputsHash(): string {
  const hash = createHash("sha256");
  for (const file of ["prisma/schema.prisma", "prisma.config.ts", "node_modules/prisma/package.json"]) {
    hash.update(file).update(readFileSync(path.join(root, file)));
  }
  return hash.digest("hex");
}

function main(): number {
  const hash = inputsHash();
  const upToDate = existsSync(outputDir) && existsSync(stampFile) && readFileSync(stampFile, "utf8").trim() === hash;
  if (upToDate && !process.argv.includes("--force")) {
    console.log("Prisma Client is up to date.");
    return 0;
  }
  const result = spawnSync(process.execPath, [require.resolve("prisma/build/index.js"), "generate"], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  });
  if (result.status !== 0) return result.status ?? 1;
  writeFileSync(stampFile, `${hash}\n`);
  return 0;
}

process.exit(main());
