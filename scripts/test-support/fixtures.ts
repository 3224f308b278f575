import { randomUUID } from "node:crypto";
import type { Role } from "@/lib/auth/roles";
import type { Ctx } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { vi } from "vitest";
import { reloadEnv } from "@/lib/server/env";
import { createTeam } from "@/lib/server/teams";
import { hashPassword } from "@/lib/server/password";
import { createUser, type SessionUser } from "@/lib/server/users";

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
