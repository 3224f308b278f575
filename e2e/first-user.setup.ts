import { expect, test } from "@playwright/test";
import { OWNER, OWNER_STATE, signUp } from "./support/accounts";

// Runs first, on the fresh database of this test run: the first user becomes owner of a new team.
test("the first user to sign up becomes owner of a new team", async ({ page }) => {
  // A fresh install sends its first visitor to create the first account, not to "Sign in".
  await page.goto("/");
  await expect(page).toHaveURL(/\/signup$/);
  await expect(page.getByRole("heading", { name: "Create the first account" })).toBeVisible();
  await expect(page.getByTestId("first-account")).toContainText("owner of a new team");
  await signUp(page, OWNER);
  await expect(page).toHaveURL(/\/templates/);
  await expect(page.getByTestId("signed-in-as")).toContainText(OWNER.email);
  await expect(page.getByTestId("signed-in-as")).toContainText("owner");
  await expect(page.getByRole("heading", { name: "No templates yet" })).toBeVisible();
  await page.goto("/team");
  await expect(page.getByRole("row", { name: OWNER.email })).toContainText("owner");
  await page.context().storageState({ path: OWNER_STATE });
});
