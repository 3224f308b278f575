import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";

// Reads what the local SMTP server (e2e/support/smtp-server.ts) received.
export const MAIL_DIR = path.resolve(`e2e/.mail-${process.env.BERTH_E2E_PORT ?? 3100}`);

type Mail = { to: string[]; text: string };

/** The newest link to `path` (e.g. "/reset/") in a mail to `to`, waiting for it to arrive. */
export async function linkMailedTo(to: string, linkPath: string): Promise<string> {
  let link = "";
  await expect
    .poll(() => {
      const mails = readdirSync(MAIL_DIR)
        .sort()
        .map((f) => JSON.parse(readFileSync(path.join(MAIL_DIR, f), "utf8")) as Mail)
        .filter((m) => m.to.includes(to.toLowerCase()));
      const pattern = new RegExp(`https?://[^\\s]+${linkPath.replace(/\//g, "\\/")}[A-Za-z0-9_-]+`);
      link = mails.map((m) => pattern.exec(m.text)?.[0] ?? "").filter(Boolean).pop() ?? "";
      return link;
    }, { message: `a mail to ${to} with a ${linkPath} link` })
    .not.toBe("");
  return link;
}
