import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";

// Type checking belongs to `npm test`, not to the user's `npm start` (issue 11, item 19).
const root = path.resolve(__dirname, "..");

/** next.config.js evaluated in a fresh process with this environment, for a production build. */
function nextConfig(env: Record<string, string>): { typescript?: { ignoreBuildErrors?: boolean } } {
  // next.config.js exports a function of the phase: evaluate it as `next build` does.
  const script = `const c = require(${JSON.stringify(path.join(root, "next.config.js"))}); process.stdout.write(JSON.stringify(typeof c === "function" ? c("phase-production-build", {}) : c))`;
  const out = execFileSync(process.execPath, ["-e", script], {
    env: { ...process.env, BERTH_SKIP_TYPECHECK: env.BERTH_SKIP_TYPECHECK ?? "" },
    encoding: "utf8",
  });
  return JSON.parse(out);
}

describe("type checking: in npm test, not in npm start", () => {
  test("next build type-checks unless the launcher asks it not to", () => {
    expect(nextConfig({}).typescript?.ignoreBuildErrors).toBe(false);
    expect(nextConfig({ BERTH_SKIP_TYPECHECK: "0" }).typescript?.ignoreBuildErrors).toBe(false);
    expect(nextConfig({ BERTH_SKIP_TYPECHECK: "1" }).typescript?.ignoreBuildErrors).toBe(true);
  });

  test("npm start builds with BERTH_SKIP_TYPECHECK=1", () => {
    const start = readFileSync(path.join(root, "scripts/start.sh"), "utf8");
    const build = start.split("\n").find((l) => l.includes("next build") && !l.trim().startsWith("#") && !l.includes("echo"));
    expect(build).toMatch(/^\s*BERTH_SKIP_TYPECHECK=1 node node_modules\/next\/dist\/bin\/next build/);
  });

  test("npm test runs tsc --noEmit and counts it in the closing line", () => {
    const script = readFileSync(path.join(root, "scripts/test.sh"), "utf8");
    expect(script).toMatch(/npx tsc --noEmit/);
    expect(script).toMatch(/summarize\.mjs .*typecheck\.json/);
    const dir = mkdtempSync(path.join(os.tmpdir(), "berth-summary-"));
    const vitest = path.join(dir, "v.json");
    const playwright = path.join(dir, "p.json");
    const typecheck = path.join(dir, "t.json");
    writeFileSync(vitest, JSON.stringify({ numPassedTests: 3, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0 }));
    writeFileSync(playwright, JSON.stringify({ stats: { expected: 2, unexpected: 0, flaky: 0, skipped: 0 } }));
    const summarize = (t: object) => {
      writeFileSync(typecheck, JSON.stringify(t));
      return spawnSync(process.execPath, [path.join(root, "scripts/test-support/summarize.mjs"), vitest, playwright, typecheck], { encoding: "utf8" });
    };
    const ok = summarize({ passed: 1, failed: 0 });
    expect(ok.stdout).toContain("Tests: 6 passed, 0 failed");
    expect(ok.status).toBe(0);
    const bad = summarize({ passed: 0, failed: 1 });
    expect(bad.stdout).toContain("Tests: 5 passed, 1 failed");
    expect(bad.status).toBe(1);
  });
});
