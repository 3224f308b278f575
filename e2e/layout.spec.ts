import { expect, test } from "@playwright/test";
import { OWNER, OWNER_STATE } from "./support/accounts";
import { seedNginxTemplate } from "./support/deploy-seed";
import { expectCleanLayout } from "./support/layout";
import { Wizard } from "./support/wizard";

// Every page at 1280 and 768 px (issue 11, item 15): nothing cut, wrapped apart or sticking out,
// with the wizard's sections switched on and realistic values typed in.
test.use({ storageState: OWNER_STATE, viewport: { width: 1280, height: 900 } });

test("the wizard's three steps and the save step, filled in, at 1280 and 768 px", async ({ page }) => {
  test.setTimeout(240_000);
  const w = new Wizard(page);
  await w.openNew();
  await w.addKeyValue("Labels and annotations", "+ Add label", "spec.labels", "app.kubernetes.io/part-of", "shop-frontend");
  await w.toggle("Set instance type and QoS");
  await expectCleanLayout(page, "wizard-step1");

  await w.toStep(2);
  await page.getByRole("button", { name: "+ Add variable" }).click();
  await w.field("spec.containers.0.env.0.name").fill("NGINX_ENTRYPOINT_QUIET_LOGS");
  await w.field("spec.containers.0.env.0.value").fill("1");
  await w.toggle("Liveness probe");
  await w.toggle("Pre-stop hook");
  await page.getByRole("button", { name: "+ Add log collection" }).click();
  await w.field("spec.containers.0.logs.0.store").fill("nginx-access");
  await w.field("spec.containers.0.logs.0.path").fill("/var/log/nginx/*");
  await expectCleanLayout(page, "wizard-step2");

  await w.toStep(3);
  await w.addKeyValue("Service", "+ Add service label", "spec.service.labels", "app.kubernetes.io/component", "frontend");
  await w.addKeyValue("Service", "+ Add service annotation", "spec.service.annotations", "service.beta.kubernetes.io/alicloud-loadbalancer-bandwidth", "20");
  await w.toggle("Create an Ingress");
  await w.toggle("Metric scaling (HorizontalPodAutoscaler)");
  await w.toggle("Scheduled scaling (CronHorizontalPodAutoscaler)");
  await w.addKeyValue("Pod labels and annotations", "+ Add pod label", "spec.podLabels", "version", "v1");
  await w.addKeyValue("Pod labels and annotations", "+ Add pod annotation", "spec.podAnnotations", "prometheus.io/scrape", "true");
  await w.toggle("PVC retention policy");
  await expectCleanLayout(page, "wizard-step3");

  await w.toSave();
  await page.getByRole("button", { name: "+ Add parameter" }).click();
  await expectCleanLayout(page, "wizard-save");
});

test("the other pages at 1280 and 768 px", async ({ page }) => {
  test.setTimeout(240_000);
  const id = await seedNginxTemplate(OWNER.email);
  for (const [label, url] of [
    ["templates", "/templates"],
    ["template", `/templates/${id}`],
    ["import", "/templates/import"],
    ["clusters", "/clusters"],
    ["deployments", "/deployments"],
    ["deploy-form", `/deployments/new?template=${id}&version=1`],
    ["audit", "/audit"],
    ["team", "/team"],
  ] as const) {
    await page.goto(url);
    await expect(page.locator("main h1").first()).toBeVisible();
    await expectCleanLayout(page, label);
  }
});
