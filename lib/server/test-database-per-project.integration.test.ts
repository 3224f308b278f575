import { expect, it } from "vitest";
import { db } from "./db";

// Each integration project runs on its own database: "integration" on the Postgres server that
// `npm test` starts, "integration-pglite" on the embedded PGlite server `npm start` uses. Both
// global setups run in one process before any worker starts, so a DATABASE_URL written into
// process.env by one of them would send the other project's tests to the wrong database.
it("runs on the database of its own project", async ({ task }) => {
  const [row] = await db().$queryRaw<{ version: string }[]>`SELECT version() AS version`;
  const onPglite = row!.version.includes("PGlite");
  expect({ project: task.file.projectName, onPglite }).toEqual({ project: task.file.projectName, onPglite: task.file.projectName === "integration-pglite" });
  expect(process.env.BERTH_DB_POOL_MAX === "1").toBe(onPglite);
});
