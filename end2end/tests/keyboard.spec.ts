import { Locator, Page, Browser } from "@playwright/test";
import { test, expect, openHydrated, uniqueEmail, linkFromMailbox, watchConsole, confirmation } from "./fixtures";

const demoPassword = "packagento-demo";

/** Whether the focused element of `page` is `target`. */
async function focused(page: Page, target: Locator): Promise<boolean> {
  return target.evaluate((element) => element === document.activeElement);
}

/**
 * Presses Tab until `target` has focus, checking on the way that every control
 * focused shows a visible focus indicator and comes after the one before in the
 * page's order (no positive tabindex reorders it). Focus may wrap from the end of the
 * page back to its start once.
 */
async function tabTo(page: Page, target: Locator, limit = 150) {
  await target.waitFor();
  await page.evaluate(() => ((window as any).previousFocus = document.activeElement));
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const step = await page.evaluate(() => {
      const active = document.activeElement as HTMLElement;
      const previous = (window as any).previousFocus as Element | null;
      (window as any).previousFocus = active;
      if (active === document.body) return null; // past the end of the page
      const style = getComputedStyle(active);
      const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
      const inOrder =
        !previous ||
        previous === document.body ||
        (previous.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0 ||
        active.closest("dialog") !== null;
      return { name: active.outerHTML.slice(0, 100), indicator: outline || style.boxShadow !== "none", inOrder };
    });
    if (step === null) continue;
    expect.soft(step.indicator, `a visible focus indicator on ${step.name}`).toBe(true);
    expect.soft(step.inOrder, `tab order follows the page at ${step.name}`).toBe(true);
    if (await focused(page, target)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

/** Tabs to `target` and presses Enter on it. */
async function activate(page: Page, target: Locator) {
  await tabTo(page, target);
  await page.keyboard.press("Enter");
}

/** Tabs to a field and types into it. */
async function type(page: Page, field: Locator, text: string) {
  await tabTo(page, field);
  await page.keyboard.type(text);
}

/**
 * Checks that focus is inside `dialog` and stays inside through a full round of Tab
 * and of Shift+Tab.
 */
async function expectFocusTrapped(page: Page, dialog: Locator) {
  const inside = () => dialog.evaluate((element) => element.contains(document.activeElement));
  await expect.poll(inside).toBe(true);
  const controls = await dialog.locator("button, a[href], input:not([type=hidden]), select, textarea, summary").count();
  for (const key of ["Tab", "Shift+Tab"]) {
    for (let i = 0; i <= controls + 1; i++) {
      await page.keyboard.press(key);
      expect(await inside(), `focus inside the dialog after ${key} ×${i + 1}`).toBe(true);
    }
  }
}

/** With focus on `select`, presses the arrow keys until the option `label` is chosen. */
async function chooseByArrows(page: Page, select: Locator, label: string) {
  const chosen = () => select.evaluate((element: HTMLSelectElement) => element.selectedOptions[0]?.text ?? "");
  for (const key of ["ArrowDown", "ArrowUp"]) {
    for (let i = 0; i < 5 && (await chosen()) !== label; i++) await page.keyboard.press(key);
  }
  expect(await chosen()).toBe(label);
}

/** Shares `project` with `email` from its card's menu, by keyboard alone. */
async function shareByKeyboard(page: Page, project: string, email: string) {
  await openHydrated(page, "/projects");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: project }) });
  await activate(page, card.locator("summary"));
  await activate(page, card.getByRole("link", { name: "Share project" }));
  const dialog = page.getByRole("dialog", { name: `Share ${project}` });
  await type(page, dialog.getByLabel("Email"), email);
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("status").filter({ hasText: `Shared with ${email} as viewer` })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
}

