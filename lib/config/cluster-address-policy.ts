import { BlockList, isIP } from "node:net";
import { addCidr } from "./client-ip";

// Where a kubeconfig may make Berth connect: BERTH_CLUSTER_ALLOW / BERTH_CLUSTER_DENY (comma-
// separated CIDRs, IP addresses and host names; `*.example.com` matches every name under
// example.com). Pure (node:net only) so the configuration check and the connect-time guard
// (lib/server/k8s/guarded-dispatcher.ts) share one parser.
//
// Decided on the address a connection actually goes to (after DNS), plus the URL's host name:
// - a built-in deny list always applies (link-local, cloud metadata, "this network");
// - then BERTH_CLUSTER_DENY (host name or address) — deny wins over allow;
// - then, when BERTH_CLUSTER_ALLOW is set, the host name or the address must be in it.
// Loopback is allowed unless denied: Berth's own tests and single-machine setups run a cluster on
// 127.0.0.1; an operator who does not want that sets BERTH_CLUSTER_DENY=127.0.0.0/8,::1.

/** Never a cluster: link-local (cloud metadata lives there), AWS's IPv6 and Alibaba Cloud's metadata
 * addresses, "this network" (0.0.0.0 reaches loopback on Linux), and the metadata host names. */
export const BUILT_IN_DENY = [
  "169.254.0.0/16",
  "fe80::/10",
  "fd00:ec2::254/128",
  "100.100.100.200/32",
  "0.0.0.0/8",
  "::/128",
  "metadata.google.internal",
  "metadata.goog",
  "metadata",
  "instance-data.ec2.internal",
];

export type Rules = { addresses: BlockList; names: Set<string>; suffixes: string[]; size: number };
export type ClusterAddressPolicy = { builtIn: Rules; deny: Rules; allow: Rules | null };

const HOST_NAME = /^(\*\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/;

/** Parses one list; returns the entries it could not read. */
export function parseRules(text: string): { rules: Rules; errors: string[] } {
  const rules: Rules = { addresses: new BlockList(), names: new Set(), suffixes: [], size: 0 };
  const errors: string[] = [];
  for (const raw of text.split(",")) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    rules.size++;
    const added = addCidr(rules.addresses, entry);
    if (added === "bad_prefix") errors.push(`"${raw.trim()}" has an invalid prefix length`);
    else if (added === "ok") continue;
    else if (HOST_NAME.test(entry)) {
      const name = entry.replace(/\.$/, "");
      if (name.startsWith("*.")) rules.suffixes.push(name.slice(1));
      else rules.names.add(name);
    } else {
      errors.push(`"${raw.trim().slice(0, 80)}" is not a CIDR, an IP address or a host name`);
    }
  }
  return { rules, errors };
}

export function parseClusterAddressPolicy(allow: string | undefined, deny: string | undefined): ClusterAddressPolicy {
  const parsed = [parseRules(BUILT_IN_DENY.join(",")), parseRules(deny ?? ""), parseRules(allow ?? "")];
  const errors = parsed.flatMap((p) => p.errors);
  if (errors.length) throw new Error(errors.join("; "));
  const [builtIn, denied, allowed] = parsed.map((p) => p.rules);
  return { builtIn, deny: denied, allow: allowed.size > 0 ? allowed : null };
}

export function matchesName(rules: Rules, host: string): boolean {
  return rules.names.has(host) || rules.suffixes.some((s) => host.endsWith(s));
}

export function matchesAddress(rules: Rules, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && rules.addresses.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** A refusal decided by the host name alone (before any DNS lookup), or null. */
export function clusterHostRefusal(policy: ClusterAddressPolicy, host: string): string | null {
  const name = host.toLowerCase().replace(/\.$/, "");
  if (matchesName(policy.builtIn, name)) return `Berth does not connect to ${name}: link-local and cloud metadata addresses are never a cluster.`;
  if (matchesName(policy.deny, name)) return `Berth does not connect to ${name}: the address is denied by the operator (BERTH_CLUSTER_DENY).`;
  return null;
}

/**
 * Why Berth may not connect to `address` for the URL host `host` — or null when it may.
 * `host` is the URL's host name (lower-cased, no brackets); `address` the IP it resolved to.
 */
export function clusterAddressRefusal(policy: ClusterAddressPolicy, host: string, address: string): string | null {
  const name = host.toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");
  const where = name === address ? address : `${name} (${address})`;
  if (matchesName(policy.builtIn, name) || matchesAddress(policy.builtIn, address)) {
    return `Berth does not connect to ${where}: link-local and cloud metadata addresses are never a cluster.`;
  }
  if (matchesName(policy.deny, name) || matchesAddress(policy.deny, address)) {
    return `Berth does not connect to ${where}: the address is denied by the operator (BERTH_CLUSTER_DENY).`;
  }
  if (policy.allow && !matchesName(policy.allow, name) && !matchesAddress(policy.allow, address)) {
    return `Berth does not connect to ${where}: it is not in the operator's list of allowed clusters (BERTH_CLUSTER_ALLOW).`;
  }
  return null;
}
