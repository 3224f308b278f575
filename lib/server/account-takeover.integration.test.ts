import { randomBytes, scryptSync } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { auditEventsFor, newTeam, newUser, restoreSettings, TEST_PASSWORD, uniqueEmail, useSettings } from "@/scripts/test-support/fixtures";
import { db } from "./db";
import { AppError } from "./errors";
import { createInvitation } from "./invitations";
import { listMyTeams } from "./teams";
import { signUp, upsertOidcUser, verifyPasswordSignIn } from "./users";

// Account takeover (issue 10): each block failed on main before its fix.
let ipCounter = 0;
const freshCtx = () => ({ ip: `203.0.113.${++ipCounter}`, userAgent: "vitest", requestId: "r" });
const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));
const settings = useSettings;

afterEach(restoreSettings);

describe("single sign-on never takes over a password account by email", () => {
  it("refuses (and audits) an SSO sign-in whose verified email matches an unlinked password account; nothing is linked", async () => {
    // The attacker signed up first with the victim's address and a password of their choosing.
    const squatted = await newUser("sso-squat");
    const refused = await upsertOidcUser({ sub: `victim-${squatted.id}`, email: squatted.email, name: "Victim", emailVerified: true }, freshCtx()).catch((e) => e);
    expect(code(refused)).toBe("forbidden");
    expect((refused as Error).message).toMatch(/Sign in with your password, then connect single sign-on from your account page/);
    const row = await db().user.findUniqueOrThrow({ where: { id: squatted.id } });
    expect(row.oidcSubject).toBeNull();
    const events = (await auditEventsFor(null, "auth.sign_in")).filter((e) => e.actorId === squatted.id && e.result === "failure");
    expect(events.map((e) => e.reason)).toEqual([expect.stringMatching(/email matches an account that is not connected to single sign-on/)]);
  });

  it("links by a provider-verified email only when the operator trusts the provider's emails", async () => {
    settings({ BERTH_OIDC_TRUST_EMAIL: "true" });
    const user = await newUser("sso-trusted");
    const unverified = await upsertOidcUser({ sub: `t-${user.id}`, email: user.email, name: "X", emailVerified: false }, freshCtx()).catch((e) => e);
    expect(code(unverified)).toBe("forbidden");
    await expect(upsertOidcUser({ sub: `t-${user.id}`, email: user.email, name: "X", emailVerified: true }, freshCtx())).resolves.toMatchObject({ id: user.id });
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.oidcSubject).toBe(`t-${user.id}`);
    expect(row.emailVerifiedAt).not.toBeNull();
  });

  it("connects an identity from a signed-in session (any email), once, and audits it", async () => {
    const user = await newUser("sso-connect");
    const linked = await upsertOidcUser({ sub: `c-${user.id}`, email: "other-address@idp.test", name: "X", emailVerified: true }, freshCtx(), { linkToUserId: user.id });
    expect(linked.id).toBe(user.id);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).oidcSubject).toBe(`c-${user.id}`);
    // the same identity now signs in to that account
    await expect(upsertOidcUser({ sub: `c-${user.id}`, email: "other-address@idp.test", name: "X", emailVerified: true }, freshCtx())).resolves.toMatchObject({ id: user.id });
    // an identity already connected to someone else cannot be connected again
    const other = await newUser("sso-connect-2");
    const taken = await upsertOidcUser({ sub: `c-${user.id}`, email: other.email, name: "X", emailVerified: true }, freshCtx(), { linkToUserId: other.id }).catch((e) => e);
    expect(code(taken)).toBe("conflict");
    const connects = (await auditEventsFor(null, "auth.sso_connect")).filter((e) => e.actorId === user.id || e.actorId === other.id);
    expect(connects.map((e) => [e.actorId, e.result])).toEqual([
      [user.id, "success"],
      [other.id, "failure"],
    ]);
  });
});

