import { expect, test as base, type Page } from "@playwright/test";
import { alerts, joinTeamAs, OWNER_STATE } from "./support/accounts";
import { docScreenshot, Wizard } from "./support/wizard";

// `page` is the team owner's (signed up by the setup project); other users get their own contexts.
const test = base.extend({
  page: async ({ browser }, use) => {
    const context = await browser.newContext({ storageState: OWNER_STATE });
    await use(await context.newPage());
    await context.close();
  },
});
test.use({ viewport: { width: 1280, height: 900 } });

const appYaml = (name: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
spec:
  replicas: 1
  serviceName: ${name}-headless
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
      containers:
        - name: main
          image: redis:7.4
`;

async function importApp(page: Page, name: string, visibility: "private" | "team"): Promise<string> {
  await page.goto("/templates/import");
  await page.getByLabel("Template name (optional)").fill(name);
  await page.getByLabel("Visibility").selectOption(visibility);
  await page.getByLabel("…or paste YAML").fill(appYaml(name));
  await page.getByRole("button", { name: "Import as a new template" }).click();
  await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
  return page.url().split("/templates/")[1].split("?")[0];
}

test.describe("the application wizard and the template library", () => {
  test("the seed's nginx StatefulSet: three steps, live YAML, saved as a template, edited, versions compared", async ({ page }) => {
    test.setTimeout(240_000);
    const w = new Wizard(page);
    await w.openNew();

    // Step 1 — basic information
    await w.fill("spec.name", "nginx");
    await w.fill("spec.replicas", "2");
    await expect(page.getByTestId("pod-names")).toHaveText("nginx-0, nginx-1");
    await expect(page.getByTestId("pod-hostname")).toHaveText("nginx-0.nginx-headless.<namespace>.svc");
    await w.expectYaml("kind: StatefulSet", "replicas: 2");

    // Step 2 — containers: image with its tag as a parameter, port 80, readiness HTTP probe, per-pod storage
    await w.toStep(2);
    await expect(w.field("spec.containers.0.image")).toHaveValue("nginx:1.27");
    await page.getByRole("button", { name: "Make tag a parameter" }).click();
    await expect(page.getByTestId("param-containers.0.image")).toHaveText("{{ imageTag }}");
    await expect(w.field("spec.containers.0.ports.0.containerPort")).toHaveValue("80");
    await expect(page.getByLabel("Readiness probe")).toBeChecked();
    await expect(w.field("spec.containers.0.readinessProbe.type")).toHaveValue("httpGet");
    await expect(w.field("spec.containers.0.readinessProbe.initialDelaySeconds")).toHaveValue("3");
    await w.fill("spec.containers.0.readinessProbe.path", "/");
    await page.getByRole("button", { name: "+ Add per-pod storage" }).click();
    await w.fill("spec.volumeClaimTemplates.0.size", "1Gi");
    await expect(page.getByTestId("pvc-names")).toContainText("data-nginx-0, data-nginx-1");
    await expect(page.getByTestId("pvc-names")).toContainText("Scaling down or deleting the app keeps the volumes");
    await page.getByRole("button", { name: "+ Add mount" }).first().click();
    await expect(w.field("spec.containers.0.volumeMounts.0.name")).toHaveValue("data");
    await w.fill("spec.containers.0.volumeMounts.0.mountPath", "/usr/share/nginx/html");
    await w.expectYaml("containerPort: 80", "readinessProbe:", "path: /", "volumeClaimTemplates:", "storage: 1Gi", "mountPath: /usr/share/nginx/html");

    // Step 3 — advanced: the ClusterIP Service nginx-svc and an Ingress for foo.bar.com
    await w.toStep(3);
    await expect(page.getByLabel("Create a Service")).toBeChecked();
    await expect(w.field("spec.service.name")).toHaveValue("nginx-svc");
    await expect(w.field("spec.service.type")).toHaveValue("ClusterIP");
    await w.toggle("Create an Ingress");
    await w.fill("spec.ingress.rules.0.host", "foo.bar.com");
    await expect(w.field("spec.ingress.rules.0.paths.0.serviceName")).toHaveValue("nginx-svc");
    await w.expectYaml("kind: Ingress", "host: foo.bar.com", "name: nginx-svc", "type: ClusterIP", "clusterIP: None");
    await page.getByRole("button", { name: "Ingress nginx-ingress" }).click();

    // Save as a template: the image tag is a parameter with the current tag as default
    await w.toSave();
    await w.fill("meta.name", "nginx web");
    await w.fill("meta.labelsText", "web, seed");
    await expect(w.field("parameters.0.name")).toHaveValue("imageTag");
    await expect(w.field("parameters.0.default")).toHaveValue("1.27");
    await w.fill("parameters.0.description", "nginx image tag");
    await w.save();
    await expect(page.getByRole("status")).toContainText("Saved version 1.");
    await expect(page.getByRole("heading", { name: "nginx web" })).toBeVisible();
    await expect(page.getByText("imageTag: string = 1.27")).toBeVisible();
    await expect(page.getByRole("link", { name: "Deploy", exact: true })).toHaveAttribute("href", /\/deployments\/new\?template=.+&version=1$/);

    // Edit to a second version
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await expect(w.heading(1)).toBeVisible();
    await expect(w.field("spec.name")).toHaveValue("nginx");
    await w.fill("spec.replicas", "3");
    await w.toStep(2);
    await expect(page.getByTestId("param-containers.0.image")).toHaveText("{{ imageTag }}");
    await w.toStep(3);
    await expect(w.field("spec.ingress.rules.0.host")).toHaveValue("foo.bar.com");
    await w.toSave();
    await w.fill("meta.message", "three replicas");
    await w.save("Save new version");
    await expect(page.getByRole("status")).toContainText("Saved version 2.");

    // Compare the versions
    const diff = page.getByTestId("version-diff");
    await expect(diff.getByRole("row", { name: /^replicas/ })).toContainText("2");
    await expect(diff.getByRole("row", { name: /^replicas/ })).toContainText("3");
    await expect(page.getByTestId("yaml-diff")).toContainText("+  replicas: 3");
    await expect(page.getByRole("row", { name: /v2 three replicas/ })).toBeVisible();
    await docScreenshot(page, "template-detail", { fullPage: true });

    // Restore v1 as a new version (history is never rewritten)
    await page.getByRole("button", { name: "Restore v1" }).click();
    await expect(page.getByRole("row", { name: /v3 Restored version 1/ })).toBeVisible();

    await page.goto("/templates");
    await expect(page.getByRole("row", { name: /nginx web/ })).toContainText("v3 by");
    await docScreenshot(page, "template-list");

    // Tablet width: the wizard reflows without sideways scrolling
    await page.setViewportSize({ width: 768, height: 1000 });
    await w.openNew();
    await w.toStep(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    await page.screenshot({ path: test.info().outputPath("wizard-768.png") });
  });

  test("metric scaling takes over the replica count: read-only field, no spec.replicas in the YAML", async ({ page }) => {
    const w = new Wizard(page);
    await w.openNew();
    await w.toStep(2);
    await w.toStep(3);
    await w.toggle("Metric scaling (HorizontalPodAutoscaler)");
    await w.fill("spec.autoscaling.minReplicas", "3");
    await w.expectYaml("kind: HorizontalPodAutoscaler", "minReplicas: 3");
    await expect(w.yaml()).not.toContainText(/^\s+replicas: /m);
    await page.getByRole("navigation", { name: "Wizard steps" }).getByRole("button", { name: /Basic information/ }).click();
    await expect(w.heading(1)).toBeVisible();
    await expect(w.field("spec.replicas")).toHaveValue("3");
    await expect(w.field("spec.replicas")).toHaveAttribute("readonly", "");
    await expect(page.getByText("Managed by the autoscaler: min 3, max 5")).toBeVisible();
  });

  test("YAML mode round trip: edits come back to the form and fields the form does not show survive", async ({ page }) => {
    const w = new Wizard(page);
    await w.openNew();
    await w.fill("spec.name", "roundtrip");
    await w.expectYaml("name: roundtrip");
    const text = await w.yamlMode();
    expect(text).toContain("replicas: 2");
    const edited = text.replace("replicas: 2", "replicas: 4").replace(/\n(\s+)containers:\n/, "\n$1terminationGracePeriodSeconds: 45\n$1containers:\n");
    expect(edited).toContain("terminationGracePeriodSeconds: 45");

    // a broken edit is refused with its line and column; nothing is lost
    await w.setYaml(`${edited}\n  broken: [\n`);
    await w.formMode();
    await expect(page.getByTestId("yaml-errors")).toContainText(/Line \d+, column \d+/);
    await expect(page.getByTestId("yaml-editor")).toBeVisible();

    await w.setYaml(edited);
    await w.formMode();
    await expect(w.heading(1)).toBeVisible();
    await expect(w.field("spec.replicas")).toHaveValue("4");
    await w.expectYaml("replicas: 4", "terminationGracePeriodSeconds: 45");

    // a form edit after the round trip keeps the passthrough field too
    await w.fill("spec.replicas", "5");
    await w.expectYaml("replicas: 5", "terminationGracePeriodSeconds: 45");
    expect(await w.yamlMode()).toContain("terminationGracePeriodSeconds: 45");
    await w.formMode();
    await expect(w.field("spec.replicas")).toHaveValue("5");
  });

  test("YAML mode: host port and a claim without a storage class come to the form and back", async ({ page }) => {
    const w = new Wizard(page);
    await w.openNew();
    await w.fill("spec.name", "fidelity");
    await w.expectYaml("name: fidelity");
    await w.yamlMode();
    await w.setYaml(`apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: fidelity
spec:
  serviceName: fidelity-headless
  replicas: 1
  template:
    spec:
      containers:
      - name: web
        image: nginx:1.27
        imagePullPolicy: Always
        ports: [{name: http, containerPort: 80, hostPort: 8080}]
        volumeMounts: [{name: data, mountPath: /data}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      storageClassName: ""
      resources: {requests: {storage: 1Gi}}
`);
    await w.formMode();
    await expect(w.heading(1)).toBeVisible();
    await w.toStep(2);
    await expect(w.field("spec.containers.0.ports.0.hostPort")).toHaveValue("8080");
    const storageClass = w.field("spec.volumeClaimTemplates.0.storageClassName-mode");
    await expect(storageClass).toHaveValue("none");
    await w.expectYaml("hostPort: 8080", 'storageClassName: ""');
    // "Cluster default" leaves the field out; "No class" writes ""
    await storageClass.selectOption("default");
    await expect(w.yaml()).not.toContainText("storageClassName");
    await storageClass.selectOption("none");
    await w.expectYaml('storageClassName: ""');
  });

  test("field errors: an invalid name is shown next to the field and the step cannot be left", async ({ page }) => {
    const w = new Wizard(page);
    await w.openNew();
    await w.fill("spec.name", "Bad_Name!");
    await expect(w.error("spec.name")).toBeVisible();
    await expect(w.field("spec.name")).toHaveAttribute("aria-invalid", "true");
    await expect(w.field("spec.name")).toHaveAttribute("aria-describedby", "f-spec-name-error");
    await w.next();
    await expect(w.heading(1)).toBeVisible();
    const summary = page.getByTestId("error-summary");
    await expect(summary).toContainText("Step 1 (Basic information) has an error");
    await summary.getByRole("link", { name: /name/ }).click();
    await expect(w.field("spec.name")).toBeFocused();

    await w.fill("spec.name", "good-name");
    await expect(w.error("spec.name")).toHaveCount(0);
    await w.toStep(2);
    await w.fill("spec.containers.0.ports.0.containerPort", "70000");
    await expect(w.error("spec.containers.0.ports.0.containerPort")).toBeVisible();
    await w.next();
    await expect(w.heading(2)).toBeVisible();
    await expect(summary).toContainText("Step 2 (Containers)");
  });

  test("import: a 5 MB paste is refused with a clear message, a YAML error names its line, a template file imports back", async ({ page }) => {
    test.setTimeout(240_000); // a 5 MB textarea is slow to fill on a busy machine
    await page.goto("/templates/import");
    const text = page.getByLabel("…or paste YAML");
    await text.evaluate((el: HTMLTextAreaElement, big) => {
      const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")!.set!;
      setter.call(el, big);
      el.dispatchEvent(new Event("input", { bubbles: true }));
    }, "a: b\n".repeat(1_300_000));
    await page.getByRole("button", { name: "Import as a new template" }).click();
    await expect(alerts(page)).toContainText("the limit is 1024 KB");

    await text.fill("kind: StatefulSet\nmetadata:\n  name: [broken\n");
    await page.getByRole("button", { name: "Import as a new template" }).click();
    await expect(alerts(page)).toContainText(/line \d+, column \d+/);

    const id = await importApp(page, "exported-redis", "private");
    const file = await page.request.get(`/templates/${id}/export?version=1&format=template`);
    expect(file.ok()).toBe(true);
    const body = await file.text();
    expect(body).toContain("kind: BerthTemplate");
    await page.goto("/templates/import");
    await page.getByLabel("Template name (optional)").fill("reimported-redis");
    await page.getByLabel("…or paste YAML").fill(body);
    await page.getByRole("button", { name: "Import as a new template" }).click();
    await expect(page.getByRole("heading", { name: "reimported-redis" })).toBeVisible();
    const rendered = await page.request.get(`${page.url().split("?")[0]}/export?format=yaml`);
    expect(await rendered.text()).toContain("image: redis:7.4");
  });

  test("two editors of one template: the second save is told a newer version exists", async ({ page, browser }) => {
    const id = await importApp(page, "contested-redis", "team");
    const { page: other, context } = await joinTeamAs(browser, "member", "rival");
    const first = new Wizard(page);
    const second = new Wizard(other);
    for (const w of [first, second]) {
      await w.page.goto(`/templates/${id}/edit`);
      await expect(w.heading(1)).toBeVisible();
    }
    for (const [w, replicas] of [[first, "3"], [second, "4"]] as const) {
      await w.fill("spec.replicas", replicas);
      await w.toStep(2);
      await w.toStep(3);
      await w.toSave();
    }
    await first.save("Save new version");
    await other.getByRole("button", { name: "Save new version" }).click();
    await expect(other.getByTestId("error-summary")).toContainText("A newer version (v2 by Olivia Owner) exists");
    await expect(other).toHaveURL(/\/edit$/);
    await page.goto(`/templates/${id}`);
    await expect(page.getByRole("row", { name: /^v\d/ })).toHaveCount(2);
    await context.close();
  });

  test("team sharing: a member sees the owner's shared template but not the private one", async ({ page, browser }) => {
    const sharedId = await importApp(page, "shared-redis", "team");
    const privateId = await importApp(page, "private-redis", "private");
    await page.goto("/templates");
    await expect(page.getByRole("link", { name: "private-redis" })).toBeVisible();

    const { page: member, context } = await joinTeamAs(browser, "member", "sharer");
    await member.goto("/templates");
    await expect(member.getByRole("link", { name: "shared-redis" })).toBeVisible();
    await expect(member.getByRole("link", { name: "private-redis" })).toHaveCount(0);
    await member.goto(`/templates/${privateId}`);
    await expect(member.getByRole("heading", { name: "private-redis" })).toHaveCount(0);
    await member.goto(`/templates/${sharedId}`);
    await expect(member.getByRole("link", { name: "Edit" })).toBeVisible();
    await context.close();
  });

  test("a viewer reads templates but has no edit controls, and a direct action is refused", async ({ page, browser }) => {
    const id = await importApp(page, "viewer-redis", "team");
    await page.goto(`/templates/${id}`);
    const archiveForm = await page.locator("form", { has: page.getByRole("button", { name: "Archive" }) }).evaluate((f) => f.outerHTML);

    const { page: viewer, context } = await joinTeamAs(browser, "viewer", "reader");
    await viewer.goto(`/templates/${id}`);
    await expect(viewer.getByRole("heading", { name: "viewer-redis" })).toBeVisible();
    for (const name of ["Edit", "Archive", "Duplicate"]) await expect(viewer.getByRole("button", { name }).or(viewer.getByRole("link", { name }))).toHaveCount(0);
    await viewer.goto(`/templates/${id}/edit`);
    await expect(viewer.getByRole("heading", { name: "You can read this template but not change it" })).toBeVisible();
    await viewer.goto("/templates");
    await expect(viewer.getByRole("link", { name: "New application" })).toHaveCount(0);

    // Replaying the owner's archive form with the viewer's session changes nothing…
    await viewer.goto(`/templates/${id}`);
    await replay(viewer, archiveForm);
    await page.goto(`/templates/${id}`);
    await expect(page.getByTestId("visibility")).not.toContainText("archived");
    // …while the same replay by the owner works (the control).
    await replay(page, archiveForm);
    await page.goto(`/templates/${id}`);
    await expect(page.getByTestId("visibility")).toContainText("archived");
    await expect(alerts(page)).toHaveCount(0);
    await context.close();
  });
});

async function replay(page: Page, html: string) {
  await page.evaluate((html) => {
    const holder = document.createElement("div");
    holder.innerHTML = html;
    document.body.appendChild(holder);
    holder.querySelector("form")!.requestSubmit();
  }, html);
  await page.waitForLoadState("networkidle");
}
