import { expect, test, type Page } from "@playwright/test";

// Layout checks a screenshot would show a person, measured in the page: an input or select too
// narrow for its value, a key/value row whose value wrapped under its key, a card whose content
// sticks out of it, a table header whose rule stops short of its columns, a page wider than the
// window. `expectCleanLayout` names each problem; a screenshot goes to the test's output folder.
export type LayoutProblem = string;

export async function layoutProblems(page: Page): Promise<LayoutProblem[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none";
    };
    const name = (el: Element) => {
      const id = el.getAttribute("id");
      const label = id ? document.querySelector(`label[for="${CSS.escape(id)}"]`)?.textContent?.trim() : "";
      return `${el.tagName.toLowerCase()}${id ? `#${id}` : ""}${label ? ` (“${label}”)` : ""}`;
    };
    const canvas = document.createElement("canvas").getContext("2d")!;
    const textWidth = (text: string, el: Element) => {
      const s = getComputedStyle(el);
      canvas.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
      return canvas.measureText(text).width;
    };
    // Inputs: the value fits (a value wider than the box scrolls inside it: "NGINX_ENTRYF").
    for (const el of document.querySelectorAll<HTMLInputElement>("input:not([type=checkbox]):not([type=radio]):not([type=hidden])")) {
      if (!visible(el) || !el.value) continue;
      if (el.scrollWidth > el.clientWidth + 1) problems.push(`${name(el)} cuts its value “${el.value.slice(0, 40)}”`);
    }
    // Selects: the chosen option's text fits beside the arrow ("OrderedReady (c").
    for (const el of document.querySelectorAll<HTMLSelectElement>("select")) {
      if (!visible(el) || el.selectedIndex < 0) continue;
      const s = getComputedStyle(el);
      const room = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) - 18;
      const text = el.options[el.selectedIndex].text;
      if (textWidth(text, el) > room + 1) problems.push(`${name(el)} cuts its choice “${text}”`);
    }
    // Key/value rows: key and value side by side.
    // Text areas: the text fits (no hidden lines).
    for (const el of document.querySelectorAll<HTMLTextAreaElement>("textarea")) {
      if (!visible(el) || !el.value || ["auto", "scroll"].includes(getComputedStyle(el).overflowY)) continue;
      if (el.scrollHeight > el.clientHeight + 1) problems.push(`${name(el)} hides part of “${el.value.slice(0, 40)}”`);
    }
    for (const k of document.querySelectorAll<HTMLElement>('input[id$="-key"], textarea[id$="-key"]')) {
      const v = document.getElementById(k.id.replace(/-key$/, "-value"));
      if (v && visible(k) && Math.abs(k.getBoundingClientRect().top - v.getBoundingClientRect().top) > 2) problems.push(`key/value row ${name(k)} puts the value under the key`);
    }
    // Cards: nothing sticks out (a scrolling card is allowed when it says so).
    for (const el of document.querySelectorAll<HTMLElement>(".card")) {
      if (!visible(el) || el.matches("[data-scrolls]")) continue;
      const overflowing = el.scrollWidth > el.clientWidth + 1;
      const scrolls = ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
      if (overflowing && !scrolls) problems.push(`card “${(el.getAttribute("aria-label") ?? el.querySelector("h2,h3")?.textContent ?? "").trim()}” is ${el.scrollWidth - el.clientWidth}px wider than itself`);
      if (overflowing && scrolls && el.querySelector("[data-testid=plan]")) problems.push(`a plan scrolls sideways in its card (hides the change)`);
    }
    // Table headers: every column has a header cell wide enough to carry the rule.
    for (const table of document.querySelectorAll("table")) {
      if (!visible(table)) continue;
      const row = table.querySelector("thead tr");
      if (!row) continue;
      const cells = [...row.children].map((c) => c.getBoundingClientRect());
      const covered = cells.reduce((sum, r) => sum + r.width, 0);
      const width = table.getBoundingClientRect().width;
      if (covered < width - 2) problems.push(`table “${table.getAttribute("aria-label") ?? table.querySelector("caption")?.textContent ?? ""}”: header cells cover ${Math.round(covered)} of ${Math.round(width)}px`);
    }
    if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push(`the page is ${document.documentElement.scrollWidth - window.innerWidth}px wider than the window`);
    return problems;
  });
}

/** Checks the page at 1280 and 768 px wide (screenshots of both in the test output). */
export async function expectCleanLayout(page: Page, label: string, widths = [1280, 768]) {
  const original = page.viewportSize();
  const found: string[] = [];
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(150); // layout after resize
    await page.screenshot({ path: test.info().outputPath(`layout-${label}-${width}.png`), fullPage: true });
    for (const p of await layoutProblems(page)) found.push(`${width}px: ${p}`);
  }
  if (original) await page.setViewportSize(original);
  expect.soft(found, `layout problems on ${label}`).toEqual([]);
}
