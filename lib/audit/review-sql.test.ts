import { describe, expect, it } from "vitest";
import { buildReviewSql, decodeCursor, encodeCursor, managerScope, narrowScope, ownScope, scopeAllows, trigramWord } from "./review-sql";

describe("review scope", () => {
  const own = ownScope("team-1", "me");
  it("lets members see their own events and everyone's deploys, nothing else", () => {
    expect(scopeAllows(own, { chainKey: "team-1", actorId: "me", action: "template.create" })).toBe(true);
    expect(scopeAllows(own, { chainKey: "team-1", actorId: "you", action: "template.create" })).toBe(false);
    expect(scopeAllows(own, { chainKey: "team-1", actorId: "you", action: "deploy.apply" })).toBe(true);
    expect(scopeAllows(own, { chainKey: "global", actorId: "me", action: "auth.sign_in" })).toBe(true);
    expect(scopeAllows(own, { chainKey: "global", actorId: "you", action: "auth.sign_in" })).toBe(false);
    expect(scopeAllows(own, { chainKey: "team-2", actorId: "me", action: "deploy.apply" })).toBe(false);
  });

  it("lets managers see the team chain and their members' sign-ins only", () => {
    const scope = managerScope("team-1", ["a", "b"]);
    expect(scopeAllows(scope, { chainKey: "team-1", actorId: null, action: "template.create" })).toBe(true);
    expect(scopeAllows(scope, { chainKey: "global", actorId: "b", action: "auth.sign_out" })).toBe(true);
    expect(scopeAllows(scope, { chainKey: "global", actorId: "c", action: "auth.sign_in" })).toBe(false);
    // a member's denied attempt on another team is theirs, not this team's business
    expect(scopeAllows(scope, { chainKey: "global", actorId: "b", action: "authz.denied" })).toBe(false);
  });

  it("narrows by actor and action without ever widening", () => {
    expect(narrowScope(own, "you", undefined)).toEqual([{ chainKey: "team-1", actions: ["deploy.start", "deploy.abandon", "deploy.apply", "deploy.redeploy", "deploy.undeploy", "deploy.break_glass", "deploy_request.create", "deploy_request.approve", "deploy_request.reject", "deploy_request.stale", "deploy_request.withdraw", "deploy_request.expire", "app.scale", "app.restart", "app.pod_delete", "app.claim_delete"], notActor: "me", actorIds: ["you"] }]);
    expect(narrowScope(own, undefined, "template.create")).toEqual([
      { chainKey: "team-1", actorIds: ["me"], actions: ["template.create"] },
      { chainKey: "global", actorIds: ["me"], actions: ["template.create"] },
    ]);
    expect(narrowScope(managerScope("t", ["a"]), "z", undefined)).toEqual([{ chainKey: "t", actorIds: ["z"], actions: undefined }]);
    expect(narrowScope(managerScope("t", ["a"]), "a", "auth.sign_in")).toEqual([
      { chainKey: "t", actorIds: ["a"], actions: ["auth.sign_in"] },
      { chainKey: "global", actorIds: ["a"], actions: ["auth.sign_in"] },
    ]);
  });
});

describe("review SQL", () => {
  it("reads each branch through its own ordered, limited index scan and binds every value", () => {
    const sql = buildReviewSql(managerScope("t", ["a", "b"]), { target: "%_", result: "failure" }, { direction: "older", limit: 51 })!;
    expect(sql.text).toContain("CROSS JOIN LATERAL");
    expect(sql.text.match(/LIMIT 51/g)).toHaveLength(3);
    expect(sql.values).toEqual(["%_", "%\\%\\_%", "failure", "t", "global", ["auth.sign_in", "auth.sign_out", "auth.sign_up", "auth.sso_connect", "auth.password_reset_request", "auth.password_reset"], ["a", "b"]]);
    expect(sql.text).not.toContain("%_");
    expect(buildReviewSql([], {}, { direction: "older", limit: 5 })).toBeNull();
  });

  it("reads a target search of 3+ characters once per branch (the trigram index), not once per member", () => {
    const sql = buildReviewSql(managerScope("t", ["a", "b"]), { target: "50%_off" }, { direction: "older", limit: 51 })!;
    expect(sql.text).not.toContain("LATERAL");
    expect(sql.text).toContain('"actorId" = ANY(');
    expect(sql.values).toContain("%off%"); // the index looks up the longest word; the whole search is checked on the rows
    expect(sql.text).toContain('strpos(lower("targetName"), lower($');
    expect(sql.text).not.toContain("50%");
  });

  it("looks up the longest word of a search of several words in the trigram index, else the whole search", () => {
    expect(trigramWord("app-4242")).toBe("4242");
    expect(trigramWord("Zürich-Ärzte-7")).toBe("Zürich");
    expect(trigramWord("kafka")).toBeNull(); // one word: the whole search
    expect(trigramWord("a-b-cd")).toBeNull(); // no word with a trigram of its own
    expect(trigramWord("%_")).toBeNull();
    const single = buildReviewSql(managerScope("t", ["a"]), { target: "kafka" }, { direction: "older", limit: 51 })!;
    expect(single.values).toContain("%kafka%");
    expect(single.text).not.toContain("strpos");
  });

  it("round-trips cursors and rejects junk", () => {
    const c = { createdAt: new Date("2026-11-25T10:00:00.123Z"), id: 9007199254740993n };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(decodeCursor("x_1")).toBeUndefined();
    expect(decodeCursor("1_2; DROP")).toBeUndefined();
    expect(decodeCursor(undefined)).toBeUndefined();
  });
});
