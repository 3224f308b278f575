import { expect, test, type Locator } from "@playwright/test";
import { OWNER, OWNER_STATE } from "./support/accounts";
import { attachKubeconfig, kubectl, registerCluster } from "./support/cluster";
import { deleteNamespace } from "./support/deploy-seed";
import { docScreenshot, Wizard } from "./support/wizard";

// Issue 11, "The first hour": a new user follows the seed guide's nginx example
// (/work/shared/seed, 创建有状态工作负载StatefulSet) item by item — on the local control plane
// (`npm run cluster`: kwok nodes, metrics-server, the cron-HPA CRD and no cron-HPA controller, no
// ingress controller) — from registering the cluster to the app's detail page, clicking each
// button once. Each numbered item of the issue is asserted where it occurs; the items a single
// walk cannot show are asserted elsewhere, named at the end of this file. The README's
// screenshots are taken here (BERTH_UPDATE_SCREENSHOTS=1).
test.use({ storageState: OWNER_STATE, viewport: { width: 1280, height: 900 } });

let namespace = "";
test.afterAll(() => {
  if (namespace) deleteNamespace(namespace);
});

test("the seed's nginx example, from an empty cluster list to the app's page", async ({ page }) => {
  test.setTimeout(480_000);
  const suffix = Date.now().toString(36);
  const clusterName = `local-${suffix}`;
  const templateName = `nginx seed example ${suffix}`;
  namespace = `first-hour-${suffix}`;
  // Nothing in this walk should ask "leave the page?" or confirm anything: every dialog is a bug here.
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });

  // ── Prerequisite (前提条件): connect the cluster with its kubeconfig ─────────────────────────
  const card = await registerCluster(page, clusterName);
  await expect(page.getByText("Cluster registered. Attach your kubeconfig below.")).toBeVisible();
  await attachKubeconfig(card);
  await expect(card.getByTestId("connection-report")).toContainText("Kubernetes v1.36.3");
  // Item 17: the registration message goes once the kubeconfig is attached.
  await expect(page.getByText("Cluster registered. Attach your kubeconfig below.")).toHaveCount(0);
  // Item 1: what the cluster serves, and plainly what it lacks — scheduled scaling is stored but
  // never fires (no controller), metric scaling measures, nothing serves Ingresses.
  const caps = card.getByTestId("cluster-capabilities");
  await expect(caps.getByTestId("cron-hpa-state")).toHaveText("CronHorizontalPodAutoscaler CRD installed; no cron-HPA controller (schedules never fire)");
  await expect(caps).toContainText("served (autoscalers can measure CPU and memory)");
  await expect(caps).toContainText("standard (default)");
  const missing = card.getByTestId("cluster-missing");
  await expect(missing).toContainText("No cron-HPA controller runs on this cluster");
  await expect(missing).toContainText("its schedules never fire. Deploys are not blocked.");
  await expect(missing).toContainText("This cluster has no IngressClass: no controller will serve Ingresses.");
  await expect(caps).toContainText("Generic profile: the Alibaba Cloud features");
  await docScreenshot(page, "clusters", { fullPage: true });

  // ── Steps 1–3: Templates → New application (使用镜像创建) ────────────────────────────────────
  const w = new Wizard(page);
  await page.goto("/templates");
  await page.getByRole("main").getByRole("link", { name: "New application" }).click();
  await expect(w.heading(1)).toBeVisible();

  // ── Step 4: basic information (应用基本信息) ─────────────────────────────────────────────────
  await expect(w.field("spec.name")).toHaveValue("nginx"); // 应用名称
  await w.field("spec.replicas").fill("2"); // 副本数量
  await expect(page.getByTestId("pod-names")).toHaveText("nginx-0, nginx-1");
  await expect(page.getByRole("main")).toContainText("Workload type: StatefulSet"); // 工作负载
  await w.addKeyValue("Labels and annotations", "+ Add label", "spec.labels", "app.kubernetes.io/part-of", "shop"); // 标签
  await page.getByRole("region", { name: "Labels and annotations" }).getByRole("button", { name: "+ Add annotation" }).click(); // 注解
  await w.field("spec.annotations.0.key").fill("description");
  await w.field("spec.annotations.0.value").fill("nginx, stateful");
  // 实例类型 / QoS类型: named as a user would (item 11), with what they do on a Generic cluster (item 1).
  await expect(page.getByRole("region", { name: "Instance profile" })).toContainText("Alibaba Cloud ACS clusters (the Alibaba Cloud profile)");
  await w.toggle("Set instance type and QoS");
  await expect(page.getByTestId("cloud-note-instanceProfile")).toContainText("On a Generic cluster they are plain labels; the plan warns.");
  await w.field("spec.cloud.instanceType").selectOption("general-purpose");
  await w.field("spec.cloud.qos").selectOption("best-effort");
  await w.expectYaml("kind: StatefulSet", "replicas: 2", "app.kubernetes.io/part-of: shop", "alibabacloud.com/compute-qos: best-effort");
  await expect(page.locator("main")).not.toContainText("seed"); // item 11: no "the seed's cloud"
  await w.screenshot("wizard-step1-basic");

  // ── Steps 5–7: containers (容器配置) ─────────────────────────────────────────────────────────
  await w.toStep(2);
  const main = page.getByRole("article", { name: "Container 1" });
  await expect(w.field("spec.containers.0.image")).toHaveValue("nginx:1.27"); // 镜像名称
  // Item 18: the YAML pane follows the field being edited.
  await w.field("spec.containers.0.image").click();
  await expect(page.getByTestId("yaml-focus")).toHaveText(/image: nginx:1\.27/);
  await w.field("spec.containers.0.imagePullPolicy").selectOption("Always"); // ACS pulls Always only
  await expect(page.locator("#f-spec-containers-0-imagePullPolicy-hint")).toHaveText("Alibaba Cloud ACS clusters pull Always only."); // item 11
  await w.field("spec.containers.0.resources.requests.cpu").fill("250m"); // CPU
  await w.field("spec.containers.0.resources.requests.memory").fill("256Mi"); // Memory
  await main.getByLabel("stdin", { exact: true }).check(); // 容器启动项
  await main.getByLabel("tty", { exact: true }).check();
  await expect(w.field("spec.containers.0.ports.0.name")).toHaveValue("http"); // 端口设置: name, port, protocol
  await expect(w.field("spec.containers.0.ports.0.containerPort")).toHaveValue("80");
  await expect(w.field("spec.containers.0.ports.0.protocol")).toHaveValue("TCP");
  // 环境变量: the seed's example takes a whole Secret (envFrom).
  await main.getByRole("button", { name: "+ Add all keys of a ConfigMap or Secret" }).click();
  await w.field("spec.containers.0.envFrom.0.type").selectOption("secret");
  await w.field("spec.containers.0.envFrom.0.name").fill("nginx-secret");
  // 健康检查: liveness (TCP), readiness (HTTP GET /, the default), startup.
  await main.getByLabel("Liveness probe", { exact: true }).check();
  await w.field("spec.containers.0.livenessProbe.type").selectOption("tcpSocket");
  await expect(w.field("spec.containers.0.livenessProbe.initialDelaySeconds")).toHaveValue("15"); // the seed's TCP default
  await expect(main.getByLabel("Readiness probe", { exact: true })).toBeChecked();
  await expect(w.field("spec.containers.0.readinessProbe.initialDelaySeconds")).toHaveValue("3"); // the seed's HTTP default
  await main.getByLabel("Startup probe", { exact: true }).check();
  // 生命周期: post-start and pre-stop — item 16: pre-stop has its own default, not a copy.
  await main.getByLabel("Post-start hook", { exact: true }).check();
  await main.getByLabel("Pre-stop hook", { exact: true }).check();
  const postStart = await w.field("spec.containers.0.lifecycle.postStart.command").inputValue();
  const preStop = await w.field("spec.containers.0.lifecycle.preStop.command").inputValue();
  expect(preStop).not.toBe(postStart);
  expect(preStop).not.toContain("started");
  // 数据卷: the StatefulSet's per-pod storage (one PVC per pod), mounted at nginx's web root.
  await page.getByRole("button", { name: "+ Add per-pod storage" }).click();
  await w.field("spec.volumeClaimTemplates.0.size").fill("1Gi");
  await expect(page.getByTestId("pvc-names")).toContainText("data-nginx-0, data-nginx-1");
  await main.getByRole("button", { name: "+ Add mount" }).click();
  await w.field("spec.containers.0.volumeMounts.0.mountPath").fill("/usr/share/nginx/html");
  // 日志配置: a log store with /var/log/nginx's text logs and a custom tag.
  await main.getByRole("button", { name: "+ Add log collection" }).click();
  await expect(page.getByTestId("cloud-note-logCollection")).toContainText("On a Generic cluster the variables are set but nothing collects the logs");
  await w.field("spec.containers.0.logs.0.store").fill("nginx-access");
  await w.field("spec.containers.0.logs.0.path").fill("/var/log/nginx/*");
  await main.getByRole("button", { name: "+ Add tag" }).click();
  await w.field("spec.containers.0.logs.0.tags.0.key").fill("app");
  await w.field("spec.containers.0.logs.0.tags.0.value").fill("nginx");
  // 初始化容器: an init container that runs to completion first.
  await page.getByRole("button", { name: "+ Add init container" }).click();
  await expect(w.field("spec.initContainers.0.image")).toHaveValue("busybox:1.36");
  await w.expectYaml("initContainers:", "stdin: true", "envFrom:", "livenessProbe:", "startupProbe:", "preStop:", "aliyun_logs_nginx-access", "volumeClaimTemplates:", "storage: 1Gi");
  await w.screenshot("wizard-step2-containers");

  // ── Steps 8–9: advanced (高级配置) ───────────────────────────────────────────────────────────
  await w.toStep(3);
  // 服务: nginx-svc, virtual cluster IP, port mapping, an annotation (bandwidth) and a label.
  await expect(page.getByLabel("Create a Service")).toBeChecked();
  await expect(w.field("spec.service.name")).toHaveValue("nginx-svc");
  await expect(w.field("spec.service.type")).toHaveValue("ClusterIP");
  await expect(w.field("spec.service.ports.0.port")).toHaveValue("80");
  await w.addKeyValue("Service", "+ Add service annotation", "spec.service.annotations", "service.beta.kubernetes.io/alicloud-loadbalancer-bandwidth", "20");
  await w.addKeyValue("Service", "+ Add service label", "spec.service.labels", "app.kubernetes.io/component", "frontend");
  // 路由: nginx-ingress, host foo.bar.com, path /, backend nginx-svc.
  await w.toggle("Create an Ingress");
  await expect(w.field("spec.ingress.name")).toHaveValue("nginx-ingress");
  await w.field("spec.ingress.rules.0.host").fill("foo.bar.com");
  await expect(w.field("spec.ingress.rules.0.paths.0.path")).toHaveValue("/");
  await expect(w.field("spec.ingress.rules.0.paths.0.serviceName")).toHaveValue("nginx-svc");
  // Item 2: the ingress class field offers what the clusters have — this one has none.
  await expect(page.locator("#cluster-ingress-classes option")).toHaveCount(0);
  // 指标伸缩: CPU 70 %, 2 to 4 replicas.
  await w.toggle("Metric scaling (HorizontalPodAutoscaler)");
  await w.field("spec.autoscaling.maxReplicas").fill("4");
  await expect(w.field("spec.autoscaling.minReplicas")).toHaveValue("2");
  await expect(w.field("spec.autoscaling.cpuUtilization")).toHaveValue("70");
  // 定时伸缩: up to 4 at 08:00, back to 2 at 20:00; the note says it needs the controller.
  await w.toggle("Scheduled scaling (CronHorizontalPodAutoscaler)");
  await expect(page.getByTestId("cloud-note-scheduledScaling")).toContainText("it needs the cron-HPA controller");
  await expect(w.field("spec.scheduledScaling.jobs.0.name")).toHaveValue("scale-up");
  await expect(w.field("spec.scheduledScaling.jobs.0.schedule")).toHaveValue("0 0 8 * * *");
  await expect(w.field("spec.scheduledScaling.jobs.0.targetSize")).toHaveValue("4");
  await page.getByRole("button", { name: "+ Add job" }).click();
  await w.field("spec.scheduledScaling.jobs.1.name").fill("scale-down");
  await expect(w.field("spec.scheduledScaling.jobs.1.schedule")).toHaveValue("0 0 20 * * *");
  // 标签和注解: on the pods.
  await w.addKeyValue("Pod labels and annotations", "+ Add pod label", "spec.podLabels", "version", "v1");
  await w.addKeyValue("Pod labels and annotations", "+ Add pod annotation", "spec.podAnnotations", "prometheus.io/scrape", "true");
  await w.expectYaml("kind: Ingress", "host: foo.bar.com", "kind: HorizontalPodAutoscaler", "averageUtilization: 70", "kind: CronHorizontalPodAutoscaler", "schedule: \"0 0 20 * * *\"", "prometheus.io/scrape");
  await page.getByRole("button", { name: "Ingress nginx-ingress" }).click();
  await w.screenshot("wizard-step3-advanced");

  // ── 创建: save as a template. Item 3: no error on the untouched name, and the first click saves.
  await w.toSave();
  await w.saveWithOneClick(templateName);
  await expect(page.getByRole("status")).toContainText("Saved version 1.");
  // Item 13: nothing runs yet, and the page says so (not "Deployments: 0").
  await expect(page.getByTestId("template-runs-on")).toHaveText("not running anywhere");
  await expect(page.getByTestId("template-history")).toHaveText("none yet");
  const templateUrl = page.url().split("?")[0];

  // ── Plan and deploy (单击创建) ───────────────────────────────────────────────────────────────
  await page.getByRole("link", { name: "Deploy", exact: true }).click();
  await expect(page.getByRole("heading", { name: /^Deploy/ }).first()).toBeVisible();
  await page.getByRole("checkbox", { name: clusterName }).check();
  // Item 2: the namespace field offers the cluster's namespaces (typing stays possible).
  await expect(page.locator("#f-namespace-options option[value='kube-system']")).toHaveCount(1);
  await page.getByLabel("Namespace", { exact: true }).fill(namespace);
  await page.getByRole("checkbox", { name: "create the namespace if it does not exist" }).check();
  // Item 5: Deploy waits for a plan, and says why beside the button.
  const deployButton = page.getByRole("button", { name: "Deploy", exact: true });
  await expect(deployButton).toBeDisabled();
  await expect(page.getByTestId("deploy-blocked-reason")).toHaveText("Plan first: Deploy applies what the plan shows.");
  await page.getByRole("button", { name: "Plan" }).click();
  const plan = page.getByTestId("plan");
  await expect(plan).toContainText("ready to deploy");
  // Item 6: the namespace line follows the ticked box.
  await expect(plan).toContainText(`Namespace ${namespace} does not exist. It will be created.`);
  await expect(plan).not.toContainText("Tick “create the namespace”");
  // Item 1: scheduled scaling deploys (the CRD is there) and the plan says its schedules never
  // fire here; the Generic profile flags every Alibaba Cloud feature; metric scaling measures; the
  // Ingress has nothing to serve it. None of it blocks.
  const cron = plan.getByTestId("plan-CronHorizontalPodAutoscaler-nginx");
  await expect(cron).toContainText("create");
  await expect(cron).toContainText("no cron-HPA controller runs on this cluster (no Deployment kubernetes-cronhpa-controller in kube-system): this object is stored, but its schedules never fire");
  await expect(cron).toContainText("Scheduled scaling (CronHorizontalPodAutoscaler): an Alibaba Cloud feature, and this cluster is registered with the Generic profile");
  await expect(cron).not.toContainText("not a Kubernetes API");
  const sts = plan.getByTestId("plan-StatefulSet-nginx");
  await expect(sts).toContainText("Log collection (aliyun_logs_* variables): an Alibaba Cloud feature");
  await expect(sts).toContainText("Instance type and QoS labels: an Alibaba Cloud feature");
  await expect(plan.getByTestId("plan-HorizontalPodAutoscaler-nginx")).toContainText("create");
  await expect(plan.getByTestId("plan-HorizontalPodAutoscaler-nginx")).not.toContainText("metrics API");
  await expect(plan.getByTestId("plan-Ingress-nginx-ingress")).toContainText("this cluster has no default IngressClass");
  await expect(plan.getByTestId("plan-denials")).toHaveCount(0);
  await expect(page.getByTestId("deploy-blocked-reason")).toHaveText("");
  await expect(deployButton).toBeEnabled();
  await docScreenshot(page, "deploy-plan", { fullPage: true });
  await deployButton.click();

  // ── 10. the task result: the record opens (item 5), with its own outcome (item 9) ─────────
  await expect(page).toHaveURL(/\/deployments\/[a-z0-9]+$/);
  const recordUrl = page.url();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^#\d+ deploy nginx$/);
  await expect(page.getByTestId("deployment-status")).toHaveText("applied");
  await expect(page.getByTestId("record-outcome")).toContainText("Applied, and live: the rollout below is read from the cluster now.");
  for (const obj of ["Service-nginx-headless", "Service-nginx-svc", "StatefulSet-nginx", "Ingress-nginx-ingress", "HorizontalPodAutoscaler-nginx", "CronHorizontalPodAutoscaler-nginx"]) {
    await expect(page.getByTestId(`result-${obj}`)).toContainText("applied");
  }
  // Item 8: the autoscaler owns the count — 2 pods asked for from the first read, never "1/1";
  // the schedule is shown with what it will (not) do here.
  await expect(page.getByTestId("rollout-ready")).toHaveText(/^[0-2]\/2 ready$/);
  await expect(page.getByTestId("rollout-count")).toContainText("the autoscaler nginx owns the count: min 2, max 4");
  await expect(page.getByTestId("rollout-schedule")).toContainText("scale-up (0 0 8 * * *) → 4, scale-down (0 0 20 * * *) → 2");
  await expect(page.getByTestId("rollout-schedule")).toContainText("no cron-HPA controller has picked it up. Without one its schedules never fire");
  await expect(page.getByTestId("rollout-state")).toHaveText("ready", { timeout: 180_000 });
  await expect(page.getByTestId("rollout-ready")).toHaveText("2/2 ready");
  await expect(page.getByTestId("pod-nginx-0").getByTestId("pod-ready")).toHaveText("Ready");
  await expect(page.getByTestId("pod-nginx-1").getByTestId("pod-ready")).toHaveText("Ready");
  await docScreenshot(page, "deployment-rollout", { fullPage: true });

  // Item 17: the deploy form starts clean again (no old plan) and, item 2, proposes where the
  // template now runs.
  await page.goto(templateUrl);
  await expect(page.getByTestId("template-runs-on")).toHaveText(`${clusterName}/${namespace}/nginx (v1)`); // item 13
  await expect(page.getByTestId("template-history")).toHaveText("1 record (1 applied)");
  await page.getByRole("link", { name: "Deploy", exact: true }).click();
  await expect(page.getByLabel("Namespace", { exact: true })).toHaveValue(namespace);
  await expect(page.getByText(`This template runs in ${namespace} on ${clusterName}.`)).toBeVisible();
  await expect(page.getByTestId("plan")).toHaveCount(0);

  // ── 10.1–10.3: the application's page, its Ingress rule, and how to reach it ─────────────────
  await page.goto(recordUrl);
  await page.getByTestId("application-link").click();
  await expect(page.getByRole("heading", { name: "nginx", exact: true })).toBeVisible();
  await expect(page.locator('[data-pod="nginx-0"]').getByTestId("pod-ready")).toHaveText("Ready");
  await expect(page.locator('[data-pod="nginx-1"]').getByTestId("pod-ready")).toHaveText("Ready");
  await expect(page.getByTestId("ingress")).toContainText("foo.bar.com/ → nginx-svc:80");
  await expect(page.getByTestId("reach")).toContainText("http://foo.bar.com/");
  // Metric scaling measures for real (metrics-server reads the fake nodes' usage).
  await expect
    .poll(async () => {
      await page.reload();
      return page.getByTestId("hpa").textContent();
    }, { timeout: 120_000, intervals: [3_000] })
    .toMatch(/HPA nginx: 2 current \/ 2 desired \(min 2, max 4\) · cpu: \d+% \/ target 70%/);
  // Scheduled scaling: stored, and the page says no controller will fire it (item 1).
  await expect(page.getByTestId("cron-job").first()).toContainText("Cron scale-up: 0 0 8 * * * → 4 replicas — no cron-HPA controller has picked it up: it never fires here.");
  // No ingress controller runs here, so nobody publishes the Ingress's address. Playing that
  // controller (kubectl), the page gives the seed's hosts-file line to open foo.bar.com.
  kubectl("patch", "ingress", "nginx-ingress", "-n", namespace, "--subresource=status", "--type=merge", "-p", '{"status":{"loadBalancer":{"ingress":[{"ip":"10.11.12.13"}]}}}');
  await page.reload();
  await expect(page.getByTestId("hosts-line")).toHaveText("10.11.12.13 foo.bar.com");
  await docScreenshot(page, "application-detail", { fullPage: true });

  // ── The audit trail: item 12 — a plan that could go ahead is a success; verify says what it counts.
  await page.goto(`/audit?namespace=${namespace}`);
  const rows = (action: string): Locator => page.getByRole("row").filter({ hasText: action });
  await expect(rows("deploy.plan")).toHaveCount(1);
  await expect(rows("deploy.plan")).toContainText("success");
  await expect(rows("deploy.apply")).toHaveCount(1);
  await expect(rows("deploy.apply")).toContainText(OWNER.email);
  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByTestId("verify-result")).toContainText(/Chain OK: \d+ events verified/);
  await expect(page.getByTestId("verify-scope")).toContainText("Sign-ins, sign-outs and sign-ups are kept on a separate account chain");
  await docScreenshot(page, "audit", { fullPage: false });

  expect(dialogs).toEqual([]);
});

// Items this walk does not meet on its way (a new user's clean path has no restricted
// credential, no second template and no unsaved work left behind), asserted elsewhere:
//  - 4 (unsaved changes on leaving: links, closing, Back): e2e/first-hour-wizard.spec.ts "item 4".
//  - 5 for Redeploy, 10 (two templates, one app name, records as #N, take-over): e2e/deploy-plan.spec.ts
//    "two templates, one app"; claim-template advice: lib/server/deployments.integration.test.ts.
//  - 6 (blocked plan, box ticked): e2e/deploy-plan.spec.ts "a blocked plan".
//  - 7 (a restricted user's denials, all of them, grouped): e2e/deploy.spec.ts "the restricted user's plan".
//  - 9 (old records: superseded by #N, undeploy): lib/server/deployments-records.integration.test.ts.
//  - 12 (a blocked plan audited as a failure): lib/server/deployments.integration.test.ts.
//  - 14 (a fresh install's first visitor creates the first account): e2e/first-user.setup.ts.
//  - 15 (layout at 1280 and 768 px): e2e/layout.spec.ts.
//  - 19 (no type check in `npm start`): scripts/typecheck-placement.test.ts.
