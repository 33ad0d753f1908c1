import { Locator, Page } from "@playwright/test";
import { test, expect, openHydrated, signIn, uniqueEmail, shareFromCard, openShareDialog, manageAccess, escapeRegExp, watchConsole } from "./fixtures";

const demoPassword = "packagento-demo";

/** The dates (2026-12-16) anywhere in the main region of `page`, and the addresses
 * in its tables, that the browser broke over two lines. */
async function wrappedWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const date = /\d{4}-\d\d-\d\d/g;
    const dateOrAddress = /\d{4}-\d\d-\d\d|[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
    const walker = document.createTreeWalker(document.querySelector("main")!, NodeFilter.SHOW_TEXT);
    const broken: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(".visually-hidden, [hidden], details:not([open]) > :not(summary)")) continue;
      const words = parent.closest("td") ? dateOrAddress : date;
      for (const match of (node.textContent ?? "").matchAll(words)) {
        const range = document.createRange();
        range.setStart(node, match.index!);
        range.setEnd(node, match.index! + match[0].length);
        const lines = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
    return broken;
  });
}

/** Checks, at 1280 px, that `page` uses the screen: the main region is wider than
 * the old 930 px cap, no date (nor address in a table) wraps, and no button
 * stretches across it. */
async function usesTheScreen(page: Page, what: string) {
  const main = await page.locator("main").boundingBox();
  expect(main!.width, `${what}: the main region's width at 1280 px`).toBeGreaterThan(1100);
  expect(await wrappedWords(page), `${what}: dates and addresses broken over two lines`).toEqual([]);
  const wide = await page.locator("main button:visible, main .button:visible").evaluateAll((buttons) =>
    buttons.filter((button) => button.getBoundingClientRect().width > 600).map((button) => button.outerHTML.slice(0, 80)),
  );
  expect(wide, `${what}: buttons stretched across the page`).toEqual([]);
}

/** Waits until `dialog` is shown and has slid in, so that what is measured in it
 * stays where it is. */
async function settled(dialog: Locator) {
  await expect(dialog).toBeVisible();
  await dialog.evaluate((element) => Promise.all(element.getAnimations().map((animation) => animation.finished)));
}

/** Checks that the buttons of `row` sit side by side, not stacked. */
async function sideBySide(row: Locator, first: Locator, second: Locator) {
  const [a, b] = [await first.boundingBox(), await second.boundingBox()];
  expect(Math.abs(a!.y - b!.y), "the two buttons on one line").toBeLessThan(4);
  expect(b!.x).toBeGreaterThan(a!.x);
  await expect(row).toBeVisible();
}

/** Checks that `page` at 360 px does not scroll sideways, breaks no date over two
 * lines and keeps `control` in view. */
async function fitsAPhone(page: Page, path: string, control: Locator) {
  await openHydrated(page, path);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${path} at 360 px scrolls sideways by`).toBeLessThanOrEqual(0);
  expect((await wrappedWords(page)).filter((word) => !word.includes("@")), `${path}: dates broken over two lines at 360 px`).toEqual([]);
  const box = await control.boundingBox();
  expect(box!.x + box!.width, `${path}: the control's right edge at 360 px`).toBeLessThanOrEqual(360);
}

