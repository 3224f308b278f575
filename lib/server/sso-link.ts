import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "./env";

// "Connect single sign-on" from the account page: before sending the browser to the identity
// provider, Berth sets a short-lived cookie naming the signed-in account, signed with AUTH_SECRET.
// The sign-in callback connects the returning identity to that account and to no other.
export const SSO_LINK_COOKIE = "berth_sso_link";
// An invitation link followed into single sign-on: the callback may create the account with it.
export const SSO_INVITATION_COOKIE = "berth_sso_invitation";
const SSO_COOKIE_MAX_AGE = 600;
/** How both cookies are set: for the server only, sent back on the provider's redirect (lax), short-lived. */
export const SSO_COOKIE_OPTIONS = { httpOnly: true, sameSite: "lax", path: "/", maxAge: SSO_COOKIE_MAX_AGE } as const;

const sign = (payload: string) => createHmac("sha256", env().AUTH_SECRET).update(`sso-link:${payload}`).digest("base64url");

export function makeLinkIntent(userId: string, now = Date.now()): string {
  const payload = `${userId}.${now + SSO_COOKIE_MAX_AGE * 1000}`;
  return `${payload}.${sign(payload)}`;
}

/** The account id a link cookie names, if the cookie is ours and fresh. */
export function readLinkIntent(value: string | undefined, now = Date.now()): string | null {
  const [userId, expires, mac, ...rest] = (value ?? "").split(".");
  if (!userId || !expires || !mac || rest.length || value!.length > 200) return null;
  const expected = Buffer.from(sign(`${userId}.${expires}`));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return Number(expires) > now ? userId : null;
}
