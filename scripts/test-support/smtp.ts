import { SMTPServer } from "smtp-server";

// A real SMTP server on loopback for the tests (no mail leaves the machine): it keeps every
// message it receives so a test can read the link Berth mailed.
export type ReceivedMail = { from: string; to: string[]; raw: string; text: string };

/** Undoes quoted-printable soft line breaks and escapes, enough to read links out of a text mail. */
export function decodeMailText(raw: string): string {
  const body = raw.slice(raw.search(/\r?\n\r?\n/) + 1);
  const qp = /content-transfer-encoding:\s*quoted-printable/i.test(raw);
  return qp ? body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : body;
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
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), raw, text: decodeMailText(raw) });
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
