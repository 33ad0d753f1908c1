import { request, Page, Browser } from "@playwright/test";
import { test, expect, openHydrated, uniqueEmail, linkFromMailbox, registerThroughForm, shareFromCard, signIn, watchConsole, registerToAccept, confirmAndAct, manageAccess } from "./fixtures";

const password = "correct horse battery";

/**
 * Opens `link` the way a mail scanner does: no cookie, following redirects, twice.
 * Returns the text of the page it ends on.
 */
async function scan(link: string): Promise<string> {
  const scanner = await request.newContext();
  let body = "";
  for (let i = 0; i < 2; i++) {
    const response = await scanner.get(link, { maxRedirects: 10 });
    expect(response.status(), `a scanner opening ${link}`).toBe(200);
    // What a reader of the page would see: the text without the markup.
    body = (await response.text()).replace(/<[^>]*>/g, "");
  }
  await scanner.dispose();
  return body;
}

/** A fresh browser window with its own cookies, watched for console problems. */
async function newcomer(browser: Browser): Promise<{ page: Page; problems: string[] }> {
  const page = await (await browser.newContext()).newPage();
  return { page, problems: watchConsole(page) };
}

test("a mail scanner opening every kind of emailed link burns none of them; each flow then completes in the browser", async ({ page, browser }) => {
  // Verification: scanned, then used; the person lands on a URL without the token.
  const nora = uniqueEmail("scanned-nora");
  await registerThroughForm(page, nora, "Nora Scanned", password);
  const verify = await linkFromMailbox(page, nora, "/verify-email?token=");
  expect(await scan(verify)).toContain(`Confirm that ${nora} is your email address.`);
  await openHydrated(page, verify);
  await page.getByRole("button", { name: "Verify email" }).click();
  await expect(page).toHaveURL(/\/sign-in\?verified=1$/);

  // "Someone tried to register with your address": its link is the sign-in page.
  await registerThroughForm(page, "erin@acme.test", "Not Erin", password);
  const signInLink = await linkFromMailbox(page, "erin@acme.test", "/sign-in");
  expect(await scan(signInLink)).toContain("Sign in");
  await signIn(page, nora, password);

  // An invite and a share from alice, both still Pending after the scanner.
  const { page: alice, problems: aliceProblems } = await newcomer(browser);
  await signIn(alice, "alice@acme.test", "packagento-demo");
  const ivy = uniqueEmail("scanned-ivy");
  await openHydrated(alice, "/org");
  await alice.getByLabel("Email").fill(ivy);
  await alice.getByRole("button", { name: "Send invite" }).click();
  await expect(alice.getByText(`Invite sent to ${ivy}.`)).toBeVisible();
  const invite = await linkFromMailbox(page, ivy, "/invite?token=");
  expect(await scan(invite)).toContain("You are invited to join Acme as a developer.");

  const rita = uniqueEmail("scanned-rita");
  await shareFromCard(alice, "Marketing site", rita);
  const share = await linkFromMailbox(page, rita, "/share?token=");
  // The share page describes the link once the browser has loaded it.
  expect(await scan(share)).toContain("A project shared with you");

  await openHydrated(alice, "/org");
  await expect(alice.getByRole("row", { name: new RegExp(ivy) })).toContainText("Pending");

  // The invitee and the recipient then use their links in a browser.
  const { page: ivyPage, problems: ivyProblems } = await newcomer(browser);
  await openHydrated(ivyPage, invite);
  await ivyPage.getByLabel("Display name").fill("Ivy Scanned");
  await ivyPage.getByLabel("Password").fill(password);
  await ivyPage.getByRole("button", { name: "Create account and join" }).click();
  await expect(ivyPage).toHaveURL(/\/projects$/);
  await expect(ivyPage.getByText("The projects of Acme")).toBeVisible();

  const { page: ritaPage, problems: ritaProblems } = await newcomer(browser);
  await openHydrated(ritaPage, share);
  await registerToAccept(ritaPage, "Rita Scanned", password, "Marketing site");
  await expect(ritaPage).not.toHaveURL(/token=/);

  // The revoke notice links to Projects, which the scanner may open too.
  await openHydrated(alice, "/projects");
  await alice.getByRole("link", { name: "Marketing site" }).click();
  await manageAccess(alice, "Marketing site");
  await confirmAndAct(alice, `Revoke the share with ${rita}`, "Revoke access");
  await expect(alice.getByText(`${rita} no longer has access.`)).toBeVisible();
  const projects = await linkFromMailbox(page, rita, "/projects");
  expect(await scan(projects)).toContain("Sign in");
  await openHydrated(ritaPage, projects);
  await expect(ritaPage.getByText("No project is shared with you.")).toBeVisible();

  expect([...aliceProblems, ...ivyProblems, ...ritaProblems]).toEqual([]);
});
