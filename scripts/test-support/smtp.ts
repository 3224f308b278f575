import { SMTPServer } from "smtp-server";

// A real SMTP server on loopback for the tests (no mail leaves the machine): it keeps every
// message it receives so a test can read the link Berth mailed.
export type ReceivedMail = { from: string; to: string[]; raw: string; subject: string; text: string };

/** The text body of a single-part mail, its transfer encoding undone (quoted-printable or base64), as UTF-8. */
export function decodeMailText(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split);
  const body = raw.slice(split + 1);
  if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (!/content-transfer-encoding:\s*quoted-printable/i.test(head)) return body;
  const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

/** The Subject header, folded lines joined and RFC 2047 encoded words ("=?UTF-8?B?…?=", "?Q?") decoded. */
export function decodeMailSubject(raw: string): string {
  const head = raw.slice(0, raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, " ");
  const line = /^subject:[ \t]*(.*)$/im.exec(head)?.[1] ?? "";
  return line.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === "b"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (__, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"),
  ).trim();
}

export async function startSmtpServer(port = 0): Promise<{ url: string; port: number; mails: ReceivedMail[]; waitForMail: (to: string, timeoutMs?: number) => Promise<ReceivedMail>; close: () => Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    size: 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), raw, subject: decodeMailSubject(raw), text: decodeMailText(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.server.address();
  const bound = typeof address === "object" && address ? address.port : port;
  const waitForMail = async (to: string, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = [...mails].reverse().find((m) => m.to.includes(to.toLowerCase()));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no mail to ${to} arrived`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { url: `smtp://127.0.0.1:${bound}`, port: bound, mails, waitForMail, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
