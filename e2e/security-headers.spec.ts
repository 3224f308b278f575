import { expect, test, type Locator, type Page, type Response } from "@playwright/test";
import { OWNER, OWNER_STATE } from "./support/accounts";
import { Wizard } from "./support/wizard";

// Every page works under Berth's Content-Security-Policy: the headers are there, each page renders
// and hydrates (its scripts ran), and Chromium reports no CSP violation — neither as a
// `securitypolicyviolation` event nor as a console message.

/** Collects CSP violations (events and console lines) of a page from before its first script. */
async function watchCsp(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`securitypolicyviolation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on("console", (m) => {
    if (/securitypolicyviolation|Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(m.text())) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

function expectSecurityHeaders(response: Response | null) {
  expect(response, "a response").not.toBeNull();
  const h = response!.headers();
  const csp = h["content-security-policy"] ?? "";
  const directives = Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]));
  expect(directives["script-src"]).toEqual(expect.arrayContaining(["'self'", "'strict-dynamic'"]));
  expect(directives["script-src"].some((v: string) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(v))).toBe(true);
  expect(directives["script-src"]).not.toContain("'unsafe-inline'");
  expect(directives["script-src"]).not.toContain("'unsafe-eval'");
  expect(directives["frame-ancestors"]).toEqual(["'none'"]);
  expect(directives["object-src"]).toEqual(["'none'"]);
  expect(directives["base-uri"]).toEqual(["'none'"]);
  expect(directives["default-src"]).toEqual(["'self'"]);
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("same-origin");
  expect(h["x-frame-options"]).toBe("DENY");
  // served over plain http here: no HSTS, no upgrade of subresources
  expect(h["strict-transport-security"]).toBeUndefined();
  expect(directives["upgrade-insecure-requests"]).toBeUndefined();
  return directives["script-src"].find((v: string) => v.startsWith("'nonce-"));
}

test.describe("security headers and the Content-Security-Policy", () => {
  test("signed out: headers on the sign-in and sign-up pages, a fresh nonce per request, both pages work", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = await watchCsp(page);
    const first = expectSecurityHeaders(await page.goto("/login"));
    await expect(page.getByRole("button", { name: /sign in/i }).first()).toBeVisible();
    // hydrated: the client-side form validates before anything is sent
    const second = expectSecurityHeaders(await page.goto("/login"));
    expect(second).not.toBe(first);
    expectSecurityHeaders(await page.goto("/signup"));
    await expect(page.locator("main")).toBeVisible();
    // static files carry nosniff too
    const icon = await page.request.get("/icon.svg");
    expect(icon.headers()["x-content-type-options"]).toBe("nosniff");
    expect(problems).toEqual([]);
    await context.close();
  });

  test("the public URL decides https: with AUTH_URL on http, a forwarded 'https' makes no cookie Secure and sends no HSTS", async ({ playwright, baseURL }) => {
    // This server runs with AUTH_URL=http://localhost:… (mail links need it), so AUTH_URL is what
    // decides; a client's X-Forwarded-Proto must not switch HSTS on. The https side of the rule
    // (AUTH_URL https, or no AUTH_URL and a forwarded https) is pinned in lib/web/security-headers.test.ts.
    const api = await playwright.request.newContext({ baseURL });
    const plain = await api.get("/api/auth/csrf");
    const plainCookies = plain.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
    expect(plainCookies.length).toBeGreaterThan(0);
    expect(plainCookies.every((c) => !/;\s*secure/i.test(c))).toBe(true);
    const fresh = await playwright.request.newContext({ baseURL }); // no cookie jar yet, so the server sets them again
    const forwarded = await fresh.get("/api/auth/csrf", { headers: { "x-forwarded-proto": "https" } });
    const forwardedCookies = forwarded.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
    expect(forwardedCookies.length).toBeGreaterThan(0);
    expect(forwardedCookies.every((c) => !/;\s*secure/i.test(c) && !/^__(Secure|Host)-/.test(c))).toBe(true);
    const page = await api.get("/login", { headers: { "x-forwarded-proto": "https" } });
    expect(page.headers()["strict-transport-security"]).toBeUndefined();
    expect(page.headers()["content-security-policy"]).not.toContain("upgrade-insecure-requests");
    expect(page.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    await Promise.all([api.dispose(), fresh.dispose()]);
  });

  test("signed in: every console page renders and hydrates with zero CSP violations", async ({ browser }) => {
    test.setTimeout(240_000);
    const context = await browser.newContext({ storageState: OWNER_STATE, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = await watchCsp(page);

    // the wizard: live YAML (client code ran), then the YAML view with CodeMirror
    const w = new Wizard(page);
    await w.openNew();
    await w.fill("spec.name", "cspcheck");
    await w.expectYaml("name: cspcheck");
    await w.yamlMode();
    await expect(page.locator(".cm-editor")).toBeVisible();
    await w.formMode();

    // a template to look at and deploy from
    await page.goto("/templates/import");
    await page.getByLabel("Template name (optional)").fill("csp-app");
    await page.getByLabel("…or paste YAML").fill(
      "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: csp-app\nspec:\n  replicas: 1\n  serviceName: csp-app\n  selector:\n    matchLabels: { app: csp-app }\n  template:\n    metadata:\n      labels: { app: csp-app }\n    spec:\n      containers:\n        - name: main\n          image: redis:7.4\n",
    );
    await page.getByRole("button", { name: "Import as a new template" }).click();
    await expect(page.getByRole("heading", { name: "csp-app", exact: true })).toBeVisible();
    const templateId = page.url().split("/templates/")[1].split(/[?/]/)[0];

    const pages: Array<[string, (p: Page) => Locator]> = [
      ["/templates", (p) => p.getByRole("heading", { name: "Templates" })],
      [`/templates/${templateId}`, (p) => p.getByRole("heading", { name: "csp-app", exact: true })],
      [`/templates/${templateId}/edit`, (p) => p.getByRole("heading", { name: /Step 1 of 3/ })],
      ["/clusters", (p) => p.getByRole("heading", { name: "Clusters" })],
      ["/deployments", (p) => p.getByRole("heading", { name: "Deployments" })],
      [`/deployments/new?template=${templateId}&version=1`, (p) => p.getByRole("heading", { name: "Deploy csp-app" })],
      ["/applications", (p) => p.getByRole("heading", { name: "Applications" })],
      ["/audit", (p) => p.getByRole("heading", { name: "Audit trail" })],
      ["/team", (p) => p.getByRole("row", { name: OWNER.email })],
      ["/account", (p) => p.getByRole("heading", { name: "API tokens" })],
      ["/api-reference", (p) => p.getByRole("heading", { name: "API reference", level: 1 })],
      ["/approvals?scope=all", (p) => p.getByRole("heading", { name: "Approvals", level: 1 })],
      ["/webhooks", (p) => p.getByRole("heading", { name: "Add a webhook" })],
    ];
    for (const [url, landmark] of pages) {
      expectSecurityHeaders(await page.goto(url));
      await expect(landmark(page).first(), url).toBeVisible();
    }
    // one audit event's page
    await page.goto("/audit");
    await page.getByRole("link", { name: /^Event \d+, template\.import/ }).first().click();
    await expect(page.getByRole("heading", { name: /^template\.import — event \d+/ })).toBeVisible();
    // client navigation (scripts loaded by the nonce'd bootstrap, 'strict-dynamic')
    await page.getByRole("link", { name: "Templates", exact: true }).first().click();
    await expect(page).toHaveURL(/\/templates$/);
    await expect(page.getByRole("link", { name: "csp-app" }).first()).toBeVisible();
    expect(problems).toEqual([]);
    await context.close();
  });
});
