import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { TEAM_VISIBLE_ACTIONS } from "@/lib/audit/actions";
import { createInvitationLink, joinTeamAs, OWNER, OWNER_STATE, signUp, uniqueEmail } from "./support/accounts";

// The audit trail as owners and members review it: filters in the URL, visibility per role,
// CSV export of the current filter, and the hash-chain check.
const rows = (page: Page) => page.getByTestId("audit-events").locator("tbody tr");

/**
 * Deploys need a cluster, which this spec does not start: it appends a deploy event to a team's
 * chain with SQL instead, with a hash that does not match (so verify must name it).
 */
async function appendForgedDeployEvent(ownerEmail: string): Promise<{ id: string; teamId: string }> {
  const client = new pg.Client({ connectionString: process.env.BERTH_E2E_DATABASE_URL });
  await client.connect();
  try {
    const { rows: [m] } = await client.query(
      `SELECT m."teamId", u.id AS "userId" FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1 AND m.role = 'owner'`,
      [ownerEmail],
    );
    const { rows: [last] } = await client.query(`SELECT hash FROM "AuditEvent" WHERE "chainKey" = $1 ORDER BY id DESC LIMIT 1`, [m.teamId]);
    const summary = { deploymentId: "dep-e2e", diff: "--- live\n+++ planned\n@@ -1 +1 @@\n-replicas: 1\n+replicas: 3" };
    const { rows: [e] } = await client.query(
      `INSERT INTO "AuditEvent" ("chainKey","teamId","actorId","actorEmail","action","targetType","targetId","targetName","clusterName","namespace","summary","result","prevHash","hash")
       VALUES ($1,$1,$2,$3,'deploy.apply','deployment','dep-e2e','e2e-redis','e2e-cluster','apps',$4,'success',$5,'forged') RETURNING id`,
      [m.teamId, m.userId, ownerEmail, JSON.stringify(summary), last.hash],
    );
    return { id: String(e.id), teamId: m.teamId };
  } finally {
    await client.end();
  }
}

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
    await expect(owner.locator("#f-result-error")).toHaveText("Choose success or failure.");
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
      // Anyone's deploys, deploy requests and day-2 actions are the team's to see; the rest are the member's own.
      if (!(TEAM_VISIBLE_ACTIONS as readonly string[]).includes(action)) await expect(row.locator("td").nth(1)).toHaveText(user.email);
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
    expect(lines[0]).toMatch(/^"id","createdAt","actorEmail","actorId","action","result"/); // every cell quoted
    expect(lines).toHaveLength(shown + 1);
    expect(lines.slice(1).every((l) => l.includes(',"invitation.create",'))).toBe(true);
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
    // The list also shows sign-ins, which live on the account chain: the page says why they are not counted.
    await expect(owner.getByTestId("verify-scope")).toContainText("Sign-ins, sign-outs and sign-ups are kept on a separate account chain");
    await owner.goto("/audit?action=audit.verify");
    await expect(rows(owner).first()).toContainText("audit.verify");
  });

  test("a member sees the team's deploy events (their diff only where the template is visible to them); verify names a forged event", async ({ browser }) => {
    // a team of its own, so that the forged event does not touch the other tests' chain
    const lead = await (await browser.newContext()).newPage();
    const leadUser = { name: "Dana Deployer", email: uniqueEmail("lead") };
    await signUp(lead, leadUser, await createInvitationLink(await ownerPage(browser), "viewer")); // sign-up is by invitation
    await expect(lead.getByTestId("signed-in-as")).toContainText(leadUser.email);
    await lead.goto("/team");
    await lead.getByLabel("Team name").first().fill("Deploy crew");
    await lead.getByRole("button", { name: "Create team" }).first().click();
    await expect(lead.getByTestId("signed-in-as")).toContainText("owner");
    const link = await createInvitationLink(lead, "member");
    const member = await (await browser.newContext()).newPage();
    const memberUser = { name: "Mo Member", email: uniqueEmail("crew") };
    await signUp(member, memberUser, link);
    await expect(member.getByTestId("signed-in-as")).toContainText("member");

    const forged = await appendForgedDeployEvent(leadUser.email);
    await member.goto("/audit");
    const deploy = rows(member).filter({ hasText: "deploy.apply" });
    await expect(deploy).toHaveCount(1);
    await expect(deploy).toContainText(leadUser.email);
    await expect(deploy).toContainText("e2e-cluster / apps");
    await expect(rows(member).filter({ hasText: "invitation.create" })).toHaveCount(0);
    await deploy.getByRole("link").click();
    await expect(member.getByRole("link", { name: "Open deployment" })).toHaveAttribute("href", "/deployments/dep-e2e");
    // its record is not one the member may see in detail (no visible template): who/when/where only
    await expect(member.getByTestId("manifest-diff")).toHaveCount(0);
    await expect(member.getByTestId("details-hidden")).toBeVisible();

    await lead.goto("/audit");
    await lead.getByRole("button", { name: "Verify chain" }).click();
    const result = lead.getByTestId("verify-result");
    await expect(result).toContainText(`Chain broken at event ${forged.id}`);
    await expect(result).toContainText("its content does not match its hash");
    await result.getByRole("link", { name: `event ${forged.id}` }).click();
    await expect(lead).toHaveURL(new RegExp(`/audit/${forged.id}$`));
    await expect(lead.getByTestId("manifest-diff")).toContainText("+replicas: 3"); // owners/admins see every deploy's diff
  });
});
