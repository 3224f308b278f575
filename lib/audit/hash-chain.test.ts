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
