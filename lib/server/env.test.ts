import { describe, expect, it } from "vitest";
import { decodeActionKey, decodeKey, parseEnv } from "./env";

const good = {
  DATABASE_URL: "postgres://u@localhost/db",
  AUTH_SECRET: "s".repeat(40),
  BERTH_ENCRYPTION_KEY: "ab".repeat(32),
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
};

describe("configuration", () => {
  it("accepts a minimal valid set and applies defaults", () => {
    const env = parseEnv(good);
    expect(env.BERTH_DB_POOL_MAX).toBe(10);
    expect(env.BERTH_SIGNIN_MAX_PER_ACCOUNT).toBe(10);
    expect(env.BERTH_OIDC_ISSUER).toBeUndefined();
  });

  it("names every bad variable in one message", () => {
    const run = () => parseEnv({ DATABASE_URL: "mysql://x", AUTH_SECRET: "short", BERTH_ENCRYPTION_KEY: "nope" });
    expect(run).toThrow(/DATABASE_URL: must be a postgres/);
    expect(run).toThrow(/AUTH_SECRET: must be at least 32 characters/);
    expect(run).toThrow(/BERTH_ENCRYPTION_KEY: must be 32 bytes/);
  });

  it("takes BERTH_TRUSTED_PROXIES as a count or CIDRs, nothing else", () => {
    expect(parseEnv(good).BERTH_TRUSTED_PROXIES).toBe("");
    expect(parseEnv({ ...good, BERTH_TRUSTED_PROXIES: "10.0.0.0/8, ::1" }).BERTH_TRUSTED_PROXIES).toBe("10.0.0.0/8, ::1");
    expect(() => parseEnv({ ...good, BERTH_TRUSTED_PROXIES: "yes" })).toThrow(/BERTH_TRUSTED_PROXIES: must be a number of proxies/);
  });

  it("wants the OpenID Connect settings together", () => {
    expect(() => parseEnv({ ...good, BERTH_OIDC_ISSUER: "https://id.example.com" })).toThrow(/set BERTH_OIDC_ISSUER, BERTH_OIDC_CLIENT_ID and BERTH_OIDC_CLIENT_SECRET together/);
    expect(parseEnv({ ...good, BERTH_OIDC_ISSUER: "https://id.example.com", BERTH_OIDC_CLIENT_ID: "c", BERTH_OIDC_CLIENT_SECRET: "s" }).BERTH_OIDC_CLIENT_ID).toBe("c");
  });

  it("reads BERTH_CLUSTER_ALLOW / BERTH_CLUSTER_DENY as CIDRs, addresses and host names, and names a bad entry", () => {
    const env = parseEnv({ ...good, BERTH_CLUSTER_ALLOW: "10.0.0.0/8, k8s.example.com,*.clusters.example.com", BERTH_CLUSTER_DENY: "fd00::/8,10.1.2.3" });
    expect(env.BERTH_CLUSTER_ALLOW).toBe("10.0.0.0/8, k8s.example.com,*.clusters.example.com");
    expect(() => parseEnv({ ...good, BERTH_CLUSTER_ALLOW: "10.0.0.0/33" })).toThrow(/BERTH_CLUSTER_ALLOW: "10.0.0.0\/33" has an invalid prefix length/);
    expect(() => parseEnv({ ...good, BERTH_CLUSTER_DENY: "https://x.example.com" })).toThrow(/BERTH_CLUSTER_DENY: "https:\/\/x.example.com" is not a CIDR, an IP address or a host name/);
  });

  it("decodes 32-byte keys given as hex or base64 only", () => {
    expect(decodeKey("ab".repeat(32))?.length).toBe(32);
    expect(decodeKey(Buffer.alloc(32, 7).toString("base64"))?.length).toBe(32);
    expect(decodeKey("too-short")).toBeNull();
  });

  it("refuses keys that only look like 32 bytes: loose base64, wrong lengths, stray characters", () => {
    const b64 = Buffer.alloc(32, 7).toString("base64"); // 43 characters + "="
    expect(decodeKey(b64.slice(0, -1))?.length).toBe(32); // unpadded is the same key
    // Node's base64 decoder skips characters it does not know: these all "decoded" to 32 bytes
    expect(decodeKey(`${b64.slice(0, 20)}!!!!${b64.slice(20)}`)).toBeNull();
    expect(decodeKey(`${b64.slice(0, 20)} ${b64.slice(20)}`)).toBeNull();
    expect(decodeKey(`${b64}\n`)).toBeNull();
    expect(decodeKey(`${b64}==`)).toBeNull();
    expect(decodeKey(`${b64}AAAA`.slice(0, 48))).toBeNull(); // 36 bytes
    expect(decodeKey(Buffer.alloc(31, 7).toString("base64"))).toBeNull();
    expect(decodeKey("ab".repeat(31))).toBeNull(); // 31 bytes of hex is not base64 of 32 either
    expect(decodeKey("ab".repeat(33))).toBeNull();
    expect(decodeKey(`${"ab".repeat(31)}zz`)).toBeNull();
    // a non-canonical last character (unused low bits set) is a typo, not the same key
    const last = b64.at(-2)!;
    const sibling = String.fromCharCode(last.charCodeAt(0) + 1);
    expect(decodeKey(`${b64.slice(0, -2)}${sibling}=`)).toBeNull();
    expect(() => parseEnv({ ...good, BERTH_ENCRYPTION_KEY: `${b64.slice(0, 20)}!!!!${b64.slice(20)}` })).toThrow(/BERTH_ENCRYPTION_KEY: must be 32 bytes/);
  });
});

