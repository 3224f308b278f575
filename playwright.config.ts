import { randomBytes } from "node:crypto";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// End-to-end tests drive Debian's Chromium against the real app (`scripts/serve.ts`, the same
// launcher as `npm start`) on a fresh Postgres database that `npm test` creates, plus a local
// OpenID Connect provider for single sign-on and an SMTP server that keeps what Berth mails.
const PORT = Number(process.env.BERTH_E2E_PORT ?? 3100);
const OIDC_PORT = Number(process.env.BERTH_E2E_OIDC_PORT ?? 3199);
// The local SMTP server Berth mails through (invitations, password resets).
const SMTP_PORT = Number(process.env.BERTH_E2E_SMTP_PORT ?? PORT + 1000);
const MAIL_DIR = path.resolve(`e2e/.mail-${PORT}`);
export const BASE_URL = `http://localhost:${PORT}`; // not 127.0.0.1: OIDC redirect URIs must match

const databaseUrl = process.env.BERTH_E2E_DATABASE_URL ?? "";
if (!/^postgres(ql)?:\/\/[^@]*@(127\.0\.0\.1|localhost)[:/]/.test(databaseUrl)) {
  throw new Error("BERTH_E2E_DATABASE_URL must point at a local test database (run the e2e tests through `npm test`).");
}

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: process.env.BERTH_E2E_OUTPUT_DIR ?? "test-results",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  forbidOnly: true,
  retries: 0,
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.BERTH_CHROMIUM ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [
    { name: "setup", testMatch: /first-user\.setup\.ts/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined }, dependencies: ["setup"], testIgnore: /two-instances\.spec\.ts/ },
    // Two instances of the build on a database of their own, behind the spec's own load balancer.
    { name: "scale-out", testMatch: /two-instances\.spec\.ts/, use: { ...devices["Desktop Chrome"], channel: undefined } },
  ],
  webServer: [
    {
      command: "npx tsx e2e/support/oidc-server.ts",
      url: `http://localhost:${OIDC_PORT}/.well-known/openid-configuration`,
      env: { OIDC_PORT: String(OIDC_PORT), BERTH_URL: BASE_URL },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: "npx tsx e2e/support/smtp-server.ts",
      port: SMTP_PORT,
      env: { SMTP_PORT: String(SMTP_PORT), MAIL_DIR },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: "npx tsx scripts/serve.ts",
      url: `${BASE_URL}/login`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "pipe",
      env: {
        PORT: String(PORT),
        DATABASE_URL: databaseUrl,
        AUTH_SECRET: randomBytes(33).toString("base64"),
        BERTH_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
        NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
        BERTH_SIGNIN_MAX_PER_ACCOUNT: "4",
        BERTH_SIGNIN_WINDOW_SECONDS: "86400", // the rate-limit test must not straddle a window boundary
        BERTH_SIGNUP_MAX_PER_IP: "1000", // every test user signs up from 127.0.0.1
        BERTH_OIDC_ISSUER: `http://localhost:${OIDC_PORT}`,
        BERTH_OIDC_CLIENT_ID: "berth-e2e",
        BERTH_OIDC_CLIENT_SECRET: "berth-e2e-secret",
        BERTH_OIDC_NAME: "Test SSO",
        AUTH_URL: BASE_URL,
        BERTH_SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        BERTH_MAIL_FROM: "Berth <berth@berth.test>",
      },
    },
  ],
});
