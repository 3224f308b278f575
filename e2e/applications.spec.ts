import { expect, test } from "@playwright/test";
import { OWNER, OWNER_STATE } from "./support/accounts";
import { attachKubeconfig, kubectl, registerCluster } from "./support/cluster";
import { NGINX_IMAGE_1, NGINX_IMAGE_2 } from "./support/deploy-fixtures";
import { createNamespace, deleteNamespace, seedNginxTemplate } from "./support/deploy-seed";

// The seed guide's journey to its end: deploy nginx, open the application, see the pods Ready,
// the Ingress host foo.bar.com with the line to add to a hosts file, events and logs; then an
// out-of-band change shows as drift naming kubectl, and Sync brings it back.
test.use({ storageState: OWNER_STATE });

const shots = process.env.BERTH_UPDATE_SCREENSHOTS === "1";

let namespace = "";
test.afterAll(async () => {
  if (namespace) deleteNamespace(namespace);
});

test("deploy nginx, open the application: pods, how to reach it, events, logs, drift after kubectl, sync", async ({ page }) => {
  test.setTimeout(240_000);
  namespace = createNamespace("apps-e2e");
  const templateId = await seedNginxTemplate(OWNER.email);
  const clusterName = `apps-${Date.now().toString(36)}`;

  const card = await registerCluster(page, clusterName);
  await attachKubeconfig(card);
  await expect(card.getByTestId("connection-report")).toContainText("Kubernetes");

  await page.goto(`/deployments/new?template=${templateId}&version=1`);
  await page.getByLabel(/^Image/).fill(NGINX_IMAGE_1);
  await page.getByRole("checkbox", { name: clusterName }).check();
  await page.getByLabel("Namespace", { exact: true }).fill(namespace);
  await page.getByRole("button", { name: "Plan" }).click();
  await expect(page.getByTestId("plan")).toContainText("ready to deploy");
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  // a successful deploy to one cluster opens its record (the results panel shows only until then)
  await expect(page).toHaveURL(/\/deployments\/[a-z0-9]+$/);
  await expect(page.getByTestId("deployment-status")).toHaveText("applied");

  // Applications: the row, then Healthy 2/2 and In sync once the cluster answers.
  await expect.poll(async () => {
    await page.goto(`/applications?namespace=${namespace}`);
    return page.getByTestId("app-row").getByTestId("health").textContent();
  }, { timeout: 60_000 }).toBe("Healthy 2/2");
  const row = page.getByTestId("app-row");
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("sync")).toHaveText("In sync");
  await expect(row).toContainText(clusterName);
  if (shots) await page.screenshot({ path: "docs/screenshots/applications.png", fullPage: true });

  // An ingress controller publishes an address (here: by hand), then open the application.
  kubectl("patch", "ingress", "nginx-ingress", "-n", namespace, "--subresource=status", "--type=merge", "-p", '{"status":{"loadBalancer":{"ingress":[{"ip":"10.11.12.13"}]}}}');
  await row.getByRole("link", { name: "nginx", exact: true }).click();
  await expect(page.getByRole("heading", { name: "nginx", exact: true })).toBeVisible();
  await expect(page.locator('[data-pod="nginx-0"]').getByTestId("pod-ready")).toHaveText("Ready");
  await expect(page.locator('[data-pod="nginx-1"]').getByTestId("pod-ready")).toHaveText("Ready");
  await expect(page.getByTestId("reach")).toContainText("http://foo.bar.com/");
  await expect(page.getByTestId("hosts-line")).toHaveText("10.11.12.13 foo.bar.com");
  await expect(page.getByTestId("event-row").first()).toBeVisible();
  await expect(page.getByTestId("drift-none")).toBeVisible();

  // Logs of nginx-0 (served by the fake node), the last 5 lines.
  await page.getByLabel("Last lines").fill("5");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByTestId("logs")).toContainText("request 29");
  await expect(page.getByTestId("logs")).not.toContainText("request 24");

  // Out of band: kubectl set image → the drift names the field and kubectl.
  kubectl("set", "image", "statefulset/nginx", `nginx=${NGINX_IMAGE_2}`, "-n", namespace);
  await page.reload();
  const field = page.getByTestId("drift-field");
  await expect(field).toContainText("spec.template.spec.containers[name=nginx].image");
  await expect(field).toContainText("changed by kubectl-set");
  await expect(field).toContainText(`${NGINX_IMAGE_1} → ${NGINX_IMAGE_2}`);
  if (shots) await page.getByTestId("drift").screenshot({ path: "docs/screenshots/application-drift.png" });
  await page.getByRole("button", { name: "Sync (redeploy the last record)" }).click();
  await expect(page.getByTestId("deploy-result")).toContainText("applied");
  await page.reload();
  await expect(page.getByTestId("drift-none")).toBeVisible();
  await expect(page.getByTestId("history-entry").first()).toContainText("sync drift");

  await page.goto(`/applications?namespace=${namespace}`);
  await expect(page.getByTestId("app-row").getByTestId("sync")).toHaveText("In sync");
});
