-- AlterTable (added empty, numbered below, then required)
ALTER TABLE "Deployment" ADD COLUMN     "number" INTEGER DEFAULT 0;

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "deploymentCount" INTEGER NOT NULL DEFAULT 0;

-- Existing records get their numbers in the order they were made, per team.
UPDATE "Deployment" AS d SET "number" = n.rn
FROM (SELECT id, row_number() OVER (PARTITION BY "teamId" ORDER BY "startedAt", id) AS rn FROM "Deployment") AS n
WHERE d.id = n.id;
UPDATE "Team" AS t SET "deploymentCount" = COALESCE((SELECT max("number") FROM "Deployment" WHERE "teamId" = t.id), 0);

ALTER TABLE "Deployment" ALTER COLUMN "number" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Deployment_teamId_number_key" ON "Deployment"("teamId", "number");

-- Hand-written: every insert gets its team's next number, whatever code path inserts it. The
-- UPDATE locks the team row until the inserting transaction ends, so concurrent inserts of one
-- team are numbered one after the other, never twice. An explicit number (imports, tests) is
-- kept and moves the counter past it.
CREATE FUNCTION "deployment_assign_number"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."number" IS NULL OR NEW."number" <= 0 THEN
    UPDATE "Team" SET "deploymentCount" = "deploymentCount" + 1 WHERE id = NEW."teamId" RETURNING "deploymentCount" INTO NEW."number";
  ELSE
    UPDATE "Team" SET "deploymentCount" = GREATEST("deploymentCount", NEW."number") WHERE id = NEW."teamId";
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "deployment_number"
  BEFORE INSERT ON "Deployment"
  FOR EACH ROW EXECUTE FUNCTION "deployment_assign_number"();
