import type en from "@/messages/en";
import { SSO_REFUSALS } from "@/lib/server/auth";

// The `?error=` codes single sign-on comes back with (Auth.js's own, and our refusals from
// lib/server/auth.ts SSO_REFUSALS) as catalogue keys of the "auth" namespace.
const AUTHJS_ERRORS = ["Configuration", "AccessDenied", "OAuthCallbackError"] as const;
type SsoErrorKey = `sso.${keyof (typeof en)["auth"]["sso"]}`;

/** The "auth" key for an error code, or null for no or an unknown code (the code is anyone's input). */
export function ssoErrorKey(code: string | undefined, withAuthJs: boolean): SsoErrorKey | null {
  if (!code) return null;
  if (Object.hasOwn(SSO_REFUSALS, code) || (withAuthJs && (AUTHJS_ERRORS as readonly string[]).includes(code))) return `sso.${code}` as SsoErrorKey;
  return null;
}
