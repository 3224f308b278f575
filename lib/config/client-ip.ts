import { BlockList, isIP } from "node:net";

// Which address made a request, from X-Forwarded-For ("client, proxy1, proxy2": each hop appends
// the address it was connected from). The launcher's Node server appends the socket's own peer
// address as the last entry (scripts/lib/peer-address.cjs), so with no proxy configured the
// right-most entry is the socket address, and anything a client writes into the header is ignored.
// BERTH_TRUSTED_PROXIES says which hops to believe: a count ("1" = one reverse proxy in front of
// Berth) or CIDRs/addresses ("10.0.0.0/8, 192.168.1.10"). The client is the right-most address
// not added by a trusted proxy. Pure (node:net only): the launcher checks the setting too.

/** Lengths of the request headers Berth stores (audit events, rate-limit keys). */
export const HEADER_LIMITS = { userAgent: 512, requestId: 128, forwardedFor: 2048, forwardedEntries: 32 } as const;

export type TrustedProxies = { count: number; list?: undefined } | { count?: undefined; list: BlockList };

const MAX_PROXY_COUNT = 32;

/** Null when the value is neither a small count nor a list of valid CIDRs/addresses. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies | null {
  const text = (value ?? "").trim();
  if (text === "") return { count: 0 };
  if (/^\d+$/.test(text)) {
    const count = Number(text);
    return count <= MAX_PROXY_COUNT ? { count } : null;
  }
  const list = new BlockList();
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    if (addCidr(list, part) !== "ok") return null;
  }
  return { list };
}

/** Adds "address" or "address/prefix" to a BlockList; says why not when it is neither. */
export function addCidr(list: BlockList, entry: string): "ok" | "not_an_address" | "bad_prefix" {
  const [address, prefix, extra] = entry.split("/");
  const family = isIP(address);
  if (!family || extra !== undefined) return "not_an_address";
  const type = family === 4 ? "ipv4" : "ipv6";
  if (prefix === undefined) list.addAddress(address, type);
  else {
    if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128)) return "bad_prefix";
    list.addSubnet(address, Number(prefix), type);
  }
  return "ok";
}

/** `::ffff:10.0.0.1` is IPv4 10.0.0.1 for the trust check. */
function isTrusted(list: BlockList, address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return list.check(mapped[1], "ipv4");
  return list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

/** The client's address; "" when the header holds no usable address. */
export function clientIp(forwardedFor: string | null | undefined, trusted: TrustedProxies): string {
  // Only the right-most entries can matter, so a huge header costs nothing.
  const text = (forwardedFor ?? "").slice(-HEADER_LIMITS.forwardedFor);
  const hops = text.split(",").map((e) => e.trim()).slice(-HEADER_LIMITS.forwardedEntries).reverse(); // nearest first
  let chosen = "";
  for (let i = 0; i < hops.length; i++) {
    const hop = hops[i];
    if (!isIP(hop)) break; // a trusted hop wrote garbage (or the client did): keep the nearest real address
    chosen = hop;
    const believed = trusted.list ? isTrusted(trusted.list, hop) : i < trusted.count;
    if (!believed) break;
  }
  return chosen;
}

/** A header value to store: at most `max` characters, no control characters. */
export function storedHeader(value: string | null | undefined, max: number): string {
  return (value ?? "").replace(/[\u0000-\u001f\u007f]/g, "").slice(0, max);
}
