import { expect, test } from "@playwright/test";
import { parse, stringify } from "yaml";
import { OWNER, OWNER_STATE } from "./support/accounts";
import { attachKubeconfig, registerCluster, testKubeconfig } from "./support/cluster";
import { NGINX_IMAGE_1, NGINX_IMAGE_2 } from "./support/deploy-fixtures";
import { createNamespace, deleteNamespace, seedNginxTemplate } from "./support/deploy-seed";

// Register a cluster by pasting the admin kubeconfig, deploy a template, watch the rollout
// reach Ready per ordinal, change the image (plan shows the field diff), redeploy from history.
test.use({ storageState: OWNER_STATE });

let namespace = "";
test.afterAll(async () => {
  if (namespace) deleteNamespace(namespace);
});

test("register a cluster, deploy, watch the rollout, change the image, redeploy from history", async ({ page }) => {
  test.setTimeout(180_000);
  namespace = createNamespace("e2e-deploy");
  const templateId = await seedNginxTemplate(OWNER.email);
  const clusterName = `e2e-${Date.now().toString(36)}`;

  // Register and attach: a hostile kubeconfig is refused with its reason, the real one is tested.
  const card = await registerCluster(page, clusterName);
  await expect(card).toBeVisible();
  await attachKubeconfig(card, testKubeconfig().replace(/client-key-data: .*/, "client-key: /etc/shadow"));
  await expect(card.getByRole("alert").filter({ hasText: "client-key points at a file" }).first()).toBeVisible();
  // Two contexts and no current one: the server asks to pick; the pasted text stays in place.
  const doc = parse(testKubeconfig());
  const admin = doc.contexts[0];
  doc.contexts.push({ name: "second", context: { ...admin.context } });
  delete doc["current-context"];
  await attachKubeconfig(card, stringify(doc));
  await expect(card.getByRole("alert").filter({ hasText: "choose one" }).first()).toBeVisible();
  await card.getByLabel("Context").selectOption(admin.name);
  await card.getByRole("button", { name: "Attach my kubeconfig" }).click();
  await expect(card.getByTestId("connection-report")).toContainText("Kubernetes v1.36.3");
  await expect(card.getByLabel("Kubeconfig", { exact: true })).toHaveValue("");
  await expect(card.getByTestId("my-credential")).toContainText("context");

  // Plan then deploy.
  await deployImage(page, templateId, clusterName, NGINX_IMAGE_1, async (plan) => {
    await expect(plan.getByTestId("plan-StatefulSet-nginx")).toContainText("create");
  });
  await expect(page.getByTestId("deployment-status")).toHaveText("applied");
  await expect(page.getByTestId("rollout-state")).toHaveText("ready", { timeout: 60_000 });
  await expect(page.getByTestId("pod-nginx-0").getByTestId("pod-ready")).toHaveText("Ready");
  await expect(page.getByTestId("pod-nginx-1").getByTestId("pod-ready")).toHaveText("Ready");
  const firstUrl = page.url();

  // Change the image: the plan shows the field diff.
  await deployImage(page, templateId, clusterName, NGINX_IMAGE_2, async (plan) => {
    const sts = plan.getByTestId("plan-StatefulSet-nginx");
    await expect(sts).toContainText("update");
    await expect(sts).toContainText("spec.template.spec.containers[name=nginx].image");
    await expect(sts).toContainText(NGINX_IMAGE_2);
  });
  await expect(page.getByTestId("manifest")).toContainText(NGINX_IMAGE_2);

  // Redeploy the first record from history: preview shows the image going back.
  await page.goto(`/deployments?namespace=${namespace}`);
  await expect(page.getByTestId("deployment-row")).toHaveCount(2);
  await page.goto(firstUrl);
  await page.getByRole("button", { name: "Preview redeploy" }).click();
  const preview = page.getByTestId("plan");
  await expect(preview.getByTestId("plan-StatefulSet-nginx")).toContainText("update");
  await expect(preview.getByTestId("plan-StatefulSet-nginx")).toContainText(NGINX_IMAGE_1);
  await page.getByLabel("Reason (optional)").fill("back to 1.27");
  await page.getByRole("button", { name: "Redeploy", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "applied" })).toBeVisible();
  await page.getByRole("link", { name: "open the record and rollout" }).click();
  await expect(page.getByRole("heading", { name: "redeploy nginx" })).toBeVisible();
  await expect(page.getByTestId("deployment-status")).toHaveText("applied");
  await expect(page.getByText("back to 1.27")).toBeVisible();
  await expect(page.getByTestId("manifest")).toContainText(NGINX_IMAGE_1);
  await expect(page.getByTestId("rollout-state")).toHaveText("ready", { timeout: 60_000 });

  // Undeploy from the record: the app's objects go, the claims it keeps are listed.
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Undeploy nginx" }).click();
  await expect(page.getByTestId("kept-claims")).toContainText("www-nginx-0");
  await expect(page.getByTestId("kept-claims")).toContainText("www-nginx-1");
});

test("the restricted user's plan names what it may not do outside its namespace", async ({ page }) => {
  const templateId = await seedNginxTemplate(OWNER.email);
  const clusterName = `e2e-restricted-${Date.now().toString(36)}`;
  const card = await registerCluster(page, clusterName);
  await attachKubeconfig(card, testKubeconfig("restricted"));
  await expect(card.getByTestId("connection-report")).toContainText("create StatefulSets");
  await expect(card.getByTestId("connection-report")).toContainText("✗ create namespaces");

  await page.goto(`/deployments/new?template=${templateId}&version=1`);
  await page.getByRole("checkbox", { name: clusterName }).check();
  await page.getByLabel("Namespace", { exact: true }).fill("shop");
  await page.getByRole("button", { name: "Plan" }).click();
  const plan = page.getByTestId("plan");
  await expect(plan).toContainText("blocked");
  await expect(plan.getByTestId("plan-Ingress-nginx-ingress")).toContainText("you cannot create ingresses in namespace shop");
  await expect(plan.getByTestId("plan-StatefulSet-nginx")).toContainText("you cannot create statefulsets in namespace shop");
  // All denials, grouped (not one arbitrary denial), beside the plan and on the namespace field.
  await expect(plan.getByTestId("plan-denials")).toContainText("in namespace shop you cannot create: ingresses, services, statefulsets");
  await expect(plan.getByTestId("plan-denials")).toContainText("in namespace shop you cannot get: ingresses, services, statefulsets");
  await expect(page.locator("#f-namespace-error-1")).toBeVisible();
  // Deploy stays disabled, with the reason beside it.
  await expect(page.getByRole("button", { name: "Deploy", exact: true })).toBeDisabled();
  await expect(page.getByTestId("deploy-blocked-reason")).toContainText(/^Blocked: .*you cannot create statefulsets in namespace shop/);
});

async function deployImage(page: import("@playwright/test").Page, templateId: string, clusterName: string, image: string, checkPlan: (plan: import("@playwright/test").Locator) => Promise<void>) {
  await page.goto(`/deployments/new?template=${templateId}&version=1`);
  await page.getByLabel(/^Image/).fill(image);
  await page.getByRole("checkbox", { name: clusterName }).check();
  await page.getByLabel("Namespace", { exact: true }).fill(namespace);
  await page.getByRole("button", { name: "Plan" }).click();
  const plan = page.getByTestId("plan");
  await expect(plan).toContainText("ready to deploy");
  await checkPlan(plan);
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  // A successful deploy opens its record.
  await expect(page.getByRole("heading", { name: "deploy nginx" })).toBeVisible();
  await expect(page).toHaveURL(/\/deployments\/[a-z0-9]+$/);
}
