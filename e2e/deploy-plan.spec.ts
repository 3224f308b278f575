import { expect, test, type Page } from "@playwright/test";
import { OWNER, OWNER_STATE } from "./support/accounts";
import { attachKubeconfig, registerCluster } from "./support/cluster";
import { createNamespace, deleteNamespace, seedNginxTemplate } from "./support/deploy-seed";

// The cluster page says what the cluster serves; the deploy form's words come from the plan's
// own state, Deploy only goes ahead on a plan that can, and proposes where the template runs.
test.use({ storageState: OWNER_STATE });

async function registerAndAttach(page: Page, clusterName: string) {
  const card = await registerCluster(page, clusterName);
  await expect(page.getByText("Cluster registered. Attach your kubeconfig below.")).toBeVisible();
  await attachKubeconfig(card);
  await expect(card.getByTestId("connection-report")).toContainText("Kubernetes v1.36.3");
  return card;
}

let namespace = "";
test.afterAll(async () => {
  if (namespace) deleteNamespace(namespace);
});

test("the cluster page says what the cluster serves, and the registration message goes once attached", async ({ page }) => {
  const card = await registerAndAttach(page, `e2e-caps-${Date.now().toString(36)}`);
  await expect(page.getByText("Cluster registered. Attach your kubeconfig below.")).toHaveCount(0);
  const caps = card.getByTestId("cluster-capabilities");
  await expect(caps.getByTestId("cron-hpa-state")).toHaveText("CronHorizontalPodAutoscaler CRD installed; no cron-HPA controller (schedules never fire)");
  await expect(card.getByTestId("cluster-missing")).toContainText("No cron-HPA controller runs on this cluster");
  await expect(card.getByTestId("cluster-missing")).toContainText("Deploys are not blocked.");
  await expect(caps).toContainText("served (autoscalers can measure CPU and memory)");
  await expect(caps).toContainText("standard (default)");
  await expect(card.getByTestId("cluster-missing")).toContainText("This cluster has no IngressClass");
});

test("a blocked plan: the namespace line follows the ticked box, Deploy stays disabled with the reason", async ({ page }) => {
  const clusterName = `e2e-blocked-${Date.now().toString(36)}`;
  await registerAndAttach(page, clusterName);
  // A kind no installed CRD provides blocks the plan.
  const templateId = await seedNginxTemplate(OWNER.email, undefined, {
    extraObjects: [{ apiVersion: "widgets.berth.example/v1", kind: "Widget", metadata: { name: "w" } }],
  });
  await page.goto(`/deployments/new?template=${templateId}&version=1`);
  await page.getByRole("checkbox", { name: clusterName }).check();
  await page.getByLabel("Namespace", { exact: true }).fill(`e2e-absent-${Date.now().toString(36)}`);
  await page.getByRole("checkbox", { name: "create the namespace if it does not exist" }).check();
  await expect(page.getByRole("button", { name: "Deploy", exact: true })).toBeDisabled();
  await expect(page.getByTestId("deploy-blocked-reason")).toHaveText("Plan first: Deploy applies what the plan shows.");
  await page.getByRole("button", { name: "Plan" }).click();
  const plan = page.getByTestId("plan");
  await expect(plan).toContainText("blocked");
  await expect(plan).toContainText("does not exist. It will be created.");
  await expect(plan).not.toContainText("Tick “create the namespace”");
  await expect(plan.getByTestId("plan-Widget-w")).toContainText("this cluster does not serve Widget in widgets.berth.example/v1");
  await expect(plan).not.toContainText("not a Kubernetes API");
  await expect(page.getByRole("button", { name: "Deploy", exact: true })).toBeDisabled();
  await expect(page.getByTestId("deploy-blocked-reason")).toContainText("Blocked: Widget/w: this cluster does not serve Widget");
  // Changing the form makes the plan outdated.
  await page.getByRole("checkbox", { name: "create the namespace if it does not exist" }).uncheck();
  await expect(page.getByTestId("deploy-blocked-reason")).toHaveText("The form changed since the plan: plan again to deploy.");
  await expect(page.getByTestId("plan")).toHaveCount(0);
});

