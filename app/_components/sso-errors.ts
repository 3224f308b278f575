import { SSO_REFUSAL_MSGS } from "@/lib/server/auth";
import { msg, type Msg } from "@/lib/i18n/message";

// The `?error=` codes single sign-on comes back with: our refusals (lib/server/auth.ts) and, on the
// sign-in page, Auth.js's own (auth.sso.*).
const AUTHJS_ERRORS = ["Configuration", "AccessDenied", "OAuthCallbackError"] as const;

/** The message for an error code, or null for no or an unknown code (the code is anyone's input). */
export function ssoError(code: string | undefined, withAuthJs: boolean): Msg | null {
  if (!code) return null;
  if (Object.hasOwn(SSO_REFUSAL_MSGS, code)) return SSO_REFUSAL_MSGS[code as keyof typeof SSO_REFUSAL_MSGS];
  if (withAuthJs && (AUTHJS_ERRORS as readonly string[]).includes(code)) return msg(`auth.sso.${code}`);
  return null;
}
