#!/usr/bin/env node
// The `berth` command (package.json "bin"): runs the TypeScript CLI through tsx (as the launcher
// runs scripts/serve.ts), with the repository's tsconfig so `@/lib/...` resolves from any folder.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

process.env.TSX_TSCONFIG_PATH = fileURLToPath(new URL("../tsconfig.json", import.meta.url));
const require = createRequire(import.meta.url);
require("tsx/cjs/api").register();
const { main } = require("./main.ts");
process.exitCode = await main(process.argv.slice(2));
