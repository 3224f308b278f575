import { expect, test } from "@playwright/test";
import { joinTeamAs, OWNER_STATE } from "./support/accounts";

// API tokens from the account page, used over real HTTP: the secret is shown once, a read token
// reads but cannot deploy (problem+json), the list shows its last use, revoking stops it at once,
// and an owner sees and revokes a member's token. The reference page and the OpenAPI document load.
test.describe("API tokens", () => {
  test("create, use, revoke; read tokens cannot deploy", async ({ browser, request }) => {
    const page = await (await browser.newContext({ storageState: OWNER_STATE })).newPage();
    await page.goto("/account");
    await page.getByLabel("Name").fill("e2e read");
    await page.getByLabel("Access").selectOption("viewer");
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = await page.getByTestId("api-token-secret").inputValue();
    expect(secret).toMatch(/^berth_[A-Za-z0-9_-]{43}$/);
    const auth = { authorization: `Bearer ${secret}` };

    const me = await request.get("/api/v1/me", { headers: auth });
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ role: "viewer", token: { name: "e2e read", role: "viewer" } });

    const deploy = await request.post("/api/v1/deployments", { headers: auth, data: { template: "none", clusters: ["none"], namespace: "x" } });
    expect([403, 404, 400]).toContain(deploy.status());
    expect(deploy.headers()["content-type"]).toBe("application/problem+json");

    await page.reload();
    const row = page.getByTestId("api-token-row").filter({ hasText: "e2e read" });
    await expect(row).toContainText(secret.slice(0, 12));
    await expect(row).not.toContainText("never");
    await row.getByRole("button", { name: "Revoke" }).click();
    await expect(row).toContainText("revoked");
    const after = await request.get("/api/v1/me", { headers: auth });
    expect(after.status()).toBe(401);
    expect((await after.json()).code).toBe("token_revoked");
  });

  test("an owner sees a member's token and revokes it", async ({ browser, request }) => {
    const { page: member } = await joinTeamAs(browser, "member", "tokener");
    await member.goto("/account");
    await member.getByLabel("Name").fill("member deploy");
    await member.getByLabel("Access").selectOption("member");
    await member.getByRole("button", { name: "Create token" }).click();
    const secret = await member.getByTestId("api-token-secret").inputValue();
    expect((await request.get("/api/v1/me", { headers: { authorization: `Bearer ${secret}` } })).status()).toBe(200);

    const owner = await (await browser.newContext({ storageState: OWNER_STATE })).newPage();
    await owner.goto("/account");
    const row = owner.getByRole("table", { name: "Team API tokens" }).getByTestId("api-token-row").filter({ hasText: "member deploy" });
    await row.getByRole("button", { name: "Revoke" }).click();
    await expect(row).toHaveCount(0);
    expect((await request.get("/api/v1/me", { headers: { authorization: `Bearer ${secret}` } })).status()).toBe(401);
  });

  test("the reference page and the OpenAPI document", async ({ browser, request }) => {
    const page = await (await browser.newContext({ storageState: OWNER_STATE })).newPage();
    await page.goto("/account");
    await page.getByRole("link", { name: "API reference" }).click();
    await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
    await expect(page.getByTestId("api-operation").filter({ hasText: "/api/v1/deployments/{id}/rollout" })).toBeVisible();
    const doc = await request.get("/api/v1/openapi.json");
    expect(doc.status()).toBe(200);
    expect((await doc.json()).openapi).toBe("3.1.0");
  });
});
