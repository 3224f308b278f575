import { describe, expect, it } from "vitest";
import { newUser, uniqueEmail } from "@/scripts/test-support/fixtures";
import { db } from "./db";
import { AppError } from "./errors";
import { verifyPasswordSignIn } from "./users";

// An unauthenticated flood must not grow the audit table without bound: once sign-ins are rate
// limited, the refusals of one window are one audit event per account (or per IP), however many
// attempts follow. (BERTH_SIGNIN_MAX_PER_ACCOUNT=5 in the integration setup; the IP limit is set to 8 here.)
process.env.BERTH_SIGNIN_MAX_PER_IP = "8"; // read on first use; keeps the per-IP flood short
const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));

// one event per window (two if the run crossed a window boundary)
function onePerWindow(events: { summary: unknown }[]) {
  const windows = new Set(events.map((e) => (e.summary as { windowStart?: string }).windowStart));
  expect(events.length).toBeGreaterThanOrEqual(1);
  expect(events.length).toBeLessThanOrEqual(2);
  expect(windows.size).toBe(events.length);
}

async function rateLimitedEvents(where: { actorEmail?: string; ip?: string }) {
  return db().auditEvent.findMany({ where: { chainKey: "global", action: "auth.sign_in", result: "failure", reason: { startsWith: "rate limited" }, ...where } });
}

describe("sign-in floods", () => {
  it("rate-limited attempts on one account are one audit event per window", async () => {
    const user = await newUser("flooded");
    // Not 198.51.100.32 (the next test's address, which counts every rate-limited event of its IP).
    const ctx = { ip: `198.51.100.${100 + Math.floor(Math.random() * 100)}`, userAgent: "flood", requestId: "f" };
    for (let i = 0; i < 5; i++) await verifyPasswordSignIn(user.email, `wrong-${i}`, ctx).catch(() => {});
    for (let i = 0; i < 20; i++) expect(code(await verifyPasswordSignIn(user.email, `again-${i}`, ctx).catch((e) => e))).toBe("rate_limited");
    const events = await rateLimitedEvents({ actorEmail: user.email });
    onePerWindow(events);
    expect(events[0].summary).toMatchObject({ method: "password", limited: "account", windowStart: expect.any(String) });
  });

  it("rate-limited attempts from one IP across many accounts are one audit event per window", async () => {
    const ip = "198.51.100.32";
    const ctx = { ip, userAgent: "stuffing", requestId: "s" };
    for (let i = 0; i < 8; i++) await verifyPasswordSignIn(uniqueEmail("nobody"), "guess", ctx).catch(() => {});
    for (let i = 0; i < 15; i++) expect(code(await verifyPasswordSignIn(uniqueEmail("nobody"), "guess", ctx).catch((e) => e))).toBe("rate_limited");
    const events = await rateLimitedEvents({ ip });
    onePerWindow(events);
    expect(events[0].summary).toMatchObject({ limited: "ip" });
  });
});
