import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { createInvitationLink, joinTeamAs, OWNER, OWNER_STATE, uniqueEmail } from "./support/accounts";

// The audit trail as owners and members review it: filters in the URL, visibility per role,
// CSV export of the current filter, and the hash-chain check.
const rows = (page: Page) => page.getByTestId("audit-events").locator("tbody tr");

async function ownerPage(browser: import("@playwright/test").Browser) {
  return (await browser.newContext({ storageState: OWNER_STATE })).newPage();
}

test.describe("audit trail", () => {
  test("the owner sees the team's actions and filters them; the filter is in the URL", async ({ browser }) => {
    const owner = await ownerPage(browser);
    const invitee = uniqueEmail("audited");
    await createInvitationLink(owner, "viewer", invitee);

    await owner.goto("/audit");
    await expect(rows(owner).filter({ hasText: invitee }).first()).toContainText("invitation.create");
    await owner.getByLabel("Action").selectOption("invitation.create");
    await owner.getByLabel("Target (id or part of name)").fill(invitee);
    await owner.getByRole("button", { name: "Apply filters" }).click();
    await expect(owner).toHaveURL(/action=invitation\.create/);
    await expect(rows(owner)).toHaveCount(1);
    await expect(rows(owner).first()).toContainText(OWNER.email);
    await expect(rows(owner).first()).toContainText("success");

    // the same URL gives the same view; the detail page shows every field and the hashes
    await owner.goto(owner.url());
    await expect(rows(owner)).toHaveCount(1);
    await rows(owner).first().getByRole("link").click();
    await expect(owner.getByRole("heading", { name: /invitation\.create — event \d+/ })).toBeVisible();
    await expect(owner.getByText("Previous hash")).toBeVisible();
    await expect(owner.locator("code").filter({ hasText: /^[0-9a-f]{64}$/ })).toHaveCount(2);

    await owner.goto("/audit?action=invitation.create&target=no-such-thing-anywhere");
    await expect(owner.getByRole("heading", { name: "No events match these filters" })).toBeVisible();
    await owner.goto("/audit?result=maybe");
    await expect(owner.locator("#f-result-error")).toBeVisible();
  });

  test("a member sees only their own events (and the team's deploys), not the owner's", async ({ browser }) => {
    const owner = await ownerPage(browser);
    const secret = uniqueEmail("owner-only");
    await createInvitationLink(owner, "viewer", secret);
    await owner.goto(`/audit?action=invitation.create&target=${encodeURIComponent(secret)}`);
    const ownerEventHref = await rows(owner).first().getByRole("link").getAttribute("href");

    const { page: member, user } = await joinTeamAs(browser, "member", "auditee");
    await member.goto("/audit");
    await expect(member.getByText("Your own actions and the team's deploys")).toBeVisible();
    await expect(member.getByRole("button", { name: "Verify chain" })).toHaveCount(0);
    await expect(rows(member).filter({ hasText: "invitation.accept" })).toHaveCount(1);
    const count = await rows(member).count();
    for (let i = 0; i < count; i++) {
      const row = rows(member).nth(i);
      const action = (await row.locator("td").nth(2).innerText()).trim();
      if (!action.startsWith("deploy.")) await expect(row.locator("td").nth(1)).toHaveText(user.email);
    }
    await expect(member.getByText(secret)).toHaveCount(0);
    // the owner's event by its address: not found
    const response = await member.goto(ownerEventHref!);
    expect(response?.status()).toBe(404);
    // nor through the export
    const csv = await member.request.get(`/audit/export?format=csv&target=${encodeURIComponent(secret)}`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).trim().split("\r\n")).toHaveLength(1); // the header only
  });

  test("export downloads a CSV of exactly the filtered rows", async ({ browser }) => {
    const owner = await ownerPage(browser);
    const first = uniqueEmail("export-a");
    await createInvitationLink(owner, "viewer", first);
    await createInvitationLink(owner, "member", uniqueEmail("export-b"));
    await owner.goto("/audit?action=invitation.create");
    const shown = await rows(owner).count();
    expect(shown).toBeGreaterThanOrEqual(2);

    const [download] = await Promise.all([owner.waitForEvent("download"), owner.getByRole("link", { name: "Export CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^berth-audit-.*\.csv$/);
    const lines = (await readFile((await download.path())!, "utf8")).trim().split("\r\n");
    expect(lines[0]).toMatch(/^id,createdAt,actorEmail,actorId,action,result/);
    expect(lines).toHaveLength(shown + 1);
    expect(lines.slice(1).every((l) => l.includes(",invitation.create,"))).toBe(true);
    expect(lines.some((l) => l.includes(first))).toBe(true);

    const json = await owner.request.get("/audit/export?format=json&action=invitation.create");
    expect(json.headers()["content-disposition"]).toMatch(/^attachment; filename="berth-audit-.*\.json"$/);
    expect(await json.json()).toHaveLength(shown);
  });

  test("verify says the team's chain is intact, and the check is itself recorded", async ({ browser }) => {
    const owner = await ownerPage(browser);
    await owner.goto("/audit");
    await owner.getByRole("button", { name: "Verify chain" }).click();
    await expect(owner.getByTestId("verify-result")).toHaveText(/^Chain OK: \d+ events verified/);
    await owner.goto("/audit?action=audit.verify");
    await expect(rows(owner).first()).toContainText("audit.verify");
  });
});
