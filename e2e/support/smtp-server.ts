// A local SMTP server for the end-to-end tests (no mail leaves the machine): every message Berth
// sends is written to MAIL_DIR as JSON, where the specs read the links (e2e/support/mail.ts).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startSmtpServer } from "../../scripts/test-support/smtp";

const port = Number(process.env.SMTP_PORT ?? 0);
const dir = process.env.MAIL_DIR ?? "";
if (!port || !dir) throw new Error("SMTP_PORT and MAIL_DIR are required");
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

void startSmtpServer(port).then((smtp) => {
  let written = 0;
  setInterval(() => {
    for (; written < smtp.mails.length; written++) {
      writeFileSync(path.join(dir, `${String(written).padStart(6, "0")}.json`), JSON.stringify(smtp.mails[written]));
    }
  }, 50);
  console.log(`test SMTP server on ${smtp.url}, mails in ${dir}`);
});