/** Opens the share dialog from the project page's "Shared with" section. */
async function manageByKeyboard(page: Page, project: string): Promise<Locator> {
  await activate(page, page.getByRole("link", { name: "Manage who has access" }));
  const dialog = page.getByRole("dialog", { name: `Share ${project}` });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Signs in with the keyboard alone. */
async function signInByKeyboard(page: Page, email: string, password: string) {
  await openHydrated(page, "/sign-in");
  await type(page, page.getByLabel("Email"), email);
  await type(page, page.getByLabel("Password"), password);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
}

/** A second window, watched for console problems. */
async function window(browser: Browser): Promise<{ page: Page; problems: string[] }> {
  const page = await (await browser.newContext()).newPage();
  return { page, problems: watchConsole(page) };
}

test("an owner signs in, invites, changes a role with the arrow keys and removes a member, by keyboard alone", async ({ page }) => {
  await signInByKeyboard(page, "alice@acme.test", demoPassword);
  await openHydrated(page, "/org");

  const invitee = uniqueEmail("keyboard-ivy");
  await type(page, page.getByLabel("Email"), invitee);
  await tabTo(page, page.getByLabel("Role", { exact: true }));
  await page.keyboard.press("ArrowDown");
  await expect(page.getByLabel("Role", { exact: true })).toHaveValue("billing");
  await activate(page, page.getByRole("button", { name: "Send invite" }));
  await expect(page.getByRole("status").filter({ hasText: `Invite sent to ${invitee}.` })).toBeVisible();

  // The member search announces its count; the dropdown changes with an arrow key.
  await type(page, page.getByLabel("Search members"), "0042");
  await expect(page.locator("#member-count")).toHaveText("1 member");
  const row = page.locator("table.members tbody tr").first();
  const name = (await row.locator("td").first().innerText()).trim();
  const role = page.getByLabel(`Role of ${name}`);
  const before = await role.inputValue();
  await tabTo(page, role);
  await page.keyboard.press(before === "viewer" ? "ArrowUp" : "ArrowDown");
  await expect(role).not.toHaveValue(before);
  await expect(page.getByRole("status").filter({ hasText: `${name} is now` })).toBeVisible();

  // The confirmation traps focus, closes on Escape and gives focus back.
  const remove = page.getByRole("button", { name: `Remove ${name}` });
  await activate(page, remove);
  const dialog = page.getByRole("dialog", { name: `Remove ${name}?` });
  await expect(dialog).toBeVisible();
  await expectFocusTrapped(page, dialog);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect.poll(() => focused(page, remove)).toBe(true);
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await activate(page, dialog.getByRole("button", { name: `Remove ${name}` }));
  await expect(page.getByRole("status").filter({ hasText: `${name} was removed.` })).toBeVisible();
});

test("a member switches workspace by keyboard alone", async ({ page }) => {
  await signInByKeyboard(page, "carol@acme.test", demoPassword);
  const switcher = page.getByLabel("Workspace");
  await tabTo(page, switcher);
  await chooseByArrows(page, switcher, "Globex");
  await activate(page, page.getByRole("button", { name: "Switch" }));
  await expect(page.getByRole("link", { name: "Globex Portal" })).toBeVisible();
  // Back, so the other tests find carol in Acme.
  await tabTo(page, switcher);
  await chooseByArrows(page, switcher, "Acme");
  await activate(page, page.getByRole("button", { name: "Switch" }));
  await expect(page.getByRole("link", { name: "Storefront" })).toBeVisible();
});

test("an owner shares, resends, cancels and revokes; the recipient accepts and leaves, by keyboard alone", async ({ page, browser }) => {
  const rita = uniqueEmail("keyboard-rita");
  await signInByKeyboard(page, "alice@acme.test", demoPassword);

  // Share from the card's menu: the menu closes, focus enters the dialog and comes
  // back to the menu's button.
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Marketing site" }) });
  const menu = card.locator("summary");
  await activate(page, menu);
  const share = card.getByRole("link", { name: "Share project" });
  await activate(page, share);
  const dialog = page.getByRole("dialog", { name: "Share Marketing site" });
  await expect(dialog).toBeVisible();
  await expect(share).toBeHidden();
  await expectFocusTrapped(page, dialog);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect.poll(() => focused(page, menu)).toBe(true);
  await shareByKeyboard(page, "Marketing site", rita);

  // Resend, then cancel, in the dialog opened from the project page.
  await activate(page, page.getByRole("link", { name: "Marketing site" }));
  await expect(page.getByRole("heading", { level: 1, name: "Marketing site" })).toBeVisible();
  const manage = await manageByKeyboard(page, "Marketing site");
  await activate(page, manage.getByRole("button", { name: `Resend the share to ${rita}` }));
  await expect(manage.getByRole("status").filter({ hasText: `A new link was sent to ${rita}` })).toBeVisible();
  // Cancel asks first; Escape closes the question (not the dialog) and focus goes
  // back to the button.
  const cancel = confirmation(page, `Cancel the share with ${rita}`);
  await activate(page, cancel.locator("summary"));
  await expect(cancel).toContainText(`The link sent to ${rita} stops working.`);
  await page.keyboard.press("Escape");
  await expect(cancel.getByRole("button", { name: "Cancel the share" })).toBeHidden();
  await expect(manage).toBeVisible();
  await expect.poll(() => focused(page, cancel.locator("summary"))).toBe(true);
  await page.keyboard.press("Enter");
  await activate(page, cancel.getByRole("button", { name: "Cancel the share" }));
  await expect(manage.getByRole("status").filter({ hasText: `The share with ${rita} was cancelled.` })).toBeVisible();
  await expect(manage).toContainText("Nobody outside the workspace has access.");

  // A new share, accepted by the recipient with the keyboard.
  await shareByKeyboard(page, "Marketing site", rita);
  const { page: recipient, problems } = await window(browser);
  await openHydrated(recipient, await linkFromMailbox(recipient, rita, "/share?token="));
  await type(recipient, recipient.getByLabel("Display name"), "Rita Keys");
  await type(recipient, recipient.getByLabel("Password"), "correct horse battery");
  await recipient.keyboard.press("Enter");
  await expect(recipient.getByRole("heading", { level: 1, name: "Marketing site" })).toBeVisible();

  // alice revokes by keyboard.
  await openHydrated(page, "/projects");
  await activate(page, page.getByRole("link", { name: "Marketing site" }));
  await manageByKeyboard(page, "Marketing site");
  const revoke = confirmation(page, `Revoke the share with ${rita}`);
  await activate(page, revoke.locator("summary"));
  await activate(page, revoke.getByRole("button", { name: "Revoke access" }));
  await expect(page.getByRole("status").filter({ hasText: `${rita} no longer has access.` })).toBeVisible();
  await page.keyboard.press("Escape");

  // Shared again; the recipient, signed in, accepts and then leaves by keyboard.
  await shareByKeyboard(page, "Marketing site", rita);
  await openHydrated(recipient, await linkFromMailbox(recipient, rita, "/share?token="));
  await activate(recipient, recipient.getByRole("button", { name: "Accept share" }));
  await expect(recipient.getByRole("heading", { level: 1, name: "Marketing site" })).toBeVisible();
  await openHydrated(recipient, "/projects");
  const leave = confirmation(recipient, "Leave Marketing site");
  await activate(recipient, leave.locator("summary"));
  await activate(recipient, leave.getByRole("button", { name: "Leave the project" }));
  await expect(recipient.getByRole("status").filter({ hasText: "You left the project." })).toBeVisible();
  expect(problems).toEqual([]);
});

test("a billing member buys a year of a line from the Catalogue by keyboard alone", async ({ page }) => {
  await signInByKeyboard(page, "dave@acme.test", demoPassword);
  await openHydrated(page, "/catalogue");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "ironledger/fraud-guard" }) });
  const line = card.getByRole("row", { name: /^2\.x/ });
  await activate(page, line.locator("summary"));
  await expect(line).toContainText("Buys a year of ironledger/fraud-guard 2.x for 1,290.00 EUR");
  // Escape closes the question and gives focus back; Enter opens it again.
  await page.keyboard.press("Escape");
  await expect(line.getByRole("button", { name: "Buy a year" })).toBeHidden();
  await expect.poll(() => focused(page, line.locator("summary"))).toBe(true);
  await page.keyboard.press("Enter");
  await activate(page, line.getByRole("button", { name: "Buy a year" }));
  await expect(page.getByRole("status").filter({ hasText: "Bought ironledger/fraud-guard 2.x until" })).toBeVisible();
  await expect(card.getByRole("row", { name: /^2\.x/ })).toContainText("Until");
});
