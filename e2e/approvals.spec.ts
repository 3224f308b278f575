import { expect, test } from "@playwright/test";
import { joinTeamAs, OWNER, OWNER_STATE } from "./support/accounts";
import { attachKubeconfig, registerCluster } from "./support/cluster";
import { NGINX_IMAGE_1 } from "./support/deploy-fixtures";
import { createNamespace, deleteNamespace, seedNginxTemplate } from "./support/deploy-seed";

// A protected cluster: a member's deploy becomes a request; the owner sees the badge, reviews the
// diff (at request time and re-computed now), approves; Berth applies it with the member's own
// credential and the rollout reaches Ready. BERTH_UPDATE_SCREENSHOTS=1 refreshes the README's images.
// (No file-wide storageState: the member's context, made by joinTeamAs, must start signed out.)
const shots = process.env.BERTH_UPDATE_SCREENSHOTS === "1";

let namespace = "";
test.afterAll(async () => {
  if (namespace) deleteNamespace(namespace);
});

test("request → approver's badge → review with diff → approve → rollout Ready", async ({ browser }) => {
  test.setTimeout(240_000);
  const ownerContext = await browser.newContext({ storageState: OWNER_STATE });
  const page = await ownerContext.newPage();
  namespace = createNamespace("e2e-approvals");
  const templateId = await seedNginxTemplate(OWNER.email);
  const clusterName = `prod-${Date.now().toString(36)}`;

  // The owner registers the cluster and protects it: one approval by an owner or admin.
  const card = await registerCluster(page, clusterName);
  await attachKubeconfig(card);
  await expect(card.getByTestId("my-credential")).toBeVisible();
  const protection = card.getByTestId("protection");
  await protection.getByText("Protect this cluster").click();
  await protection.getByLabel("Freeze windows (one a line)").fill("Mars 16:00 - Mon 08:00 UTC");
  await protection.getByRole("button", { name: "Save protection" }).click();
  await expect(protection.getByRole("alert").filter({ hasText: "Line 1: Write a window" })).toBeVisible();
  await protection.getByLabel("Freeze windows (one a line)").fill("");
  await protection.getByRole("button", { name: "Save protection" }).click();
  await expect(protection.getByTestId("protection-summary")).toContainText("Deploys need 1 approval by owners or admins");
  if (shots) await card.screenshot({ path: "docs/screenshots/protection.png" });

  // A member with their own kubeconfig deploys: nothing is applied, a request waits.
  const member = await joinTeamAs(browser, "member", "requester");
  const memberCard = await registerClusterCard(member.page, clusterName);
  await attachKubeconfig(memberCard);
  await expect(memberCard.getByTestId("my-credential")).toBeVisible();
  await member.page.goto(`/deployments/new?template=${templateId}&version=1`);
  await member.page.getByLabel(/^Image/).fill(NGINX_IMAGE_1);
  await member.page.getByRole("checkbox", { name: clusterName }).check();
  await member.page.getByLabel("Namespace", { exact: true }).fill(namespace);
  await member.page.getByRole("button", { name: "Plan" }).click();
  await expect(member.page.getByTestId("plan")).toContainText("ready to deploy");
  await member.page.getByRole("button", { name: "Deploy", exact: true }).click();
  const result = member.page.getByTestId("deploy-results");
  await expect(result).toContainText("waiting for approval");
  await expect(result).toContainText("is protected: nothing was applied");
  // The requester sees no badge (nothing waits for them) and cannot decide their own request.
  await member.page.getByTestId("request-link").click();
  await expect(member.page.getByTestId("request-status")).toHaveText("waiting for approval");
  await expect(member.page.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expect(member.page.getByTestId("approvals-badge")).toHaveCount(0);
  await member.context.close();

  // The owner: the navigation badge, the list, the request with both diffs.
  await page.goto("/templates");
  await expect(page.getByTestId("approvals-badge")).toHaveText("1");
  if (shots) await page.locator("aside").screenshot({ path: "docs/screenshots/approvals-badge.png" });
  await page.getByRole("link", { name: /Approvals/ }).click();
  const row = page.getByTestId("request-nginx");
  await expect(row).toContainText("your turn");
  await row.getByRole("link").click();
  await expect(page.getByTestId("diff-at-request")).toContainText("StatefulSet/nginx");
  await expect(page.getByTestId("diff-at-request")).toContainText("create");
  await expect(page.getByTestId("diff-now")).toContainText("StatefulSet/nginx");
  await expect(page.getByTestId("live-changed")).toHaveCount(0);
  if (shots) await page.screenshot({ path: "docs/screenshots/approvals-review.png", fullPage: true });
  await page.getByLabel("Comment").fill("reviewed the diff, ship it");
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("applied", { timeout: 60_000 });
  await expect(page.getByTestId("decisions")).toContainText("reviewed the diff, ship it");

  // Applied through the normal deploy path: a record (the member's), rollout Ready.
  await page.getByTestId("request-deployment").click();
  await expect(page.getByTestId("deployment-status")).toHaveText("applied");
  await expect(page.getByText("Applied on approval of")).toBeVisible();
  await expect(page.getByText("requester user")).toBeVisible();
  await expect(page.getByTestId("rollout-state")).toHaveText("ready", { timeout: 60_000 });
  await page.goto("/templates");
  await expect(page.getByTestId("approvals-badge")).toHaveCount(0);
});

/** The card of a cluster someone else registered (a member attaches their own kubeconfig to it). */
async function registerClusterCard(page: import("@playwright/test").Page, name: string) {
  await page.goto("/clusters");
  return page.getByTestId(`cluster-${name}`);
}
