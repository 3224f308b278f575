import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { unusedPort } from "./ports";
import type { Role } from "@/lib/auth/roles";
import type { Ctx } from "@/lib/server/authz";
import { registerCluster } from "@/lib/server/clusters";
import { setCredential } from "@/lib/server/clusters-credentials";
import { db } from "@/lib/server/db";
import { vi } from "vitest";
import { reloadEnv } from "@/lib/server/env";
import { createTeam } from "@/lib/server/teams";
import { createTemplate } from "@/lib/server/templates";
import { hashPassword } from "@/lib/server/password";
import { createUser, type SessionUser } from "@/lib/server/users";
import { NGINX_IMAGE_1, nginxTemplate } from "@/e2e/support/deploy-fixtures";

// Integration-test fixtures that go through the real data layer (no hand-made rows), so a
// fixture is only as trustworthy as the code it exercises.
export const TEST_PASSWORD = "integration-password";

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@it.test`;
}

// One real hash of TEST_PASSWORD, reused: scrypt at N=2^17 costs ~0.5 s and 128 MiB per call.
let testHash: Promise<string> | undefined;

/** A new account with TEST_PASSWORD, made by the data layer's createUser (the sign-up policy is the entry points' business). */
export async function newUser(prefix = "user"): Promise<SessionUser> {
  const passwordHash = await (testHash ??= hashPassword(TEST_PASSWORD));
  return db().$transaction((tx) => createUser(tx, { name: `${prefix} tester`, email: uniqueEmail(prefix), passwordHash }));
}

/** A new user who owns a new team. */
export async function newTeam(prefix = "team"): Promise<{ owner: SessionUser; teamId: string; ctx: Ctx }> {
  const owner = await newUser(`${prefix}-owner`);
  const teamId = await createTeam(owner, `${prefix} ${randomUUID().slice(0, 4)}`);
  return { owner, teamId, ctx: { userId: owner.id, teamId } };
}

/** Adds a new user to the team with a role (membership row, as an accepted invitation makes). */
export async function addMember(teamId: string, role: Role, prefix: string = role): Promise<{ user: SessionUser; ctx: Ctx }> {
  const user = await newUser(prefix);
  await db().membership.create({ data: { teamId, userId: user.id, role } });
  return { user, ctx: { userId: user.id, teamId } };
}

/** Registers a cluster in the caller's team and stores the caller's credential: a kubeconfig file's text. */
export async function attachCluster(ctx: Ctx, name: string, kubeconfigFile: string): Promise<string> {
  const clusterId = await registerCluster(ctx, { name, description: "", profile: "generic" });
  await setCredential(ctx, { clusterId, kubeconfig: fs.readFileSync(kubeconfigFile, "utf8"), context: "", namespace: "" });
  return clusterId;
}

/** Saves the nginx template of e2e/support/deploy-fixtures.ts (version 1, `spec` merged over its spec); returns its id. */
export async function createNginxTemplate(
  ctx: Ctx, name: string, o: { app?: string; visibility?: "team" | "private"; spec?: Record<string, unknown> } = {},
): Promise<string> {
  const t = nginxTemplate(o.app);
  return (await createTemplate(ctx, { name, visibility: o.visibility ?? "team", spec: { ...t.spec, ...o.spec }, parameters: t.parameters, message: "seed" })).id;
}

/** A new team with the cluster "prod" (this kubeconfig) attached and the nginx template "nginx", ready to deploy. */
export async function teamReadyToDeploy(prefix: string, kubeconfigFile: string) {
  const t = await newTeam(prefix);
  const clusterId = await attachCluster(t.ctx, "prod", kubeconfigFile);
  const templateId = await createNginxTemplate(t.ctx, "nginx");
  return { ...t, clusterId, templateId };
}

/** deployTemplate's input for version 1 of the nginx template with NGINX_IMAGE_1, to one cluster and an existing namespace. */
export const nginxDeployInput = (templateId: string, clusterId: string, namespace: string) => ({
  templateId, version: 1, values: { image: NGINX_IMAGE_1 }, clusterIds: [clusterId], namespace, createNamespace: false, force: false, recreate: false,
});

/** A loopback port nothing listens on (bound, then closed): an API server that is down. */
export const closedPort = unusedPort;

export async function auditEventsFor(teamId: string | null, action: string) {
  return db().auditEvent.findMany({ where: { chainKey: teamId ?? "global", action }, orderBy: { id: "asc" } });
}

/** Runs with these settings (process.env and the validated configuration); restoreSettings() undoes it. */
export function useSettings(vars: Record<string, string>): void {
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  reloadEnv();
}

export function restoreSettings(): void {
  vi.unstubAllEnvs();
  reloadEnv();
}
