import { afterEach, describe, expect, it } from "vitest";
import { auditEventsFor, newTeam, newUser, restoreSettings, TEST_PASSWORD, uniqueEmail, useSettings } from "@/scripts/test-support/fixtures";
import { db } from "./db";
import { AppError } from "./errors";
import { acceptInvitation, createInvitation, describeInvitation } from "./invitations";
import { listMyTeams } from "./teams";
import { signUp, upsertOidcUser, verifyPasswordSignIn } from "./users";

const ctx = { ip: "198.51.100.7", userAgent: "vitest", requestId: "r" };
const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));

afterEach(restoreSettings);

describe("accounts, sign-in and invitations", () => {
  it("refuses a second account with the same email (any case) and keeps one row", async () => {
    const email = uniqueEmail("dup");
    const t = await newTeam("dup");
    const [one, two] = [await createInvitation(t.ctx, { email: "", role: "member" }), await createInvitation(t.ctx, { email: "", role: "member" })];
    await signUp({ name: "One", email, password: TEST_PASSWORD, invitation: one.token }, ctx);
    const error = await signUp({ name: "Two", email, password: TEST_PASSWORD, invitation: two.token }, ctx).catch((e) => e);
    expect(code(error)).toBe("conflict");
    expect((error as AppError).fieldErrors.email[0]).toMatch(/already exists/);
    expect(await db().user.count({ where: { email } })).toBe(1);
  });

  it("signs in with the right password, refuses a wrong one, and audits both", async () => {
    const user = await newUser("signin");
    await expect(verifyPasswordSignIn(user.email, TEST_PASSWORD, ctx)).resolves.toMatchObject({ id: user.id });
    expect(code(await verifyPasswordSignIn(user.email, "nope-nope-nope", ctx).catch((e) => e))).toBe("invalid");
    const events = (await auditEventsFor(null, "auth.sign_in")).filter((e) => e.actorId === user.id);
    expect(events.map((e) => e.result)).toEqual(["success", "failure"]);
    expect(JSON.stringify(events.map(({ id: _id, ...rest }) => rest))).not.toContain(TEST_PASSWORD);
  });

  it("rate-limits attempts per account, in the database", async () => {
    // a day-long window: a slow run must not straddle a window boundary and start counting again
    useSettings({ BERTH_SIGNIN_WINDOW_SECONDS: "86400" });
    const user = await newUser("limited"); // BERTH_SIGNIN_MAX_PER_ACCOUNT=5 in the test setup
    for (let i = 0; i < 5; i++) expect(code(await verifyPasswordSignIn(user.email, `wrong-${i}`, ctx).catch((e) => e))).toBe("invalid");
    const blocked = await verifyPasswordSignIn(user.email, TEST_PASSWORD, ctx).catch((e) => e);
    expect(code(blocked)).toBe("rate_limited");
    expect((blocked as Error).message).toMatch(/Too many sign-in attempts/);
    const bucket = await db().rateLimitBucket.findFirst({ where: { key: `signin:account:${user.email}` } });
    expect(bucket?.count).toBe(6);
  });

  it("an invitation joins the team with its role, once", async () => {
    const t = await newTeam("inviting");
    const { token } = await createInvitation(t.ctx, { email: "", role: "viewer" });
    expect(await describeInvitation(token)).toMatchObject({ role: "viewer", state: "pending" });
    const joiner = await signUp({ name: "Joiner", email: uniqueEmail("joiner"), password: TEST_PASSWORD, invitation: token }, ctx);
    expect(await listMyTeams(joiner.id)).toEqual([expect.objectContaining({ id: t.teamId, role: "viewer" })]);
    const late = await newUser("late");
    expect(code(await acceptInvitation(late, token).catch((e) => e))).toBe("invalid");
    expect(await listMyTeams(late.id)).toEqual([]);
  });

  it("refuses expired, unknown and someone else's invitations without creating the account", async () => {
    const t = await newTeam("expiry");
    const { token, id } = await createInvitation(t.ctx, { email: "", role: "member" });
    await db().invitation.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const email = uniqueEmail("expired");
    const error = await signUp({ name: "Late", email, password: TEST_PASSWORD, invitation: token }, ctx).catch((e) => e);
    expect((error as AppError).fieldErrors.invitation[0]).toMatch(/expired/);
    expect(await db().user.count({ where: { email } })).toBe(0); // nothing half-saved

    expect(code(await signUp({ name: "X", email: uniqueEmail("x"), password: TEST_PASSWORD, invitation: "bogus" }, ctx).catch((e) => e))).toBe("invalid");

    const { token: personal } = await createInvitation(t.ctx, { email: "named@it.test", role: "member" });
    const other = await newUser("other");
    expect(code(await acceptInvitation(other, personal).catch((e) => e))).toBe("forbidden");
  });
  it("with BERTH_OIDC_TRUST_EMAIL, single sign-on links an existing account by email only when verified and unlinked, and never signs in as someone else", async () => {
    useSettings({ BERTH_OIDC_TRUST_EMAIL: "true", BERTH_SIGNUP: "open" });
    const victim = await newUser("sso-victim");
    const sub = `sub-${victim.id}`;
    // An unverified address does not link (or sign in to) the password account.
    const unverified = await upsertOidcUser({ sub, email: victim.email, name: "X", emailVerified: false }, ctx).catch((e) => e);
    expect(code(unverified)).toBe("forbidden");
    expect((await db().user.findUniqueOrThrow({ where: { id: victim.id } })).oidcSubject).toBeNull();
    // A verified one links it; the same subject signs in again.
    await expect(upsertOidcUser({ sub, email: victim.email, name: "X", emailVerified: true }, ctx)).resolves.toMatchObject({ id: victim.id });
    await expect(upsertOidcUser({ sub, email: victim.email, name: "X", emailVerified: false }, ctx)).resolves.toMatchObject({ id: victim.id });
    // Another identity claiming the linked address is refused, verified or not.
    const other = await upsertOidcUser({ sub: `${sub}-other`, email: victim.email, name: "Y", emailVerified: true }, ctx).catch((e) => e);
    expect(code(other)).toBe("forbidden");
    // A subject that owns an account signs in to that account, whatever address it now reports.
    const attacker = await upsertOidcUser({ sub: `${sub}-attacker`, email: uniqueEmail("sso-attacker"), name: "A", emailVerified: true }, ctx);
    await expect(upsertOidcUser({ sub: `${sub}-attacker`, email: victim.email, name: "A", emailVerified: true }, ctx)).resolves.toMatchObject({ id: attacker.id });
    const refusals = (await auditEventsFor(null, "auth.sign_in")).filter((e) => e.actorId === victim.id && e.result === "failure");
    expect(refusals.map((e) => e.reason)).toEqual([expect.stringMatching(/not verified/), expect.stringMatching(/another identity/)]);
  });
});
