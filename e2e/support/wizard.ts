import { expect, test, type Locator, type Page } from "@playwright/test";

// The application wizard as a user sees it: steps, fields by their labels or form paths, the
// live YAML, the YAML mode and the save step.
export const fieldId = (path: string) => `#f-${path.replace(/[^A-Za-z0-9_-]/g, "-")}`;

export class Wizard {
  constructor(readonly page: Page) {}

  async openNew() {
    await this.page.goto("/templates/new");
    await expect(this.heading(1)).toBeVisible();
  }

  heading(step: number): Locator {
    const title = ["Basic information", "Containers", "Advanced"][step - 1];
    return this.page.getByRole("heading", { name: `Step ${step} of 3: ${title}` });
  }

  field(path: string): Locator {
    return this.page.locator(fieldId(path));
  }

  error(path: string): Locator {
    return this.page.locator(`${fieldId(path)}-error`);
  }

  async fill(path: string, value: string) {
    await this.field(path).fill(value);
    await this.field(path).blur();
  }

  async next() {
    await this.page.getByRole("button", { name: /^Next/ }).click();
  }

  async toStep(step: number) {
    await this.next();
    await expect(this.heading(step)).toBeVisible();
  }

  async toSave() {
    await this.next();
    await expect(this.page.getByRole("heading", { name: "Save", exact: true })).toBeVisible();
  }

  yaml(): Locator {
    return this.page.getByTestId("yaml-preview");
  }

  /** Waits for the debounced live YAML to contain each text. */
  async expectYaml(...texts: string[]) {
    for (const t of texts) await expect(this.yaml()).toContainText(t);
  }

  /** Adds the first row of a key/value list (labels, annotations) with its region's button and types into it. */
  async addKeyValue(region: string, button: string, path: string, key: string, value: string) {
    await this.page.getByRole("region", { name: region }).getByRole("button", { name: button }).click();
    await this.field(`${path}.0.key`).fill(key);
    await this.field(`${path}.0.value`).fill(value);
  }

  async toggle(label: string) {
    await this.page.getByLabel(label, { exact: true }).check();
  }

  /** Switches to the YAML editor; returns its starting text (the live preview's, which it starts from). */
  async yamlMode(): Promise<string> {
    const text = await this.yaml().innerText();
    await this.page.getByRole("button", { name: "YAML", exact: true }).click();
    await expect(this.page.getByTestId("yaml-editor")).toBeVisible();
    await expect(this.page.locator(".cm-content")).toContainText("kind: Service");
    return text;
  }

  /** Replaces the editor's whole text. */
  async setYaml(text: string) {
    const editor = this.page.locator(".cm-content");
    await editor.click();
    await this.page.keyboard.press("ControlOrMeta+a");
    await this.page.keyboard.press("Delete");
    await this.page.keyboard.insertText(text);
  }

  async formMode() {
    await this.page.getByRole("button", { name: "Form", exact: true }).click();
  }

  async save(button: "Save template" | "Save new version" = "Save template") {
    await this.page.getByRole("button", { name: button }).click();
    await expect(this.page).toHaveURL(/\/templates\/[^/]+\?saved=\d+/);
  }

  /**
   * On the Save step (issue 11, item 3): the untouched name is not flagged; type it as a person
   * does (no blur) and click Save template once — the button must not move under the pointer,
   * and that one click must save.
   */
  async saveWithOneClick(name: string) {
    await expect(this.field("meta.name")).not.toHaveAttribute("aria-invalid", "true");
    await expect(this.error("meta.name")).toHaveCount(0);
    const save = this.page.getByRole("button", { name: "Save template" });
    const before = await save.boundingBox();
    await this.field("meta.name").click();
    await this.page.keyboard.type(name);
    expect((await save.boundingBox())?.y).toBe(before?.y);
    await save.click();
    await expect(this.page).toHaveURL(/\/templates\/[^/]+\?saved=1$/);
  }

  async screenshot(name: string) {
    await this.page.evaluate(() => window.scrollTo(0, 0));
    await docScreenshot(this.page, name);
  }
}

/**
 * The README's screenshots are taken by the e2e run; they are rewritten in docs/screenshots only
 * with BERTH_UPDATE_SCREENSHOTS=1 (otherwise into the test's output folder), so that an
 * ordinary test run leaves the work tree clean.
 */
export async function docScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  const path = process.env.BERTH_UPDATE_SCREENSHOTS === "1" ? `docs/screenshots/${name}.png` : test.info().outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? false });
}
