import "server-only";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { recordAudit } from "./audit";
import { db } from "./db";
import { invalid } from "./errors";
import { requestContext } from "./request-context";

/** Saves this user's console language (the account menu) — audited as account.language. */
export async function setMyLocale(userId: string, locale: string): Promise<Locale> {
  if (!isLocale(locale)) throw invalid({ key: "errors.unknownLanguage" });
  const context = await requestContext();
  await db().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, locale: true } });
    if (!before) throw invalid({ key: "errors.sessionEnded" });
    await tx.user.update({ where: { id: userId }, data: { locale } });
    await recordAudit(tx, {
      action: "account.language",
      actor: { id: before.id, email: before.email },
      target: { type: "user", id: before.id, name: before.email },
      summary: { from: before.locale ?? "browser", to: locale },
      context,
    });
  });
  return locale;
}
