import { Page } from "@playwright/test";
import { test, expect, openHydrated, signIn, uniqueEmail, linkFromMailbox, watchConsole, shareFromCard, registerToAccept, confirmation, manageAccess, escapeRegExp } from "./fixtures";

const demoPassword = "packagento-demo";

/** Opens the confirmation named `name` by keyboard (focus, Enter), checks that it
 * names `consequence`, then tabs to its button `act` and presses Enter. */
async function confirmByKeyboard(page: Page, name: string, consequence: string, act: string) {
  const ask = confirmation(page, name);
  await ask.locator("summary").focus();
  await page.keyboard.press("Enter");
  await expect(ask.locator(".confirm-panel p")).toHaveText(consequence);
  const button = ask.getByRole("button", { name: act });
  for (let i = 0; i < 5 && !(await button.evaluate((element) => element === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(button).toBeFocused();
  await page.keyboard.press("Enter");
}

/** Calls the server function at `path` as the person signed in on `page`, the way
 * a script of their own could, and returns the answer's status and body. */
async function call(page: Page, path: string, form: Record<string, string | number>) {
  const origin = new URL(page.url()).origin;
  const answer = await page.request.post(`/api/${path}`, { form, headers: { Origin: origin } });
  return { status: answer.status(), body: await answer.text() };
}

test("everything that takes access away names its consequence, acts by keyboard, and answers where the person looks", async ({ page }) => {
  await signIn(page, "alice@acme.test", demoPassword);
  await openHydrated(page, "/org");

  // Revoke an invite: the question names what happens; "Keep" changes nothing.
  const ivy = uniqueEmail("revoked-ivy");
  const invite = page.locator("form", { has: page.getByRole("button", { name: "Send invite" }) });
  await invite.getByLabel("Email").fill(ivy);
  await invite.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Invite sent to ${ivy}.` })).toBeInViewport();
  const revoke = confirmation(page, `Revoke the invite of ${ivy}`);
  await revoke.locator("summary").click();
  await expect(revoke.locator(".confirm-panel p")).toHaveText(`The link sent to ${ivy} stops working. You can invite them again later.`);
  await revoke.getByRole("button", { name: "Keep" }).click();
  await expect(revoke.getByRole("button", { name: "Revoke the invite" })).toBeHidden();
  await expect(page.getByRole("row", { name: new RegExp(escapeRegExp(ivy)) })).toContainText("Pending");
  await confirmByKeyboard(page, `Revoke the invite of ${ivy}`, `The link sent to ${ivy} stops working. You can invite them again later.`, "Revoke the invite");
  await expect(page.getByRole("status").filter({ hasText: "Invite revoked: its link no longer works." })).toBeInViewport();
  await expect(page.getByRole("row", { name: new RegExp(escapeRegExp(ivy)) })).toHaveCount(0);

  // Remove member asks in a dialog that names the consequence.
  await page.getByLabel("Search members").fill("0007");
  await expect(page.locator("#member-count")).toHaveText("1 member");
  const name = (await page.locator("table.members tbody tr").first().locator("td").first().innerText()).trim();
  await page.getByRole("button", { name: `Remove ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Remove ${name}?` });
  await expect(dialog).toContainText(`${name} loses access to this workspace at once. Project tokens they minted here stop working, and invites they sent are cancelled.`);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("row", { name: new RegExp(escapeRegExp(name)) })).toBeVisible();

  // A share of Warehouse API, accepted by a newcomer.
  const rita = uniqueEmail("guest-rita");
  await shareFromCard(page, "Warehouse API", rita);
  const context = await page.context().browser()!.newContext();
  const guest = await context.newPage();
  const guestProblems = watchConsole(guest);
  await openHydrated(guest, await linkFromMailbox(guest, rita, "/share?token="));
  await registerToAccept(guest, "Rita Guest", "correct horse battery", "Warehouse API");
  const project = new URL(guest.url()).pathname.split("/")[2];

  // Inside the share dialog, the accepted row's access changes by its dropdown, and
  // the result is said in the dialog, in view.
  await page.getByRole("link", { name: "Warehouse API" }).click();
  const shares = await manageAccess(page, "Warehouse API");
  const row = shares.getByRole("row", { name: new RegExp(escapeRegExp(rita)) });
  await expect(row).toContainText("Active");
  await row.getByLabel(`Project access of ${rita}`).selectOption("developer");
  await expect(shares.getByRole("status").filter({ hasText: `${rita} now has developer access to this project.` })).toBeInViewport();

  // Resend and Cancel of a pending share answer in view, in the dialog.
  const sam = uniqueEmail("pending-sam");
  await shares.getByLabel("Email").fill(sam);
  await shares.getByRole("button", { name: "Share project" }).click();
  await expect(shares.getByRole("status").filter({ hasText: `Shared with ${sam} as viewer` })).toBeInViewport();
  await shares.getByRole("button", { name: `Resend the share to ${sam}` }).click();
  await expect(shares.getByRole("status").filter({ hasText: `A new link was sent to ${sam}` })).toBeInViewport();
  await confirmByKeyboard(page, `Cancel the share with ${sam}`, `The link sent to ${sam} stops working. You can share the project with them again later.`, "Cancel the share");
  await expect(shares.getByRole("status").filter({ hasText: `The share with ${sam} was cancelled.` })).toBeInViewport();
  await shares.getByRole("link", { name: "Close" }).click();

  // The guest, a developer now, reads the project's keys and rotates one, and is
  // not given minting or deactivating: not on the page, and not by the server when
  // asked directly.
  await openHydrated(guest, `/projects/${project}`);
  await guest.getByRole("button", { name: "Rotate Local development" }).click();
  const rotate = guest.getByRole("dialog", { name: 'Rotate "Local development"?' });
  await rotate.getByRole("button", { name: "Rotate key" }).click();
  await expect(guest.getByText('Key "Local development" rotated: the old value no longer works.')).toBeInViewport();
  await expect(guest.locator(".key-value")).toHaveText(/^pkgt_/);
  await expect(guest.getByRole("button", { name: /^Deactivate/ })).toHaveCount(0);
  await expect(guest.getByRole("button", { name: "Mint key" })).toHaveCount(0);
  const keys = await call(guest, "keys/list_keys", { project_id: project });
  expect(keys.status).toBe(200);
  const listed: { id: number; name: string; active: boolean }[] = JSON.parse(keys.body);
  const key = listed.find((row) => row.name === "Local development");
  expect(key?.active, "the guest reads the workspace's key").toBe(true);
  expect((await call(guest, "keys/deactivate_key", { project_id: project, key_id: key!.id })).status).toBe(403);
  expect((await call(guest, "keys/mint_key", { project_id: project, name: "Guest key" })).status).toBe(403);
  const after = JSON.parse((await call(guest, "keys/list_keys", { project_id: project })).body);
  expect(after, "the refused calls changed no key").toEqual(listed);

  // The ✕ on the Members screen, by keyboard: it names the keys' consequence for a
  // developer, and the result is in view.
  await page.getByRole("link", { name: "Members" }).click();
  const outside = page.getByRole("region", { name: "People outside the workspace" });
  await expect(outside.getByRole("row", { name: new RegExp(escapeRegExp(rita)) })).toContainText("Active");
  await confirmByKeyboard(
    page,
    `Revoke the share with ${rita}`,
    `${rita} loses access to this project at once. Access keys they could read keep working until you rotate them.`,
    "Revoke access",
  );
  await expect(page.getByRole("status").filter({ hasText: `${rita} no longer has access.` })).toBeInViewport();
  await expect(outside.getByRole("row", { name: new RegExp(escapeRegExp(rita)) })).toHaveCount(0);

  // Shared again: the guest, with a share, is not greeted by a big "New project"
  // form, and Leave names its consequence and answers in view.
  await shareFromCard(page, "Warehouse API", rita);
  await openHydrated(guest, await linkFromMailbox(guest, rita, "/share?token="));
  await guest.getByRole("button", { name: "Accept share" }).click();
  await expect(guest.getByRole("heading", { level: 1, name: "Warehouse API" })).toBeVisible();
  await openHydrated(guest, "/projects");
  await expect(guest.getByRole("heading", { level: 2, name: "My projects" })).toBeVisible();
  await expect(guest.getByLabel("Project name")).toBeHidden();
  await confirmByKeyboard(guest, "Leave Warehouse API", "You lose access to Warehouse API at once. Only someone at Acme can share it with you again.", "Leave the project");
  await expect(guest.getByRole("status").filter({ hasText: "You left the project." })).toBeInViewport();
  expect(guestProblems).toEqual([]);
  await context.close();
});

test("a developer and an admin are told who buys, and the server refuses them a purchase", async ({ page, browser }) => {
  for (const [person, email] of [["carol", "carol@acme.test"], ["bob", "bob@acme.test"]]) {
    const context = await browser.newContext();
    const member = await context.newPage();
    const problems = watchConsole(member);
    await signIn(member, email, demoPassword);
    await openHydrated(member, "/catalogue");
    await expect(member.getByRole("main")).toContainText("Owners and billing members buy licences");
    await expect(member.locator("details.confirm summary", { hasText: "Buy" })).toHaveCount(0);
    await expect(member.getByLabel("Licence code")).toHaveCount(0);
    const catalogue = JSON.parse((await call(member, "catalogue/get_catalogue", {})).body);
    const line = catalogue.packages.flatMap((p: any) => p.lines.filter((l: any) => l.held_until === null).map((l: any) => ({ package_id: p.id, major: l.major })))[0];
    expect(line, `${person} sees a line nobody holds`).toBeTruthy();
    const bought = await call(member, "catalogue/buy_licence", line);
    expect(bought.status, `${person} buying`).toBe(403);
    const again = JSON.parse((await call(member, "catalogue/get_catalogue", {})).body);
    const same = again.packages.find((p: any) => p.id === line.package_id).lines.find((l: any) => l.major === line.major);
    expect(same.held_until, `${person}'s refused purchase bought nothing`).toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  }
  // The page itself is not the check: alice, the owner, is offered the same line.
  await signIn(page, "alice@acme.test", demoPassword);
  await openHydrated(page, "/catalogue");
  await expect(page.locator("details.confirm summary", { hasText: "Buy" }).first()).toBeVisible();
});
