import { expect, test, type Page } from "@playwright/test";
import { joinTeamAs } from "./support/accounts";

// The console's frame is rendered on the server: the navigation links, and the team and language
// menus, whose selects call their server action on change (app/_components/action-select.tsx).
// They work with the keyboard and the mouse, keep focus on the select, and read in both languages.
// A user of their own: the shared owner's saved language and team must not change for other specs.
test.use({ storageState: { cookies: [], origins: [] }, locale: "en-US", viewport: { width: 1280, height: 900 } });

/** Moves a closed select to its other option with the arrow keys, as a keyboard user does. */
async function arrowToOther(page: Page, select: ReturnType<Page["getByLabel"]>) {
  await select.focus();
  const index = await select.evaluate((el) => (el as HTMLSelectElement).selectedIndex);
  await page.keyboard.press(index === 0 ? "ArrowDown" : "ArrowUp");
}

test("the navigation, the team menu and the language menu work with the keyboard and the mouse, in English and Chinese", async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const { page, context } = await joinTeamAs(browser, "member", "menus");
  const role = page.getByTestId("signed-in-as");
  // a second team: created on the team page, it becomes the current one
  await page.goto("/team");
  await page.getByLabel("Team name").first().fill("Menus crew");
  await page.getByRole("button", { name: "Create team" }).first().click();
  const teamMenu = page.getByLabel("Switch team");
  await expect(teamMenu.locator("option:checked")).toHaveText("Menus crew (owner)");
  await expect(role).toContainText("owner");

  // the team menu with the mouse, then with the keyboard (focus stays on it)
  const invited = await teamMenu.locator("option", { hasText: "(member)" }).getAttribute("value");
  await teamMenu.selectOption(invited!);
  await expect(role).toContainText("member");
  await expect(teamMenu).toHaveValue(invited!);
  await arrowToOther(page, teamMenu);
  await expect(role).toContainText("owner");
  await expect(teamMenu.locator("option:checked")).toHaveText("Menus crew (owner)");
  await expect(teamMenu).toBeFocused();
  await expect(teamMenu).not.toHaveAttribute("aria-disabled"); // busy only while the action runs

  // the navigation with the keyboard: Enter on a link opens its page, marked current
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Deployments" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/deployments$/);
  await expect(nav.getByRole("link", { name: "Deployments" })).toHaveAttribute("aria-current", "page");
  await page.screenshot({ path: testInfo.outputPath("menus-en.png") });

  // the language menu with the keyboard: the whole page in Chinese, focus still on the menu
  const account = page.getByRole("group", { name: "Account" });
  await arrowToOther(page, account.getByLabel("Language"));
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  const zhNav = page.getByRole("navigation", { name: "主导航" });
  await expect(zhNav.getByRole("link", { name: "部署记录" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
  const zhLanguage = page.getByRole("group", { name: "账号" }).getByLabel("语言");
  await expect(zhLanguage).toBeFocused();
  await expect(zhLanguage).toHaveValue("zh-CN");
  // the team menu and the navigation in Chinese, with the mouse
  await expect(page.getByLabel("切换团队").locator("option:checked")).toHaveText("Menus crew（所有者）");
  await page.getByLabel("切换团队").selectOption(invited!);
  await expect(role).toContainText("成员");
  await zhNav.getByRole("link", { name: "模板" }).click();
  await expect(page).toHaveURL(/\/templates$/);
  await expect(zhNav.getByRole("link", { name: "模板" })).toHaveAttribute("aria-current", "page");
  await expect(zhNav.getByRole("link", { name: "部署记录" })).not.toHaveAttribute("aria-current", "page");
  await page.screenshot({ path: testInfo.outputPath("menus-zh.png") });

  // back to English with the mouse
  await zhLanguage.selectOption("en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(nav.getByRole("link", { name: "Templates" })).toHaveAttribute("aria-current", "page");
  await expect(account.getByLabel("Language")).toHaveValue("en");
  await context.close();
});
