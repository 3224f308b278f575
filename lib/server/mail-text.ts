import "server-only";
import { createTranslator } from "use-intl/core";
import { formatDateTime } from "@/lib/i18n/format";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import type { Role } from "@/lib/auth/roles";
import en from "@/messages/en";
import zhCN from "@/messages/zh-CN";

// The mails Berth sends (messages/<locale>/email.json), in the recipient's language: their saved
// choice (User.locale) where Berth knows them, else English — a mail has no Accept-Language.
type Mail = { subject: string; text: string };

const CATALOGUES: Record<Locale, typeof en> = { en, "zh-CN": zhCN };

function translator(locale: string | null | undefined) {
  const l = isLocale(locale) ? locale : DEFAULT_LOCALE;
  return { locale: l, t: createTranslator({ locale: l, messages: CATALOGUES[l], timeZone: "UTC" }) };
}

export function invitationMail(locale: string | null | undefined, v: { inviter: string; team: string; role: Role; expiresAt: Date; link: string }): Mail {
  const { locale: l, t } = translator(locale);
  const values = { inviter: v.inviter, team: v.team, role: t(`team.roles.${v.role}`), expires: formatDateTime(l, v.expiresAt, "minute"), link: v.link };
  return { subject: t("email.invitation.subject", values), text: t("email.invitation.body", values) };
}

export function passwordResetMail(locale: string | null | undefined, v: { minutes: number; link: string }): Mail {
  const { t } = translator(locale);
  return { subject: t("email.passwordReset.subject"), text: t("email.passwordReset.body", { minutes: v.minutes, link: v.link }) };
}