test("at 1280 px the pages use the screen: nothing wraps, Resend and Cancel share a line, the card's menu closes when its dialog opens", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, "alice@acme.test", demoPassword);
  const email = uniqueEmail("layout");
  await shareFromCard(page, "Storefront", email);

  // Choosing "Share project" with the mouse closes the menu under the dialog.
  const { card, dialog } = await openShareDialog(page, "Storefront");
  await settled(dialog);
  await expect(card.locator("details.menu")).not.toHaveAttribute("open", "");
  await expect(card.getByRole("link", { name: "Share project" })).toBeHidden();
  const row = dialog.getByRole("row", { name: new RegExp(escapeRegExp(email)) });
  await sideBySide(row, row.getByRole("button", { name: `Resend the share to ${email}` }), row.locator("summary", { hasText: "Cancel" }));
  expect(await wrappedWords(page), "the dialog's dates and addresses").toEqual([]);
  await dialog.getByRole("link", { name: "Close" }).click();
  await expect(card.locator("details.menu")).not.toHaveAttribute("open", "");
  // So does "Rename", whose field starts with the project's name.
  await card.getByText("Actions").click();
  await card.getByRole("button", { name: "Rename" }).click();
  const rename = page.getByRole("dialog", { name: "Rename Storefront" });
  await expect(rename.getByLabel("New name")).toHaveValue("Storefront");
  await expect(card.locator("details.menu")).not.toHaveAttribute("open", "");
  await page.keyboard.press("Escape");
  await expect(rename).toBeHidden();
  await usesTheScreen(page, "Projects");

  await page.getByRole("link", { name: "Storefront" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Storefront" })).toBeVisible();
  await usesTheScreen(page, "a project");
  await page.getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Members of Storefront" })).toBeVisible();
  await usesTheScreen(page, "its Members screen");
  const outside = page.getByRole("region", { name: "People outside the workspace" });
  const pending = outside.getByRole("row", { name: new RegExp(escapeRegExp(email)) });
  await sideBySide(pending, pending.getByRole("button", { name: `Resend the share to ${email}` }), pending.locator("summary", { hasText: "Cancel" }));

  await openHydrated(page, "/org");
  await usesTheScreen(page, "Org settings");
  await openHydrated(page, "/catalogue");
  await usesTheScreen(page, "the Catalogue");
  await openHydrated(page, "/activity");
  await usesTheScreen(page, "Your activity");
});

test("at 360 px a person in two workspaces gets pages that fit, with the switcher and each list's essentials in view", async ({ page, browser }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await signIn(page, "carol@acme.test", demoPassword);
  const switcher = page.getByLabel("Workspace");
  await fitsAPhone(page, "/projects", switcher);
  // The top bar's page links share one line (they were a column beside the brand),
  // and the bar leaves the screen to the page.
  const tops = await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link")
    .evaluateAll((links) => links.map((link) => Math.round(link.getBoundingClientRect().top)));
  expect(tops.length).toBe(3);
  expect(new Set(tops).size, "the top bar's page links on one line").toBe(1);
  const bar = await page.locator(".top-bar").boundingBox();
  expect(bar!.height, "the top bar's height at 360 px").toBeLessThan(130);
  await page.getByRole("link", { name: "Storefront" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Storefront" })).toBeVisible();
  const project = new URL(page.url()).pathname;
  await fitsAPhone(page, project, page.getByRole("button", { name: "Mint key" }));
  // Each member list keeps the person and their access (the last column shown) in view.
  const lastShown = page.locator("table.members tbody tr").first().locator("td:visible").last();
  await fitsAPhone(page, `${project}/members`, lastShown);
  await expect(lastShown).toHaveText(/Full access|Developer|Viewer|None/);
  const role = page.locator("table.members tbody tr").first().locator("td:visible", { hasText: /^(Owner|Admin|Developer|Billing|Viewer)/ });
  await fitsAPhone(page, "/org", role);
  await fitsAPhone(page, "/catalogue", switcher);
  await fitsAPhone(page, "/activity", switcher);

  // A share dialog opened at 360 px fits too.
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const alice = await context.newPage();
  const problems = watchConsole(alice);
  await signIn(alice, "alice@acme.test", demoPassword);
  await shareFromCard(alice, "Storefront", uniqueEmail("phone"));
  await alice.getByRole("link", { name: "Storefront" }).click();
  const dialog = await manageAccess(alice, "Storefront");
  await settled(dialog);
  const box = await dialog.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(360);
  expect(problems).toEqual([]);
  await context.close();
});
