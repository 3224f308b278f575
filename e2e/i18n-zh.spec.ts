import { expect, test } from "@playwright/test";
import { joinTeamAs, OWNER_STATE } from "./support/accounts";
import { attachKubeconfig, registerCluster } from "./support/cluster";
import { createNamespace, deleteNamespace } from "./support/deploy-seed";
import { docScreenshot, fieldId } from "./support/wizard";

// The console in Simplified Chinese (issue 18): a browser whose language is Chinese gets the
// console in Chinese, and the seed's nginx walk-through (its guide is Chinese) is followed by the
// guide's own words — fields are found by their Chinese labels. The language chosen in the account
// menu is saved on the user and wins over the browser's.
test.use({ storageState: OWNER_STATE, viewport: { width: 1280, height: 900 }, locale: "zh-CN" });

let namespace = "";
test.afterAll(() => {
  if (namespace) deleteNamespace(namespace);
});

test("the seed's nginx walk-through in Chinese: three steps, Chinese validation errors, save, deploy, rollout Ready", async ({ page, browser }) => {
  test.setTimeout(240_000);
  namespace = createNamespace("i18n-zh");
  const suffix = Date.now().toString(36);
  const clusterName = `i18n-zh-${suffix}`;
  // The cluster is registered the ordinary way, in English (a page this test is not about).
  const en = await browser.newContext({ storageState: OWNER_STATE, locale: "en-US" });
  const card = await registerCluster(await en.newPage(), clusterName);
  await attachKubeconfig(card);
  await expect(card.getByTestId("connection-report")).toContainText("Kubernetes v");
  await en.close();

  await page.goto("/templates/new");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { name: "第 1 步，共 3 步：应用基本信息" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "主导航" });
  await expect(nav.getByRole("link", { name: "模板" })).toBeVisible();

  // 步骤 1 — 应用基本信息: 应用名称, 副本数量 (the guide's words); bad input is explained in Chinese
  const name = page.getByLabel("应用名称", { exact: true });
  await name.fill("Nginx_App");
  await expect(page.locator(`${fieldId("spec.name")}-error`)).toHaveText("应用名称只能包含小写字母、数字和 '-'，以字母开头，以字母或数字结尾");
  await name.fill("");
  await expect(page.locator(`${fieldId("spec.name")}-error`)).toHaveText("应用名称为必填项");
  await name.fill("nginx");
  await expect(page.locator(`${fieldId("spec.name")}-error`)).toHaveCount(0);
  await page.getByLabel("副本数量", { exact: true }).fill("2");
  await expect(page.getByTestId("pod-names")).toHaveText("nginx-0, nginx-1");
  await expect(page.getByText("稳定的网络标志：")).toBeVisible();
  await expect(page.getByTestId("yaml-preview")).toContainText("replicas: 2");
  await page.evaluate(() => window.scrollTo(0, 0));
  await docScreenshot(page, "wizard-step1-basic.zh-CN");

  // 步骤 2 — 容器配置: 镜像名称, 端口设置, 健康检查; a missing image stops the step, in Chinese
  await page.getByRole("button", { name: "下一步：容器配置" }).click();
  await expect(page.getByRole("heading", { name: "第 2 步，共 3 步：容器配置" })).toBeVisible();
  const image = page.getByLabel("镜像名称", { exact: true });
  await expect(image).toHaveValue("nginx:1.27");
  await image.fill("");
  await page.getByRole("button", { name: "下一步：高级配置" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("第 2 步（容器配置）有 1 个错误：修正后才能继续。");
  await expect(page.locator(`${fieldId("spec.containers.0.image")}-error`)).toHaveText("镜像名称为必填项");
  await image.fill("nginx:1.27");
  for (const group of ["所需资源", "端口设置", "环境变量", "健康检查", "生命周期", "日志配置"]) await expect(page.getByText(group, { exact: true }).first()).toBeVisible();
  await expect(page.getByLabel("容器端口", { exact: true })).toHaveValue("80");
  await expect(page.getByLabel("就绪检查", { exact: true })).toBeChecked();
  await expect(page.getByRole("region", { name: "数据卷" })).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  await docScreenshot(page, "wizard-step2-containers.zh-CN");

  // 步骤 3 — 高级配置: 服务 nginx-svc (虚拟集群IP) and 路由 for foo.bar.com, as in the guide
  await page.getByRole("button", { name: "下一步：高级配置" }).click();
  await expect(page.getByRole("heading", { name: "第 3 步，共 3 步：高级配置" })).toBeVisible();
  await expect(page.getByLabel("创建服务（Service）", { exact: true })).toBeChecked();
  await expect(page.getByLabel("服务名称", { exact: true })).toHaveValue("nginx-svc");
  await expect(page.getByLabel("服务类型", { exact: true })).toHaveValue("ClusterIP");
  await page.getByLabel("创建路由（Ingress）", { exact: true }).check();
  await page.getByLabel("域名", { exact: true }).fill("foo.bar.com");
  await expect(page.getByRole("region", { name: "路由" }).getByLabel("服务", { exact: true })).toHaveValue("nginx-svc");
  for (const toggle of ["指标伸缩（HorizontalPodAutoscaler）", "定时伸缩（CronHorizontalPodAutoscaler）"]) await expect(page.getByLabel(toggle, { exact: true })).not.toBeChecked();
  await expect(page.getByTestId("yaml-preview")).toContainText("host: foo.bar.com");
  await page.evaluate(() => window.scrollTo(0, 0));
  await docScreenshot(page, "wizard-step3-advanced.zh-CN");

  // 保存: the template's name is required (in Chinese), then it saves
  await page.getByRole("button", { name: "下一步：保存" }).click();
  await expect(page.getByRole("heading", { name: "保存", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "保存模板" }).click();
  await expect(page.locator(`${fieldId("meta.name")}-error`)).toHaveText("请填写模板名称。");
  await page.getByLabel("模板名称", { exact: true }).fill(`nginx 中文 ${suffix}`);
  await page.getByRole("button", { name: "保存模板" }).click();
  await expect(page).toHaveURL(/\/templates\/[^/?]+\?saved=1/);
  const templateId = /\/templates\/([^/?]+)/.exec(page.url())![1];
  await expect(page.getByRole("status")).toContainText("已保存版本 1。");
  await expect(page.getByText("未在任何地方运行")).toBeVisible();
  // The template's own buttons in Chinese (its name, YAML and field paths stay as they are).
  const templateActions = page.getByRole("region", { name: "模板操作" });
  for (const button of ["复制", "归档"]) await expect(templateActions.getByRole("button", { name: button, exact: true })).toBeVisible();
  await expect(templateActions.getByLabel("可见范围")).toBeVisible();
  await expect(templateActions.getByRole("option", { name: "私有（仅自己）" })).toHaveCount(1);

  // Deploy to the test cluster, in Chinese: the form, the plan (its framing in Chinese, the objects'
  // kinds and names as they are) and the record page; watch the rollout until both ordinals are 就绪.
  await page.goto(`/deployments/new?template=${templateId}&version=1`);
  await expect(page.getByRole("heading", { name: `部署 nginx 中文 ${suffix}` })).toBeVisible();
  await page.getByRole("checkbox", { name: clusterName }).check();
  await page.getByLabel("命名空间", { exact: true }).fill(namespace);
  await expect(page.getByTestId("deploy-blocked-reason")).toHaveText("请先生成部署计划：部署会应用计划中显示的内容。");
  await page.getByRole("button", { name: "生成部署计划" }).click();
  await expect(page.getByRole("heading", { name: "nginx 的部署计划" })).toBeVisible();
  const plan = page.getByTestId("plan");
  await expect(plan.getByRole("region", { name: `${clusterName} 的部署计划` })).toContainText(`命名空间 ${namespace}`);
  await expect(plan).toContainText("可以部署");
  for (const column of ["对象", "操作", "详情"]) await expect(plan.getByRole("columnheader", { name: column, exact: true })).toBeVisible();
  await expect(plan.getByTestId("plan-StatefulSet-nginx")).toContainText("StatefulSet/nginx");
  await expect(plan.getByTestId("plan-StatefulSet-nginx")).toContainText("创建");
  await expect(plan.getByTestId("plan-Ingress-nginx-ingress")).toContainText("创建");
  // What the test cluster lacks (no default IngressClass) is Berth's warning, in Chinese too.
  await expect(plan.getByTestId("plan-Ingress-nginx-ingress").getByTestId("plan-warning")).toContainText(/未设置 Ingress 类，且此集群没有默认的 IngressClass|此集群没有 IngressClass“nginx”/);
  // The account menu names the role in Chinese, beside the team's name and the email.
  await expect(page.getByTestId("signed-in-as")).toContainText("所有者");
  await expect(page.getByRole("combobox", { name: "切换团队" }).locator("option:checked")).toHaveText(/（所有者）$/);
  await page.getByRole("button", { name: "部署", exact: true }).click();
  await expect(page).toHaveURL(/\/deployments\/[a-z0-9]+$/);
  // The record: kind, status, outcome and field names in Chinese; the manifest stays YAML.
  await expect(page.getByRole("heading", { name: /^#\d+ 部署 nginx$/ })).toBeVisible();
  await expect(page.getByTestId("deployment-status")).toHaveText("已应用");
  await expect(page.getByTestId("record-outcome")).toContainText("此记录的结果：已应用且当前生效");
  const recordUrl = page.url();
  // The stored outcome, its counts by action in Chinese too (the API keeps "Applied 4 objects (4 create).").
  await expect(page.getByText(/已应用 \d+ 个对象（创建 \d+ 个）。/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "各对象的结果" })).toBeVisible();
  await expect(page.getByTestId("result-StatefulSet-nginx")).toContainText("已应用");
  await expect(page.getByRole("heading", { name: "重新部署此记录" })).toBeVisible();
  await expect(page.getByRole("button", { name: "取消部署 nginx" })).toBeVisible();
  await expect(page.getByTestId("manifest")).toContainText("kind: StatefulSet");
  await expect(page.getByText(/\d{4}\/\d{2}\/\d{2} UTC \d{2}:\d{2}:\d{2}/).first()).toBeVisible(); // the time in the reader's locale, zone named
  await expect(page.getByTestId("rollout-state")).toHaveText("就绪", { timeout: 90_000 });
  await expect(page.getByTestId("pod-nginx-0").getByTestId("pod-ready")).toHaveText("就绪");
  await expect(page.getByTestId("pod-nginx-1").getByTestId("pod-ready")).toHaveText("就绪");
  await expect(page.getByTestId("rollout-ready")).toHaveText("2/2 就绪");

  // The application in Chinese: the list's live badges are UI words (健康, 已同步), names stay as
  // they are; the app page's sections, pods and drift read in Chinese too.
  await expect.poll(async () => {
    await page.goto(`/applications?namespace=${namespace}`);
    return page.getByTestId("app-row").getByTestId("health").textContent();
  }, { timeout: 60_000 }).toBe("健康 2/2");
  await expect(page.getByRole("heading", { name: "应用", exact: true })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "最近部署" })).toBeVisible();
  await expect(page.getByTestId("app-row").getByTestId("sync")).toHaveText("已同步");
  await page.getByTestId("app-row").getByRole("link", { name: "nginx", exact: true }).click();
  await expect(page.getByRole("heading", { name: "访问方式" })).toBeVisible();
  await expect(page.locator('[data-pod="nginx-0"]').getByTestId("pod-ready")).toHaveText("就绪");
  await expect(page.getByTestId("drift-none")).toHaveText("已同步：再次应用最近的记录不会有任何变化。");
  await expect(page.getByLabel("最近行数")).toBeVisible();

  // Clusters in Chinese: the card of the cluster registered above (in English), its credential and what it serves.
  await page.goto("/clusters");
  await expect(page.getByRole("heading", { name: "集群", exact: true })).toBeVisible();
  const zhCard = page.getByTestId(`cluster-${clusterName}`);
  await expect(zhCard.getByTestId("my-credential")).toContainText("您的凭证");
  await expect(zhCard.getByRole("button", { name: "测试连接" })).toBeVisible();
  await expect(zhCard.getByTestId("cluster-capabilities")).toContainText("此集群提供的功能");
  // The protection form explains a bad freeze window in Chinese (nothing is saved).
  const protection = zhCard.getByTestId("protection");
  await protection.getByText("保护此集群").click();
  await protection.getByLabel("冻结窗口（每行一个）").fill("Mars 16:00 - Mon 08:00 UTC");
  await protection.getByRole("button", { name: "保存保护设置" }).click();
  await expect(protection.getByRole("alert").filter({ hasText: "第 1 行：时间窗口的写法：“Fri 16:00 - Mon 08:00 Asia/Shanghai”（每周）" })).toBeVisible();

  // The history lists it in Chinese too.
  await page.goto("/deployments");
  await expect(page.getByRole("heading", { name: "部署记录" })).toBeVisible();
  const row = page.getByRole("table", { name: "部署历史" }).getByTestId("deployment-row").filter({ hasText: clusterName });
  await expect(row).toContainText("部署");
  await expect(row).toContainText("已应用");

  // Undeploy from the record, in Chinese: the outcome and the kept claims.
  await page.goto(recordUrl);
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "取消部署 nginx" }).click();
  const undeployed = page.getByRole("region", { name: "取消部署" }).getByRole("status");
  await expect(undeployed).toContainText(/^已应用 — 已删除 \d+ 个对象。保留的存储卷声明：无。/, { timeout: 60_000 });
  await expect(page.getByTestId("kept-claims")).toContainText("保留的存储卷声明（PVC）：");
});

