// The test control plane as a spec sees it: its variables, kubectl with the admin kubeconfig, and
// registering a cluster + attaching a kubeconfig on /clusters the way a user does.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import type { Locator, Page } from "@playwright/test";

/** A BERTH_TEST_* variable that `npm test` sets when it starts the control plane. */
export function testEnv(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run through \`npm test\` (it starts the control plane)`);
  return v;
}

/** The text of the control plane's admin or restricted kubeconfig. */
export function testKubeconfig(which: "admin" | "restricted" = "admin"): string {
  return fs.readFileSync(testEnv(which === "admin" ? "BERTH_TEST_KUBECONFIG_ADMIN" : "BERTH_TEST_KUBECONFIG_RESTRICTED"), "utf8");
}

/** kubectl with the test control plane's admin kubeconfig (the spec runs outside the app). */
export function kubectl(...args: string[]): string {
  return execFileSync(testEnv("BERTH_TEST_KUBECTL"), ["--kubeconfig", testEnv("BERTH_TEST_KUBECONFIG_ADMIN"), ...args], { encoding: "utf8" });
}

/** Registers a cluster on /clusters by name; returns its card. */
export async function registerCluster(page: Page, name: string): Promise<Locator> {
  await page.goto("/clusters");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Register cluster" }).click();
  return page.getByTestId(`cluster-${name}`);
}

/** Pastes a kubeconfig (by default the admin one) into a cluster's card and attaches it. */
export async function attachKubeconfig(card: Locator, kubeconfig = testKubeconfig("admin")): Promise<void> {
  await card.getByLabel("Kubeconfig", { exact: true }).fill(kubeconfig);
  await card.getByRole("button", { name: "Attach my kubeconfig" }).click();
}
