import { expect, test } from "@playwright/test";
import { OWNER_STATE } from "./support/accounts";
import { attachKubeconfig, registerCluster } from "./support/cluster";
import { createNamespace, deleteNamespace } from "./support/deploy-seed";
import { docScreenshot, Wizard } from "./support/wizard";

// The whole path a new team walks, across features: build an app in the wizard with its
// defaults, save it, follow the template's Deploy link, plan, deploy, watch the pods, and find
// it all in the audit trail.
test.use({ storageState: OWNER_STATE, viewport: { width: 1280, height: 900 } });

let namespace = "";
test.afterAll(() => {
  if (namespace) deleteNamespace(namespace);
});

test("wizard → template → deploy → rollout → audit", async ({ page }) => {
  test.setTimeout(180_000);
  namespace = createNamespace("e2e-journey");
  const suffix = Date.now().toString(36);
  const templateName = `journey-${suffix}`;
  const clusterName = `journey-${suffix}`;

  const card = await registerCluster(page, clusterName);
  await attachKubeconfig(card);
  await expect(card.getByTestId("connection-report")).toContainText("Kubernetes v1.36.3");
  await docScreenshot(page, "clusters", { fullPage: true });

  const w = new Wizard(page);
  await w.openNew();
  await w.toStep(2);
  await w.toStep(3);
  await w.toSave();
  await w.fill("meta.name", templateName);
  await w.save();
  await page.getByRole("link", { name: "Deploy", exact: true }).click();

  await page.getByRole("checkbox", { name: clusterName }).check();
  await page.getByLabel("Namespace", { exact: true }).fill(namespace);
  await page.getByRole("button", { name: "Plan" }).click();
  const plan = page.getByTestId("plan");
  await expect(plan).toContainText("ready to deploy");
  await expect(plan.getByTestId("plan-StatefulSet-nginx")).toContainText("create");
  await docScreenshot(page, "deploy-plan", { fullPage: true });
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  // a successful deploy to one cluster opens its record (issue 11 item 5)
  await expect(page).toHaveURL(/\/deployments\/[a-z0-9]+$/);
  await expect(page.getByTestId("rollout-state")).toHaveText("ready", { timeout: 90_000 });
  await expect(page.getByTestId("pod-nginx-0").getByTestId("pod-ready")).toHaveText("Ready");
  await expect(page.getByTestId("pod-nginx-1").getByTestId("pod-ready")).toHaveText("Ready");
  await docScreenshot(page, "deployment-rollout", { fullPage: true });

  await page.goto(`/audit?namespace=${namespace}`);
  await expect(page.getByRole("row").filter({ hasText: "deploy.apply" })).toHaveCount(1);
  await page.goto(`/audit?target=${templateName}`);
  await expect(page.getByRole("row").filter({ hasText: "template.create" })).toHaveCount(1);
  await docScreenshot(page, "audit", { fullPage: false });
});
