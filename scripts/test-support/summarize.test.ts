import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The closing line of `npm test` must count what really happened: a test file that fails to load
// (Vitest: a failed file with no tests) and a Playwright error outside any test (a spec that does
// not compile, a global setup that throws) are failures, not silence.
const here = path.dirname(new URL(import.meta.url).pathname);
const fixture = (name: string) => path.join(here, "summary-fixtures", name);

function summarize(vitest: string, playwright: string) {
  const run = spawnSync(process.execPath, [path.join(here, "summarize.mjs"), fixture(vitest), fixture(playwright)], { encoding: "utf8" });
  const line = run.stdout.trim().split("\n").at(-1) ?? "";
  return { line, stdout: run.stdout, code: run.status };
}

describe("summarize.mjs (the `Tests: N passed, N failed` line)", () => {
  it("adds up passing reports and exits 0", () => {
    const r = summarize("vitest-ok.json", "playwright-ok.json");
    expect(r.line).toBe("Tests: 5 passed, 0 failed");
    expect(r.code).toBe(0);
  });

  it("counts a Vitest file that failed to load as a failure", () => {
    const r = summarize("vitest-load-error.json", "playwright-ok.json");
    // 1 passed + 3 e2e; failed: 1 failing test + 1 file that never loaded
    expect(r.line).toBe("Tests: 4 passed, 2 failed");
    expect(r.stdout).toMatch(/does-not-exist/);
    expect(r.code).toBe(1);
  });

  it("counts Playwright's top-level errors as failures", () => {
    const r = summarize("vitest-ok.json", "playwright-load-error.json");
    expect(r.line).toBe("Tests: 5 passed, 1 failed");
    expect(r.stdout).toMatch(/broken\.spec\.ts/);
    expect(r.code).toBe(1);
  });

  it("a missing report is a failure", () => {
    const r = summarize("vitest-ok.json", "no-such-report.json");
    expect(r.stdout).toMatch(/missing test reports: playwright/);
    expect(r.code).toBe(1);
  });
});
