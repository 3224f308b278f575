// Adds up the Vitest and Playwright JSON reports (and the type check, counted as one test) into
// one closing line that counts real tests.
// A test file that failed to load (Vitest: a failed file with no test results) and an error
// outside any test (Playwright's top-level `errors`: a spec that does not compile, a failing
// global setup) count as failures too, and are named.
// Exits 1 when a report is missing, anything failed, or nothing ran.
import { existsSync, readFileSync } from "node:fs";

const [vitestFile, playwrightFile, typecheckFile] = process.argv.slice(2);
let passed = 0, failed = 0, skipped = 0, missing = [];
const firstLine = (text) => String(text ?? "").split("\n")[0].slice(0, 300);

if (existsSync(vitestFile)) {
  const v = JSON.parse(readFileSync(vitestFile, "utf8"));
  const unloaded = (v.testResults ?? []).filter((f) => f.status === "failed" && (f.assertionResults ?? []).length === 0);
  for (const f of unloaded) console.log(`Vitest: ${f.name} did not load: ${firstLine(f.message)}`);
  passed += v.numPassedTests; failed += v.numFailedTests + unloaded.length;
  skipped += v.numPendingTests + v.numTodoTests;
  console.log(`Vitest (unit + integration): ${v.numPassedTests} passed, ${v.numFailedTests + unloaded.length} failed`);
} else missing.push("vitest");

if (existsSync(playwrightFile)) {
  const report = JSON.parse(readFileSync(playwrightFile, "utf8"));
  const s = report.stats;
  const errors = report.errors ?? [];
  for (const e of errors) console.log(`Playwright error outside a test${e.location ? ` (${e.location.file}:${e.location.line})` : ""}: ${firstLine(e.message)}`);
  passed += s.expected; failed += s.unexpected + s.flaky + errors.length; skipped += s.skipped;
  console.log(`Playwright (e2e): ${s.expected} passed, ${s.unexpected + s.flaky + errors.length} failed`);
} else missing.push("playwright");

if (typecheckFile) {
  if (existsSync(typecheckFile)) {
    const t = JSON.parse(readFileSync(typecheckFile, "utf8"));
    passed += t.passed; failed += t.failed;
    console.log(`Type check (tsc --noEmit): ${t.failed ? "failed" : "passed"}`);
  } else missing.push("typecheck");
}

if (missing.length) console.log(`missing test reports: ${missing.join(", ")}`);
console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || skipped > 0 || missing.length > 0 || passed === 0 ? 1 : 0);
