// Adds up the Vitest and Playwright JSON reports into one closing line that counts real tests.
// Exits 1 when a report is missing, a test failed, or nothing ran.
import { existsSync, readFileSync } from "node:fs";

const [vitestFile, playwrightFile] = process.argv.slice(2);
let passed = 0, failed = 0, skipped = 0, missing = [];

if (existsSync(vitestFile)) {
  const v = JSON.parse(readFileSync(vitestFile, "utf8"));
  passed += v.numPassedTests; failed += v.numFailedTests + (v.numRuntimeErrorTestSuites ?? 0);
  skipped += v.numPendingTests + v.numTodoTests;
  console.log(`Vitest (unit + integration): ${v.numPassedTests} passed, ${v.numFailedTests} failed`);
} else missing.push("vitest");

if (existsSync(playwrightFile)) {
  const s = JSON.parse(readFileSync(playwrightFile, "utf8")).stats;
  passed += s.expected; failed += s.unexpected + s.flaky; skipped += s.skipped;
  console.log(`Playwright (e2e): ${s.expected} passed, ${s.unexpected + s.flaky} failed`);
} else missing.push("playwright");

if (missing.length) console.log(`missing test reports: ${missing.join(", ")}`);
console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || skipped > 0 || missing.length > 0 || passed === 0 ? 1 : 0);