test("a deploy opens its record; the next deploy form proposes the namespace the template runs in", async ({ page }) => {
  test.setTimeout(120_000);
  const clusterName = `e2e-where-${Date.now().toString(36)}`;
  await registerAndAttach(page, clusterName);
  namespace = createNamespace("e2e-where");
  const templateId = await seedNginxTemplate(OWNER.email);
  await page.goto(`/deployments/new?template=${templateId}&version=1`);
  await page.getByRole("checkbox", { name: clusterName }).check();
  await page.getByLabel("Namespace", { exact: true }).fill(namespace);
  await page.getByRole("button", { name: "Plan" }).click();
  await expect(page.getByTestId("plan")).toContainText("ready to deploy");
  await expect(page.getByTestId("deploy-blocked-reason")).toHaveText("");
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(page).toHaveURL(/\/deployments\/[a-z0-9]+$/);
  await expect(page.getByTestId("deployment-status")).toHaveText("applied");

  await page.goto(`/deployments/new?template=${templateId}&version=1`);
  await expect(page.getByLabel("Namespace", { exact: true })).toHaveValue(namespace);
  await expect(page.getByText(`This template runs in ${namespace} on ${clusterName}.`)).toBeVisible();
});

test("two templates, one app: the plan names the other's record as #N; Redeploy, like Deploy, stays disabled on a blocked preview", async ({ page }) => {
  test.setTimeout(180_000);
  const clusterName = `e2e-owner-${Date.now().toString(36)}`;
  await registerAndAttach(page, clusterName);
  const ns = createNamespace("e2e-owner");
  try {
    const first = await seedNginxTemplate(OWNER.email, `first ${Date.now().toString(36)}`);
    const second = await seedNginxTemplate(OWNER.email, `second ${Date.now().toString(36)}`);
    const deploy = async (templateId: string) => {
      await page.goto(`/deployments/new?template=${templateId}&version=1`);
      await page.getByRole("checkbox", { name: clusterName }).check();
      await page.getByLabel("Namespace", { exact: true }).fill(ns);
      await page.getByRole("button", { name: "Plan" }).click();
      await expect(page.getByTestId("plan")).toBeVisible();
    };
    const recordNumber = async () => Number((await page.getByRole("heading", { level: 1 }).textContent())?.match(/#(\d+)/)?.[1]);

    await deploy(first);
    await page.getByRole("button", { name: "Deploy", exact: true }).click();
    await expect(page).toHaveURL(/\/deployments\/[a-z0-9]+$/);
    const firstUrl = page.url();
    const firstNumber = await recordNumber();

    // The second template's plan: the first one's objects, named by record number, never by id.
    await deploy(second);
    await expect(page.getByTestId("plan-owner")).toContainText(`(record #${firstNumber})`);
    await expect(page.getByTestId("deploy-blocked-reason")).toContainText(`(record #${firstNumber}): tick “take over” to replace them`);
    await expect(page.getByTestId("plan")).not.toContainText(firstUrl.split("/").pop()!);
    await page.getByRole("checkbox", { name: /^take over objects another template deployed/ }).check();
    await page.getByRole("button", { name: "Plan" }).click();
    await expect(page.getByTestId("deploy-blocked-reason")).toHaveText("");
    await page.getByRole("button", { name: "Deploy", exact: true }).click();
    await expect(page).toHaveURL(/\/deployments\/[a-z0-9]+$/);
    const secondNumber = await recordNumber();

    // Redeploying the first record now takes the objects back: blocked until "take over" is ticked.
    await page.goto(firstUrl);
    const redeploy = page.getByRole("button", { name: "Redeploy", exact: true });
    await expect(redeploy).toBeDisabled();
    await expect(page.getByTestId("redeploy-blocked-reason")).toHaveText("Preview first: Redeploy applies what the preview shows.");
    await page.getByRole("button", { name: "Preview redeploy" }).click();
    await expect(page.getByTestId("plan-owner")).toContainText(`(record #${secondNumber})`);
    await expect(redeploy).toBeDisabled();
    await expect(page.getByTestId("redeploy-blocked-reason")).toContainText(`Blocked: these objects were deployed by template second`);
    await page.getByRole("checkbox", { name: /^take over/ }).check();
    await expect(page.getByTestId("redeploy-blocked-reason")).toHaveText("The form changed since the preview: preview again to redeploy.");
    await expect(redeploy).toBeDisabled();
    await page.getByRole("button", { name: "Preview redeploy" }).click();
    await expect(page.getByTestId("redeploy-blocked-reason")).toHaveText("");
    await redeploy.click();
    await expect(page.getByRole("status").filter({ hasText: "applied" })).toBeVisible();
  } finally {
    deleteNamespace(ns);
  }
});