test.describe("the account menu's language", () => {
  // A browser that says English, and a user of their own (the shared owner's saved language must not change for the other specs).
  test.use({ storageState: { cookies: [], origins: [] }, locale: "en-US" });

  test("the language chosen in the account menu is saved and wins over the browser's", async ({ browser }) => {
  const { page, context } = await joinTeamAs(browser, "member", "i18n-lang");
  await page.goto("/templates/new");
  await expect(page.getByRole("heading", { name: "Step 1 of 3: Basic information" })).toBeVisible(); // this browser says English
  const menu = page.getByRole("group", { name: "Account" });
  await menu.getByLabel("Language").selectOption("zh-CN");
  await expect(page.getByRole("heading", { name: "第 1 步，共 3 步：应用基本信息" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.reload();
  await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
  // A new browser whose language is English: the saved choice still wins.
  const state = await context.storageState();
  const other = await browser.newContext({ storageState: state, locale: "en-US" });
  const again = await other.newPage();
  await again.goto("/templates/new");
  await expect(again.getByRole("heading", { name: "第 1 步，共 3 步：应用基本信息" })).toBeVisible();
  // And back to English from the menu.
  await again.getByRole("group", { name: "账号" }).getByLabel("语言").selectOption("en");
  await expect(again.getByRole("heading", { name: "Step 1 of 3: Basic information" })).toBeVisible();
  await other.close();
  await context.close();
});
});

test("signing in, the team page and the audit trail in Chinese: labels, validation errors and times", async ({ page, browser }) => {
  // Signed out, a Chinese browser: the sign-in page and its zod messages (lib/validation/account.ts) in Chinese.
  const out = await browser.newContext({ storageState: { cookies: [], origins: [] }, locale: "zh-CN" });
  const login = await out.newPage();
  await login.goto("/login");
  await expect(login.getByRole("heading", { name: "登录" })).toBeVisible();
  await expect(login.getByRole("link", { name: "忘记密码？" })).toBeVisible();
  await login.getByLabel("邮箱", { exact: true }).fill("not-an-address");
  await login.getByRole("button", { name: "登录", exact: true }).click();
  await expect(login.locator("#f-email-error")).toHaveText("请输入有效的邮箱地址，例如 ana@example.com。");
  await expect(login.locator("#f-password-error")).toHaveText("请输入密码。");
  await out.close();

  // The owner: the team page (roles by their Chinese names) …
  await page.goto("/team");
  await expect(page.getByRole("heading", { name: "邀请成员" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "角色" }).first()).toBeVisible();
  await expect(page.locator("#invite-role")).toContainText("成员");
  // … and the audit trail: Chinese labels, a refused filter explained in Chinese, times in the zh-CN form with the zone.
  await page.goto("/audit?result=maybe");
  await expect(page.getByRole("heading", { name: "审计日志" })).toBeVisible();
  await expect(page.locator("#f-result-error")).toHaveText("请选择成功或失败。");
  await expect(page.getByRole("button", { name: "校验日志链" })).toBeVisible();
  await page.goto("/audit");
  const firstTime = page.getByTestId("audit-events").locator("tbody tr").first().locator("td").first();
  await expect(firstTime).toHaveText(/^\d{4}\/\d{2}\/\d{2} UTC \d{2}:\d{2}:\d{2}$/);
  await page.getByRole("button", { name: "校验日志链" }).click();
  await expect(page.getByTestId("verify-result")).toContainText("日志链完好：已校验");
  // One event: its result in Chinese (the action name and any stored reason stay as recorded).
  await page.getByTestId("audit-events").locator("tbody tr").first().getByRole("link").first().click();
  await expect(page.locator("dt", { hasText: "结果" }).locator("xpath=following-sibling::dd[1]")).toHaveText(/^(成功|失败)/);
});
