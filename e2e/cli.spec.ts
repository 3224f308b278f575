import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { runCli } from "../cli/testing/run-cli";
import { OWNER, OWNER_STATE } from "./support/accounts";
import { attachKubeconfig, kubectl, registerCluster, testKubeconfig } from "./support/cluster";
import { NGINX_IMAGE_1, NGINX_IMAGE_2 } from "./support/deploy-fixtures";
import { createNamespace, deleteNamespace, seedNginxTemplate } from "./support/deploy-seed";

// The `berth` CLI against the real app and control plane: a token made on the account page,
// `berth deploy --wait` to Ready, a deploy the plan refuses (the restricted kubeconfig), a
// rollback with `berth redeploy`, and the token's name on each of them in the audit trail.
test.use({ storageState: OWNER_STATE });

let namespace = "";
let configHome = "";
test.afterAll(() => {
  if (namespace) deleteNamespace(namespace);
  if (configHome) fs.rmSync(configHome, { recursive: true, force: true });
});

async function createToken(page: Page, name: string): Promise<string> {
  await page.goto("/account");
  // By field name and id (the API helper keeps these stable while the labels move into the catalogues).
  const form = page.locator("form").filter({ has: page.locator("#token-role") });
  await form.locator('input[name="name"]').fill(name);
  await page.locator("#token-role").selectOption("member");
  await form.getByRole("button", { name: "Create token" }).click();
  const secret = page.getByTestId("api-token-secret");
  await expect(secret).toHaveValue(/^berth_/);
  return secret.inputValue();
}

type AuditRow = { action: string; result: string; clusterName: string; namespace: string; summary: { via?: { type: string; name: string } } };

async function auditEvents(page: Page, filter: Record<string, string>): Promise<AuditRow[]> {
  const res = await page.request.get(`/audit/export?${new URLSearchParams({ format: "json", ...filter })}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as AuditRow[];
}

test("berth deploy --wait to Ready, a refused plan, a rollback with redeploy — each audited with the token's name", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  namespace = createNamespace("cli-e2e");
  configHome = fs.mkdtempSync(path.join(os.tmpdir(), "berth-cli-e2e-"));
  const templateId = await seedNginxTemplate(OWNER.email);
  const stamp = Date.now().toString(36);
  const cluster = `cli-${stamp}`;
  const restricted = `cli-restricted-${stamp}`;
  await attachKubeconfig(await registerCluster(page, cluster));
  const restrictedCard = await registerCluster(page, restricted);
  await attachKubeconfig(restrictedCard, testKubeconfig("restricted"));
  await expect(restrictedCard.getByTestId("connection-report")).toContainText("create StatefulSets");

  const tokenName = `ci ${stamp}`;
  const token = await createToken(page, tokenName);
  const env = { XDG_CONFIG_HOME: configHome, BERTH_POLL_INTERVAL: "1s" };
  const berth = (...args: string[]) => runCli(args, { env });

  const login = await berth("login", "--url", baseURL!, "--token", token);
  expect(login.stderr).toBe("");
  expect(login.code).toBe(0);
  expect(login.stdout).toContain(`as ${OWNER.email}`);
  expect(login.stdout).not.toContain(token);

  // Deploy and wait: progress per ordinal, exit 0 only at Ready.
  const first = await berth("deploy", templateId, "--cluster", cluster, "--namespace", namespace, "--set", `image=${NGINX_IMAGE_1}`, "--wait", "--timeout", "3m");
  expect(first.stderr).toBe("");
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(new RegExp(`^  ${cluster}: nginx-0 Running, ready$`, "m"));
  expect(first.stdout).toMatch(new RegExp(`^  ${cluster}: nginx-1 Running, ready$`, "m"));
  expect(first.stdout).toMatch(new RegExp(`^${cluster}: ready 2/2 ready$`, "m"));
  const second = await berth("deploy", templateId, "--cluster", cluster, "--namespace", namespace, "--set", `image=${NGINX_IMAGE_2}`, "--wait", "--timeout", "3m");
  expect(second.code).toBe(0);
  expect(kubectl("get", "statefulset", "nginx", "-n", namespace, "-o", "jsonpath={.spec.template.spec.containers[0].image}")).toBe(NGINX_IMAGE_2);

  // The restricted kubeconfig may not create StatefulSets in "shop": the plan refuses, nothing is deployed.
  const refused = await berth("deploy", templateId, "--cluster", restricted, "--namespace", "shop", "--set", `image=${NGINX_IMAGE_1}`, "--wait");
  expect(refused.code).toBe(3);
  expect(refused.stderr).toContain("you cannot create statefulsets in namespace shop");

  // Roll back: redeploy the first record.
  const history = await berth("history", "--cluster", cluster, "--namespace", namespace, "-o", "json");
  expect(history.code).toBe(0);
  const records = JSON.parse(history.stdout) as { id: string; number: number; kind: string; status: string }[];
  expect(records.map((r) => [r.kind, r.status])).toEqual([["deploy", "applied"], ["deploy", "applied"]]);
  const older = records[1];
  const rollback = await berth("redeploy", older.id, "--reason", "roll back to 1.27", "--wait", "--timeout", "3m");
  expect(rollback.stderr).toBe("");
  expect(rollback.code).toBe(0);
  expect(kubectl("get", "statefulset", "nginx", "-n", namespace, "-o", "jsonpath={.spec.template.spec.containers[0].image}")).toBe(NGINX_IMAGE_1);

  // The audit trail names the token on each: two deploys and the redeploy, and the refusal.
  const done = (await auditEvents(page, { namespace, cluster })).filter((e) => e.action === "deploy.apply" || e.action === "deploy.redeploy");
  expect(done.map((e) => [e.action, e.result, e.summary.via?.name])).toEqual([
    ["deploy.redeploy", "success", tokenName], ["deploy.apply", "success", tokenName], ["deploy.apply", "success", tokenName],
  ]);
  const refusals = (await auditEvents(page, { namespace: "shop", cluster: restricted, result: "failure" })).filter((e) => e.action.startsWith("deploy."));
  expect(refusals.length).toBeGreaterThan(0);
  for (const e of refusals) expect(e.summary.via).toEqual(expect.objectContaining({ type: "api_token", name: tokenName }));
});
