import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { chooseLocale, type Locale } from "@/lib/i18n/locales";
import { isDatabaseUnavailable } from "./db-unavailable";
import { signedInUser } from "./session";

function ignoreUnavailable(error: unknown): null {
  if (isDatabaseUnavailable(error)) return null;
  throw error;
}

/**
 * The language of this request: the signed-in user's saved choice, else the browser's
 * Accept-Language, else English. Read once per request (React cache); i18n/request.ts hands it
 * to next-intl.
 */
export const requestLocale = cache(async (): Promise<Locale> => {
  const h = await headers();
  // The same read as the page's currentUser() (session.ts): one statement for both.
  // The database away for a moment must not take the language (and with it every page's frame)
  // down: the browser's language serves, and the page itself says what is wrong (app/error.tsx).
  const saved = await signedInUser().then((u) => u?.locale ?? null, ignoreUnavailable);
  return chooseLocale(saved, h.get("accept-language"));
});
