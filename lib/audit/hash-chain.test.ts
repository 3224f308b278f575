import { describe, expect, it } from "vitest";
import { findChainBreak, GENESIS_HASH, hashEvent, type ChainedContent, type StoredEvent } from "./hash-chain";

function content(overrides: Partial<ChainedContent> = {}): ChainedContent {
  return {
    chainKey: "team1", teamId: "team1", actorId: "u1", actorEmail: "a@b.c", action: "template.create",
    targetType: "template", targetId: "t1", targetName: "web", clusterId: null, clusterName: "", namespace: "",
    summary: { b: 2, a: 1 }, result: "success", reason: "", ip: "127.0.0.1", userAgent: "ua", requestId: "r1",
    createdAt: new Date("2026-11-25T10:00:00.123Z"), prevHash: GENESIS_HASH, ...overrides,
  };
}

function chain(n: number): StoredEvent[] {
  const events: StoredEvent[] = [];
  let prev = GENESIS_HASH;
  for (let i = 0; i < n; i++) {
    const c = content({ targetId: `t${i}`, prevHash: prev });
    const hash = hashEvent(c);
    events.push({ ...c, id: BigInt(i + 1), hash });
    prev = hash;
  }
  return events;
}

// SHA-256(GENESIS_HASH + RFC 8785 JSON of content()), computed once and pinned: any change to the
// fields hashed, their order, their encoding or the canonical form changes it. (Cross-checked
// outside Node: sha256("0"*64 + json.dumps(content, sort_keys=True, separators=(",", ":"))).)
const KNOWN_HASH = "549ea3506c7738e0d30675631bbc570e9ef3fc315264b0cafe2916a05020cc93";

// one different value per content field
const ALTERED: { [K in keyof ChainedContent]: ChainedContent[K] } = {
  chainKey: "team2", teamId: "team2", actorId: "u2", actorEmail: "x@b.c", action: "template.version",
  targetType: "deployment", targetId: "t2", targetName: "db", clusterId: "c1", clusterName: "prod", namespace: "ns",
  summary: { b: 2, a: 2 }, result: "failure", reason: "why", ip: "127.0.0.2", userAgent: "ua2", requestId: "r2",
  createdAt: new Date("2026-11-25T10:00:00.124Z"), prevHash: "1".repeat(64),
};

describe("audit hash chain", () => {
  it("is stable under key order and ignores id/hash on stored rows", () => {
    const a = hashEvent(content());
    expect(hashEvent(content({ summary: { a: 1, b: 2 } }))).toBe(a);
    expect(hashEvent({ ...content(), id: 99n, hash: "x" } as StoredEvent)).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes when any content field changes", () => {
    const base = hashEvent(content());
    expect(hashEvent(content({ actorEmail: "other@b.c" }))).not.toBe(base);
    expect(hashEvent(content({ createdAt: new Date("2026-11-25T10:00:00.124Z") }))).not.toBe(base);
    expect(hashEvent(content({ summary: { a: 1, b: 3 } }))).not.toBe(base);
    expect(hashEvent(content({ prevHash: "1".repeat(64) }))).not.toBe(base);
  });

  it("pins the hash of a fixed event (changing how the hash is built would make every stored chain read as altered)", () => {
    expect(hashEvent(content())).toBe(KNOWN_HASH);
  });

  it.each(Object.keys(ALTERED) as (keyof ChainedContent)[])("covers %s", (field) => {
    expect(hashEvent(content({ [field]: ALTERED[field] }))).not.toBe(hashEvent(content()));
  });

  it("covers all 19 content fields", () => {
    expect(Object.keys(ALTERED).sort()).toEqual(Object.keys(content()).sort());
    expect(Object.keys(ALTERED).length).toBe(19);
  });

  it("accepts an intact chain and names the first altered, removed or reordered event", () => {
    const events = chain(5);
    expect(findChainBreak(events, GENESIS_HASH)).toBeNull();

    const altered = events.map((e) => (e.id === 3n ? { ...e, targetName: "forged" } : e));
    expect(findChainBreak(altered, GENESIS_HASH)).toMatchObject({ id: 3n, reason: expect.stringMatching(/altered/) });

    const removed = events.filter((e) => e.id !== 2n);
    expect(findChainBreak(removed, GENESIS_HASH)).toMatchObject({ id: 3n, reason: expect.stringMatching(/removed/) });

    const swapped = [events[0], events[2], events[1], events[3]];
    expect(findChainBreak(swapped, GENESIS_HASH)?.id).toBe(3n);
  });
});
