import { Browser, Page } from "@playwright/test";
import { test, expect, uniqueEmail, linkFromMailbox, registerToAccept, confirmation, confirmAndAct } from "./fixtures";

const demoPassword = "packagento-demo";
const password = "correct horse battery";

/** A page in a browser context with JavaScript turned off. */
async function withoutScripts(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  return context.newPage();
}

async function signInWithoutScripts(page: Page, email: string, secret: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(secret);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/projects$/);
}

test.describe.configure({ timeout: 180_000 });

test("without JavaScript: register, verify, sign in, see a project's install commands, sign out", async ({ browser, page: helper }) => {
  const page = await withoutScripts(browser);
  const email = uniqueEmail("no-js");
  await page.goto("/register");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Display name").fill("Nadia NoScript");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await page.goto(await linkFromMailbox(helper, email, "/verify-email?token="));
  await page.getByRole("button", { name: "Verify email" }).click();
  await expect(page).toHaveURL(/\/sign-in\?verified=1$/);
  // A refused form comes back to its page and says why (not a page of JSON).
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in\?/);
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  await signInWithoutScripts(page, email, password);
  await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();

  await page.locator("summary", { hasText: "Nadia NoScript" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  await signInWithoutScripts(page, "carol@acme.test", demoPassword);
  await page.getByRole("link", { name: "Storefront" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Storefront" })).toBeVisible();
  await expect(page.getByText("composer config").first()).toBeVisible();
});

test("without JavaScript: the owner searches, sorts and pages members, changes a role and a project access", async ({ browser }) => {
  const page = await withoutScripts(browser);
  await signInWithoutScripts(page, "alice@acme.test", demoPassword);
  const storefront = await page.getByRole("link", { name: "Storefront" }).getAttribute("href");
  await page.goto("/org");
  await expect(page.locator("#member-count")).toContainText(/\d+ members/);
  await page.getByRole("navigation", { name: "Member pages" }).getByRole("link", { name: "Next page" }).click();
  await expect(page.getByRole("navigation", { name: "Member pages" })).toContainText("Page 2 of 201");
  await page.getByRole("link", { name: "Email", exact: true }).click();
  await expect(page).toHaveURL(/sort=email/);
  await page.getByLabel("Search members").fill("Erin Evans");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.locator("#member-count")).toHaveText("1 member");
  await expect(page).toHaveURL(/q=Erin\+Evans|q=Erin%20Evans/);

  // Erin holds no keys, so a role change takes nothing else away.
  await page.getByLabel("Role of Erin Evans").selectOption("billing");
  await page.getByRole("button", { name: "Save role for Erin Evans" }).click();
  await expect(page.getByLabel("Role of Erin Evans")).toHaveValue("billing");
  await page.getByLabel("Role of Erin Evans").selectOption("viewer");
  await page.getByRole("button", { name: "Save role for Erin Evans" }).click();
  await expect(page.getByLabel("Role of Erin Evans")).toHaveValue("viewer");
  await expect(page.getByText("changed the role of Erin Evans").first()).toBeVisible();

  await page.goto(`${storefront}/members?q=Erin`);
  await page.getByLabel("Project access of Erin Evans").selectOption("developer");
  await page.getByRole("button", { name: "Save project access for Erin Evans" }).click();
  await expect(page.getByLabel("Project access of Erin Evans")).toHaveValue("developer");
  await page.getByLabel("Project access of Erin Evans").selectOption("");
  await page.getByRole("button", { name: "Save project access for Erin Evans" }).click();
  await expect(page.getByLabel("Project access of Erin Evans")).toHaveValue("");
});

test("without JavaScript: invite, re-issue and revoke; share, resend, cancel; accept a share and leave it", async ({ browser, page: helper }) => {
  const page = await withoutScripts(browser);
  await signInWithoutScripts(page, "alice@acme.test", demoPassword);
  const storefront = await page.getByRole("link", { name: "Storefront" }).getAttribute("href");

  const invitee = uniqueEmail("no-js-invitee");
  await page.goto("/org");
  await page.getByLabel("Email", { exact: true }).fill(invitee);
  await page.getByRole("button", { name: "Send invite" }).click();
  const row = page.getByRole("row", { name: new RegExp(invitee) });
  await expect(row).toContainText("Pending");
  await page.getByRole("button", { name: `Re-issue the invite of ${invitee}` }).click();
  await expect(row).toContainText("Pending");
  await confirmAndAct(page, `Revoke the invite of ${invitee}`, "Revoke the invite");
  await expect(page.getByRole("row", { name: new RegExp(invitee) })).toHaveCount(0);

  const recipient = uniqueEmail("no-js-recipient");
  await page.goto(`${storefront}`);
  await page.getByRole("link", { name: "Share project" }).click();
  await expect(page).toHaveURL(/share=/);
  const dialog = page.getByRole("dialog", { name: "Share Storefront" });
  await dialog.getByLabel("Email").fill(recipient);
  await dialog.getByLabel("Role").selectOption("viewer");
  await dialog.getByRole("button", { name: "Share project" }).click();
  // Back in the open dialog, which lists the new share with its actions.
  await expect(dialog.getByRole("row", { name: new RegExp(recipient) })).toContainText("Pending");
  await dialog.getByRole("button", { name: `Resend the share to ${recipient}` }).click();
  await expect(dialog.getByRole("row", { name: new RegExp(recipient) })).toContainText("Pending");
  await confirmAndAct(page, `Cancel the share with ${recipient}`, "Cancel the share");
  await expect(dialog.getByRole("row", { name: new RegExp(recipient) })).toHaveCount(0);
  await page.goto(`${storefront}`);

  // A second share, accepted without scripts by registering through its link, then left.
  const rita = uniqueEmail("no-js-rita");
  await page.getByRole("link", { name: "Share project" }).click();
  await page.getByRole("dialog", { name: "Share Storefront" }).getByLabel("Email").fill(rita);
  await page.getByRole("dialog", { name: "Share Storefront" }).getByRole("button", { name: "Share project" }).click();
  const link = await linkFromMailbox(helper, rita, "/share?token=");
  const ritaPage = await withoutScripts(browser);
  await ritaPage.goto(link);
  await registerToAccept(ritaPage, "Rita NoScript", password, "Storefront");
  await ritaPage.goto("/projects");
  await confirmAndAct(ritaPage, "Leave Storefront", "Leave the project");
  await expect(confirmation(ritaPage, "Leave Storefront")).toHaveCount(0);
});

test("without JavaScript: a billing member activates a licence code and buys a year of a line", async ({ browser }) => {
  const page = await withoutScripts(browser);
  await signInWithoutScripts(page, "dave@acme.test", demoPassword);
  await page.goto("/catalogue");
  await expect(page.getByRole("note")).toContainText("Test mode.");
  const code = page.getByRole("textbox", { name: "Licence code" });
  await code.fill("PKGT-NOT-A-REAL-CODE-0");
  await page.getByRole("button", { name: "Activate" }).click();
  await expect(page).toHaveURL(/\/catalogue\?/);
  await expect(page.getByText("This licence code is not valid, or was used already.")).toBeVisible();
  await code.fill("pkgt-demo-nwnd-pdf1");
  await page.getByRole("button", { name: "Activate" }).click();
  await expect(page.getByText("This licence code is not valid, or was used already.")).toHaveCount(0);
  const pdf = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "northwind/invoice-pdf" }) });
  await expect(pdf.getByRole("row", { name: /1\.x/ })).toContainText("Until");

  const wishlist = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "brightcart/wishlist" }) });
  const line = wishlist.getByRole("row", { name: /^1\.x/ });
  await line.locator("summary").click();
  await line.getByRole("button", { name: "Buy a year" }).click();
  await expect(page).toHaveURL(/\/catalogue\??$/);
  await expect(wishlist.getByRole("row", { name: /^1\.x/ })).toContainText("Until");
  await expect(wishlist.getByRole("row", { name: /^1\.x/ }).getByRole("button", { name: "Buy a year" })).toHaveCount(0);
});
