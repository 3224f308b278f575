import { describe, expect, it } from "vitest";
import { clusterAddressRefusal, clusterHostRefusal, parseClusterAddressPolicy } from "./cluster-address-policy";

describe("cluster address policy", () => {
  const open = parseClusterAddressPolicy(undefined, undefined);

  it("refuses link-local and metadata addresses, also written as IPv4-mapped IPv6", () => {
    for (const a of ["169.254.169.254", "169.254.1.1", "::ffff:169.254.169.254", "fe80::1", "fd00:ec2::254", "100.100.100.200", "0.0.0.0", "::"]) {
      expect(clusterAddressRefusal(open, a, a), a).toMatch(/never a cluster/);
    }
    expect(clusterHostRefusal(open, "METADATA.google.internal.")).toMatch(/never a cluster/);
  });

  it("allows loopback and ordinary addresses by default", () => {
    for (const a of ["127.0.0.1", "::1", "10.0.0.5", "203.0.113.7", "2001:db8::1"]) expect(clusterAddressRefusal(open, a, a), a).toBeNull();
  });

  it("matches host names exactly or by *.suffix, and addresses by CIDR", () => {
    const p = parseClusterAddressPolicy("*.clusters.example.com,10.0.0.0/8", "bad.clusters.example.com,::ffff:10.9.9.9");
    expect(clusterAddressRefusal(p, "a.clusters.example.com", "203.0.113.1")).toBeNull();
    expect(clusterAddressRefusal(p, "clusters.example.com", "203.0.113.1")).toMatch(/BERTH_CLUSTER_ALLOW/);
    expect(clusterAddressRefusal(p, "bad.clusters.example.com", "10.0.0.1")).toMatch(/BERTH_CLUSTER_DENY/);
    expect(clusterAddressRefusal(p, "k8s.internal", "10.2.3.4")).toBeNull();
    expect(clusterAddressRefusal(p, "k8s.internal", "10.9.9.9")).toMatch(/k8s\.internal \(10\.9\.9\.9\): the address is denied/);
    expect(clusterAddressRefusal(p, "a.clusters.example.com", "169.254.169.254")).toMatch(/never a cluster/);
  });

  it("rejects entries that are not CIDRs, addresses or host names", () => {
    expect(() => parseClusterAddressPolicy("10.0.0.0/8/1", undefined)).toThrow(/not a CIDR/);
    expect(() => parseClusterAddressPolicy(undefined, "::1/129")).toThrow(/invalid prefix length/);
    expect(() => parseClusterAddressPolicy("exa mple.com", undefined)).toThrow(/not a CIDR/);
  });
});
