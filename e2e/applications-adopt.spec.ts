import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { OWNER_STATE } from "./support/accounts";
import { attachKubeconfig, kubectl, registerCluster } from "./support/cluster";
import { NGINX_IMAGE_1 } from "./support/deploy-fixtures";
import { createNamespace, deleteNamespace } from "./support/deploy-seed";

// Adopt what already runs: a StatefulSet made with kubectl is listed as not managed by Berth,
// adopted into a template, deployed (the plan names the take-over) and then is an application.
test.use({ storageState: OWNER_STATE });

let namespace = "";
test.afterAll(async () => {
  if (namespace) deleteNamespace(namespace);
});

test("a kubectl-made StatefulSet: listed as not managed → Adopt → deploy shows the take-over → in Applications", async ({ page }) => {
  test.setTimeout(180_000);
  namespace = createNamespace("adopt-e2e");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "adopt-e2e-")), "objects.yaml");
  fs.writeFileSync(file, `
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: legacy, namespace: ${namespace} }
spec:
  serviceName: legacy-hl
  replicas: 1
  selector: { matchLabels: { app: legacy } }
  template:
    metadata: { labels: { app: legacy } }
    spec: { containers: [{ name: web, image: ${NGINX_IMAGE_1}, ports: [{ name: http, containerPort: 80 }] }] }
---
apiVersion: v1
kind: Service
metadata: { name: legacy-hl, namespace: ${namespace} }
spec: { clusterIP: None, selector: { app: legacy }, ports: [{ name: http, port: 80 }] }
`);
  kubectl("create", "-f", file);
  const clusterName = `adopt-${Date.now().toString(36)}`;

  const card = await registerCluster(page, clusterName);
  await attachKubeconfig(card);
  await expect(card.getByTestId("connection-report")).toContainText("Kubernetes");

  await page.goto("/applications");
  await page.getByRole("link", { name: "Adopt a running app" }).click();
  await expect(page).toHaveURL(/\/applications\/adopt$/);
  await page.getByLabel("Cluster").selectOption({ label: clusterName });
  await page.getByRole("textbox", { name: "Namespace" }).fill(namespace);
  await page.getByRole("button", { name: "List StatefulSets" }).click();
  const row = page.getByTestId("unmanaged-row");
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute("data-name", "legacy");
  await expect(row).toContainText(NGINX_IMAGE_1);
  await row.getByLabel("Template name").fill(`legacy ${clusterName}`);
  await row.getByRole("button", { name: "Adopt" }).click();
  await expect(row.getByTestId("adopt-result")).toContainText("StatefulSet/legacy, Service/legacy-hl");

  await row.getByRole("link", { name: "Deploy it with Berth" }).click();
  await page.getByRole("checkbox", { name: clusterName }).check();
  await page.getByLabel("Namespace", { exact: true }).fill(namespace);
  await page.getByRole("button", { name: "Plan" }).click();
  await expect(page.getByTestId("plan")).toContainText("ready to deploy");
  await expect(page.getByTestId("plan-takeover").first()).toContainText("managed by kubectl-create; deploying makes Berth their manager");
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  // a successful deploy to one cluster opens its record (the results panel shows only until then)
  await expect(page).toHaveURL(/\/deployments\/[a-z0-9]+$/);
  await expect(page.getByTestId("deployment-status")).toHaveText("applied");

  await page.goto(`/applications?namespace=${namespace}`);
  await expect(page.getByTestId("app-row")).toHaveAttribute("data-app", "legacy");
  await page.getByRole("link", { name: "Adopt a running app" }).click();
  await expect(page).toHaveURL(/\/applications\/adopt$/);
  await page.getByLabel("Cluster").selectOption({ label: clusterName });
  await page.getByRole("textbox", { name: "Namespace" }).fill(namespace);
  await page.getByRole("button", { name: "List StatefulSets" }).click();
  await expect(page.getByTestId("adopt-none")).toBeVisible();
  await expect(page.getByTestId("unmanaged-row")).toHaveCount(0);
});
