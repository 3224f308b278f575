import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env, mailEnabled } from "./env";
import { msg } from "@/lib/i18n/message";
import { AppError } from "./errors";
import { errorFields, log } from "./observability/log";

// Outgoing mail (invitations, password resets) through the operator's SMTP server
// (BERTH_SMTP_URL, from BERTH_MAIL_FROM). Plain text only; every link in a mail is short-lived.
let transport: { url: string; transporter: Transporter } | undefined;

function transporter(): Transporter {
  const url = env().BERTH_SMTP_URL;
  if (!url) throw new AppError(msg("serverErrors.mail.notSetUp"), "unavailable");
  if (transport?.url !== url) {
    transport = { url, transporter: nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }) };
  }
  return transport.transporter;
}

export { mailEnabled };

/** A link to a page of this Berth, for a mail: always from AUTH_URL (required with mail), never from a request's Host. */
export function mailLink(path: string): string {
  return `${(env().AUTH_URL ?? "").replace(/\/+$/, "")}${path}`;
}

export async function sendMail(message: { to: string; subject: string; text: string }): Promise<void> {
  await transporter().sendMail({ from: env().BERTH_MAIL_FROM, to: message.to, subject: message.subject, text: message.text });
}

/** Sends without making the caller wait or fail (password resets: the reply must not depend on the account). */
export function sendMailInBackground(message: { to: string; subject: string; text: string }, what: string): void {
  sendMail(message).catch((error: unknown) => log().error({ mail: what, ...errorFields(error) }, "could not send a mail"));
}