describe("missing settings", () => {
  it("says which are not set and how to make one", () => {
    expect(() => parseEnv({})).toThrow(/AUTH_SECRET: is not set \(a random string of at least 32 characters/);
    expect(() => parseEnv({})).toThrow(/BERTH_ENCRYPTION_KEY: is not set \(32 random bytes/);
    expect(() => parseEnv({})).toThrow(/DATABASE_URL: is not set/);
    expect(() => parseEnv({})).toThrow(/NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: is not set \(32 random bytes in base64/);
  });
});

describe("the server-action key", () => {
  it("takes canonical base64 of an AES key (16, 24 or 32 bytes), as Next decodes it, and nothing else", () => {
    for (const n of [16, 24, 32]) expect(decodeActionKey(Buffer.alloc(n, 9).toString("base64"))).toHaveLength(n);
    expect(decodeActionKey(Buffer.alloc(31, 9).toString("base64"))).toBeNull();
    expect(decodeActionKey("ab".repeat(32))).toBeNull(); // hex is 48 bytes in base64: not a key
    const b64 = Buffer.alloc(32, 9).toString("base64");
    expect(decodeActionKey(b64.slice(0, -1))).toBeNull();
    expect(decodeActionKey(` ${b64}`)).toBeNull();
    expect(() => parseEnv({ ...good, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "not a key" })).toThrow(/NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: must be 16, 24 or 32 bytes in base64/);
  });
});

describe("account settings", () => {
  it("defaults to invitation-only sign-up, password sign-in on, provider emails not trusted, no mail", () => {
    const env = parseEnv(good);
    expect([env.BERTH_SIGNUP, env.BERTH_PASSWORD_SIGNIN, env.BERTH_OIDC_TRUST_EMAIL, env.BERTH_SMTP_URL, env.BERTH_SIGNUP_MAX_PER_IP]).toEqual(["invite", true, false, undefined, 10]);
  });

  it("refuses unknown policies and flags that are not exactly true/false", () => {
    expect(() => parseEnv({ ...good, BERTH_SIGNUP: "anyone" })).toThrow(/BERTH_SIGNUP: must be invite, open or closed/);
    expect(() => parseEnv({ ...good, BERTH_OIDC_TRUST_EMAIL: "yes" })).toThrow(/BERTH_OIDC_TRUST_EMAIL: must be true or false/);
    expect(parseEnv({ ...good, BERTH_SIGNUP: "open" }).BERTH_SIGNUP).toBe("open");
  });

  it("single sign-on only needs single sign-on; mail needs a sender and the public URL", () => {
    expect(() => parseEnv({ ...good, BERTH_PASSWORD_SIGNIN: "false" })).toThrow(/BERTH_PASSWORD_SIGNIN: false needs single sign-on/);
    expect(() => parseEnv({ ...good, BERTH_SMTP_URL: "smtp://mail.example.com:587" })).toThrow(/set BERTH_SMTP_URL and BERTH_MAIL_FROM together/);
    expect(() => parseEnv({ ...good, BERTH_SMTP_URL: "smtp://mail.example.com:587", BERTH_MAIL_FROM: "berth@example.com" })).toThrow(/AUTH_URL: is required with BERTH_SMTP_URL/);
    expect(() => parseEnv({ ...good, BERTH_SMTP_URL: "http://mail.example.com", BERTH_MAIL_FROM: "berth@example.com", AUTH_URL: "https://berth.example.com" })).toThrow(/must be an smtp:\/\/ or smtps:\/\/ URL/);
    const env = parseEnv({ ...good, BERTH_SMTP_URL: "smtps://u:p@mail.example.com:465", BERTH_MAIL_FROM: "Berth <berth@example.com>", AUTH_URL: "https://berth.example.com" });
    expect(env.BERTH_MAIL_FROM).toBe("Berth <berth@example.com>");
  });
});
