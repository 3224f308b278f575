import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { chooseLocale, type Locale } from "@/lib/i18n/locales";
import { auth } from "./auth";
import { db } from "./db";

/**
 * The language of this request: the signed-in user's saved choice, else the browser's
 * Accept-Language, else English. Read once per request (React cache); i18n/request.ts hands it
 * to next-intl.
 */
export const requestLocale = cache(async (): Promise<Locale> => {
  const h = await headers();
  let saved: string | null = null;
  const session = await auth();
  const id = session?.user?.id;
  if (id) saved = (await db().user.findUnique({ where: { id }, select: { locale: true } }))?.locale ?? null;
  return chooseLocale(saved, h.get("accept-language"));
});
