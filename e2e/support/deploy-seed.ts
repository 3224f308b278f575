// Seeds a team template with one version straight into the e2e database (the template wizard
// is tested on its own): the nginx template of deploy-fixtures.ts, owned by a user of a team.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { kubectl } from "./cluster";
import { nginxTemplate } from "./deploy-fixtures";

export async function seedNginxTemplate(
  ownerEmail: string, name = `nginx ${randomBytes(2).toString("hex")}`, specPatch: Record<string, unknown> = {}, databaseUrl = process.env.BERTH_E2E_DATABASE_URL,
): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const owner = await client.query<{ userId: string; teamId: string }>(
      `SELECT u.id AS "userId", m."teamId" FROM "User" u JOIN "Membership" m ON m."userId" = u.id WHERE u.email = $1 ORDER BY m."createdAt" LIMIT 1`,
      [ownerEmail],
    );
    if (!owner.rows[0]) throw new Error(`no team member ${ownerEmail}`);
    const { userId, teamId } = owner.rows[0];
    const id = `tpl${randomBytes(8).toString("hex")}`;
    const base = nginxTemplate();
    const t = { ...base, spec: { ...base.spec, ...specPatch } };
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "Template" (id, "teamId", "ownerId", name, visibility, "latestVersion", "updatedAt") VALUES ($1, $2, $3, $4, 'team', 1, now())`,
      [id, teamId, userId, name],
    );
    await client.query(
      `INSERT INTO "TemplateVersion" (id, "templateId", version, spec, parameters, message, "authorId") VALUES ($1, $2, 1, $3, $4, 'seeded by e2e', $5)`,
      [`tv${randomBytes(8).toString("hex")}`, id, JSON.stringify(t.spec), JSON.stringify(t.parameters), userId],
    );
    await client.query("COMMIT");
    return id;
  } finally {
    await client.end();
  }
}

export function createNamespace(prefix: string): string {
  const name = `${prefix}-${randomBytes(3).toString("hex")}`;
  kubectl("create", "namespace", name);
  return name;
}

export function deleteNamespace(name: string): void {
  kubectl("delete", "namespace", name, "--wait=false", "--ignore-not-found");
}