describe("sign-up policy", () => {
  it("invite (the default): once a user exists, only an invitation creates an account", async () => {
    await newUser("someone-exists");
    const email = uniqueEmail("uninvited");
    const refused = await signUp({ name: "No Invite", email, password: TEST_PASSWORD }, freshCtx()).catch((e) => e);
    expect(code(refused)).toBe("forbidden");
    expect((refused as Error).message).toMatch(/by invitation only/);
    expect(await db().user.count({ where: { email } })).toBe(0);
    const t = await newTeam("policy-invite");
    const { token } = await createInvitation(t.ctx, { email: "", role: "member" });
    const joined = await signUp({ name: "Invited", email: uniqueEmail("invited"), password: TEST_PASSWORD, invitation: token }, freshCtx());
    expect(await listMyTeams(joined.id)).toEqual([expect.objectContaining({ id: t.teamId })]);
  });

  it("invite also covers single sign-on: a new identity needs an invitation", async () => {
    const refused = await upsertOidcUser({ sub: `new-${randomBytes(4).toString("hex")}`, email: uniqueEmail("sso-new"), name: "N", emailVerified: true }, freshCtx()).catch((e) => e);
    expect(code(refused)).toBe("forbidden");
    const t = await newTeam("policy-sso");
    const email = uniqueEmail("sso-invited");
    const { token } = await createInvitation(t.ctx, { email, role: "viewer" });
    const user = await upsertOidcUser({ sub: `inv-${email}`, email, name: "N", emailVerified: true }, freshCtx(), { invitation: token });
    expect(await listMyTeams(user.id)).toEqual([expect.objectContaining({ id: t.teamId, role: "viewer" })]);
  });

  it("open lets anyone sign up; closed refuses even invitations", async () => {
    settings({ BERTH_SIGNUP: "open" });
    await expect(signUp({ name: "Open", email: uniqueEmail("open"), password: TEST_PASSWORD }, freshCtx())).resolves.toMatchObject({ name: "Open" });
    settings({ BERTH_SIGNUP: "closed" });
    const t = await newTeam("policy-closed");
    const { token } = await createInvitation(t.ctx, { email: "", role: "member" });
    const email = uniqueEmail("closed");
    expect(code(await signUp({ name: "C", email, password: TEST_PASSWORD, invitation: token }, freshCtx()).catch((e) => e))).toBe("forbidden");
    expect(await db().user.count({ where: { email } })).toBe(0);
  });

  it("limits sign-up attempts per IP, counted in Postgres", async () => {
    settings({ BERTH_SIGNUP: "open", BERTH_SIGNUP_MAX_PER_IP: "2" });
    const ctx = freshCtx();
    for (let i = 0; i < 2; i++) await signUp({ name: "Flood", email: uniqueEmail("flood"), password: TEST_PASSWORD }, ctx);
    const email = uniqueEmail("flood");
    const blocked = await signUp({ name: "Flood", email, password: TEST_PASSWORD }, ctx).catch((e) => e);
    expect(code(blocked)).toBe("rate_limited");
    expect(await db().user.count({ where: { email } })).toBe(0);
    await expect(signUp({ name: "Elsewhere", email, password: TEST_PASSWORD }, freshCtx())).resolves.toMatchObject({ email });
    expect((await db().rateLimitBucket.findFirst({ where: { key: `signup:ip:${ctx.ip}` } }))?.count).toBe(3);
  });

  it("BERTH_PASSWORD_SIGNIN=false refuses password sign-in and password sign-up on the server", async () => {
    const user = await newUser("sso-only");
    settings({ BERTH_PASSWORD_SIGNIN: "false", BERTH_SIGNUP: "open", BERTH_OIDC_ISSUER: "https://id.example.com", BERTH_OIDC_CLIENT_ID: "c", BERTH_OIDC_CLIENT_SECRET: "s" });
    expect(code(await verifyPasswordSignIn(user.email, TEST_PASSWORD, freshCtx()).catch((e) => e))).toBe("forbidden");
    const email = uniqueEmail("sso-only-signup");
    expect(code(await signUp({ name: "P", email, password: TEST_PASSWORD }, freshCtx()).catch((e) => e))).toBe("forbidden");
    expect(await db().user.count({ where: { email } })).toBe(0);
  });
});

describe("password hashing", () => {
  it("an old N=2^15 hash signs in and is upgraded to N=2^17 in the database", async () => {
    const user = await newUser("old-hash");
    const salt = randomBytes(16);
    const key = scryptSync(TEST_PASSWORD.normalize("NFKC"), salt, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    const old = ["scrypt", 1 << 15, 8, 1, salt.toString("base64"), key.toString("base64")].join("$");
    await db().user.update({ where: { id: user.id }, data: { passwordHash: old } });
    await expect(verifyPasswordSignIn(user.email, TEST_PASSWORD, freshCtx())).resolves.toMatchObject({ id: user.id });
    const upgraded = (await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash!;
    expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$/);
    // and the new hash still works
    await expect(verifyPasswordSignIn(user.email, TEST_PASSWORD, freshCtx())).resolves.toMatchObject({ id: user.id });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(upgraded);
  });

  it("new accounts get N=2^17", async () => {
    const user = await newUser("new-hash");
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  });
});

describe("an invitation bound to an email needs proof of that email", () => {
  it("refuses a password sign-up that merely types the invited address (link handed over, not mailed)", async () => {
    const t = await newTeam("bound");
    const email = uniqueEmail("bound");
    const { token } = await createInvitation(t.ctx, { email, role: "admin" });
    const refused = await signUp({ name: "Claimer", email, password: TEST_PASSWORD, invitation: token }, freshCtx()).catch((e) => e);
    expect(code(refused)).toBe("forbidden");
    expect((refused as Error).message).toMatch(/has not verified/);
    expect(await db().user.count({ where: { email } })).toBe(0);
    expect((await db().invitation.findFirstOrThrow({ where: { email } })).acceptedAt).toBeNull();
  });
});
