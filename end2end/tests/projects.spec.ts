import { test, expect, openHydrated, signIn, watchConsole, uniqueEmail, linkFromMailbox, newcomer, shareFromCard, openShareDialog, registerToAccept, confirmation, confirmAndAct, manageAccess, escapeRegExp } from "./fixtures";

const demoPassword = "packagento-demo";

test("alice creates a project and attaches a licence; carol mints a key and copies the install commands; erin sees a placeholder", async ({ page, browser }) => {
  const project = `Checkout revamp ${Date.now()}`;
  await signIn(page, "alice@acme.test", demoPassword);
  await openHydrated(page, "/projects");
  await expect(page.getByRole("heading", { name: "Storefront" })).toBeVisible();
  // An organisation's page has one section; its form waits behind "New project".
  await expect(page.getByRole("heading", { level: 2, name: "Organization projects" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Shared with me" })).toHaveCount(0);
  await expect(page.getByLabel("Project name")).toBeHidden();
  await page.locator("summary", { hasText: "New project" }).click();
  await page.getByLabel("Project name").fill(project);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByText(`Project ${project} created.`)).toBeVisible();
  await page.getByRole("link", { name: project }).click();
  await expect(page.getByRole("heading", { level: 1, name: project })).toBeVisible();
  await expect(page.getByText("No licences are attached to this project yet.")).toBeVisible();
  await page.getByLabel("Search licences").fill("payment");
  await expect(page.locator("#attach-count")).toHaveText("1 licence to attach.");
  await expect(page).toHaveURL(/[?&]licence=payment/);
  const licence = await page.locator("#attach-licence option", { hasText: "northwind/payment-gateway 2.x" }).getAttribute("value");
  await page.getByLabel("Licence to attach").selectOption(licence ?? "");
  await page.getByRole("button", { name: "Attach licence" }).click();
  await expect(page.getByText("Licence attached.")).toBeVisible();
  await expect(page.getByRole("row", { name: /northwind\/payment-gateway/ })).toContainText("2.4.0 (2.x)");
  await expect(page.getByText("attached the licence of northwind/payment-gateway")).toBeVisible();
  const url = page.url();

  // carol, a developer, mints a key; the install commands then carry it.
  const carolContext = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const carol = await carolContext.newPage();
  const carolProblems = watchConsole(carol);
  await signIn(carol, "carol@acme.test", demoPassword);
  await openHydrated(carol, new URL(url).pathname);
  await expect(carol.getByText("your access: developer")).toBeVisible();
  await carol.getByLabel("New key name").fill("CI pipeline");
  await carol.getByLabel("Expires").selectOption("90 days");
  await carol.getByRole("button", { name: "Mint key" }).click();
  await expect(carol.getByText('Key "CI pipeline" minted.')).toBeVisible();
  const value = (await carol.locator(".key-value").textContent()) ?? "";
  expect(value).toMatch(/^pkgt_[A-Za-z0-9_-]{43}[A-Za-z0-9]{6}$/);
  const snippet = carol.locator(".snippet", { hasText: "northwind/payment-gateway" });
  await expect(snippet.locator("code")).toContainText(`token ${value}`);
  await snippet.getByRole("button", { name: "Copy the install commands for northwind/payment-gateway" }).click();
  await expect(carol.getByText("Copied to the clipboard.")).toBeVisible();
  const copied = await carol.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`composer config --auth http-basic.${new URL(url).host} token ${value}`);
  expect(copied).toContain('composer require "northwind/payment-gateway:^2.0"');
  await expect(carol.getByRole("row", { name: /CI pipeline/ })).toContainText("Carol Chen");
  const in90Days = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
  await expect(carol.getByRole("row", { name: /CI pipeline/ }), "the list shows when it ends").toContainText(in90Days);
  expect(carolProblems).toEqual([]);
  await carolContext.close();

  // erin, a viewer, sees the commands with a placeholder and no key anywhere.
  const erinContext = await browser.newContext();
  const erin = await erinContext.newPage();
  const erinProblems = watchConsole(erin);
  await signIn(erin, "erin@acme.test", demoPassword);
  await openHydrated(erin, new URL(url).pathname);
  await expect(erin.getByText("your access: viewer")).toBeVisible();
  const erinSnippet = erin.locator(".snippet", { hasText: "northwind/payment-gateway" });
  await expect(erinSnippet.locator("code")).toContainText("token YOUR_ACCESS_KEY");
  await expect(erin.getByText("This project has 1 active access key.")).toBeVisible();
  await expect(erin.getByRole("button", { name: "Mint key" })).toHaveCount(0);
  await expect(erin.getByRole("button", { name: /Show the value/ })).toHaveCount(0);
  expect(await erin.content()).not.toContain(value);
  expect(erinProblems).toEqual([]);
  await erinContext.close();
});

test("a developer rotates a key after confirming, and the old value is gone", async ({ page }) => {
  await signIn(page, "carol@acme.test", demoPassword);
  await openHydrated(page, "/projects");
  await page.getByRole("link", { name: "Warehouse API" }).click();
  await page.getByRole("button", { name: "Show the value of Local development" }).click();
  const before = (await page.locator(".key-value").textContent()) ?? "";
  expect(before).toMatch(/^pkgt_/);
  await page.getByRole("button", { name: "Rotate Local development" }).click();
  const dialog = page.getByRole("dialog", { name: 'Rotate "Local development"?' });
  await expect(dialog).toContainText("the old value stops working at once");
  await dialog.getByRole("button", { name: "Rotate key" }).click();
  await expect(page.getByText('Key "Local development" rotated: the old value no longer works.')).toBeVisible();
  await expect(page.locator(".key-value")).not.toHaveText(before);
  await expect(page.locator(".key-value")).toHaveText(/^pkgt_/);
});

test("the owner sees invoices and requests a refund; an admin sees no billing at all", async ({ page, browser }) => {
  await signIn(page, "alice@acme.test", demoPassword);
  await openHydrated(page, "/org");
  const billing = page.getByRole("region", { name: "Billing" });
  await expect(billing.getByRole("row", { name: /INV-7Q4-2291/ })).toContainText("4,817.23 EUR");
  await billing.getByRole("button", { name: "Request refund of invoice INV-7Q4-4406" }).click();
  const dialog = page.getByRole("dialog", { name: "Request a refund of invoice INV-7Q4-4406" });
  await dialog.getByLabel("Reason").fill("   ");
  await dialog.getByRole("button", { name: "Request refund" }).click();
  await expect(dialog.getByText("Tell us why you are asking for a refund.")).toBeVisible();
  await dialog.getByLabel("Reason").fill("The project was cancelled.");
  await dialog.getByRole("button", { name: "Request refund" }).click();
  await expect(page.getByText("Refund requested.")).toBeVisible();
  await expect(billing.getByRole("row", { name: /INV-7Q4-4406/ })).toContainText("Refund requested");

  const bobContext = await browser.newContext();
  const bob = await bobContext.newPage();
  const bobProblems = watchConsole(bob);
  await signIn(bob, "bob@acme.test", demoPassword);
  await openHydrated(bob, "/org");
  await expect(bob.getByText("Acme · you are an admin")).toBeVisible();
  await expect(bob.getByRole("heading", { name: "Billing" })).toHaveCount(0);
  expect(await bob.content()).not.toContain("INV-7Q4");
  expect(bobProblems).toEqual([]);
  await bobContext.close();
});

test("an owner gives a viewer developer access on one project from its Members screen", async ({ page }) => {
  await signIn(page, "alice@acme.test", demoPassword);
  await openHydrated(page, "/projects");
  await page.getByRole("link", { name: "Marketing site" }).click();
  await page.getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Members of Marketing site" })).toBeVisible();
  await page.getByLabel("Search members").fill("Erin");
  await expect(page.locator("#project-member-count")).toHaveText("1 member");
  const row = page.getByRole("row", { name: /Erin Evans/ });
  await expect(row).toContainText("Viewer (viewer)");
  await row.getByLabel("Project access of Erin Evans").selectOption("developer");
  await expect(page.getByText("Erin Evans now has developer access to this project.")).toBeVisible();
  const why = row.locator("td").nth(4).locator("details.why");
  await expect(why.locator("summary")).toHaveText(/^Developer/);
  // "Why this access?" comes from the function that decides it.
  await why.locator("summary").click();
  await expect(why).toContainText(/Developer, from a project grant by Alice Anders on \d{4}-\d{2}-\d{2}; the workspace role viewer gives Viewer\./);

  await page.getByLabel("Search members").fill("Bob");
  await expect(page.getByRole("row", { name: /Bob Brandt/ })).toContainText("Full access as admin");
  await expect(page.getByLabel("Project access of Bob Brandt")).toHaveCount(0);
});

test("alice shares a project with an outside address; the recipient registers from the link, gains a key when made a developer, loses access on revoke, and leaves a second share", async ({ page, browser }) => {
  const email = uniqueEmail("rita");
  await signIn(page, "alice@acme.test", demoPassword);
  const { card, dialog } = await openShareDialog(page, "Storefront");
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption("viewer");
  await dialog.getByRole("button", { name: "Share project" }).click();
  // The dialog stays open: the result and the new Pending row show in it, the address
  // is cleared for the next one.
  await expect(dialog.getByText(`Shared with ${email} as viewer`)).toBeVisible();
  await expect(dialog.getByRole("row", { name: new RegExp(email) })).toContainText("Pending");
  await expect(dialog.getByRole("button", { name: `Resend the share to ${email}` })).toBeVisible();
  await expect(dialog.getByLabel("Email")).toHaveValue("");
  await dialog.getByRole("link", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
  // The card names who it is shared with, and opens the dialog on that list.
  const sharedWith = card.getByRole("link", { name: new RegExp(`Shared with .*${email}`) });
  await expect(sharedWith).toBeVisible();
  await sharedWith.click();
  await expect(dialog.getByRole("row", { name: new RegExp(email) })).toBeVisible();
  await dialog.getByRole("link", { name: "Close" }).click();

  // The recipient registers from the emailed link and lands on the project.
  const context = await browser.newContext();
  const rita = await context.newPage();
  const ritaProblems = watchConsole(rita);
  await openHydrated(rita, await linkFromMailbox(rita, email, "/share?token="));
  await expect(rita.getByText("Acme shared the project Storefront with you as viewer.")).toBeVisible();
  await registerToAccept(rita, "Rita Recipient", "correct horse battery", "Storefront");
  await expect(rita).not.toHaveURL(/token=/);
  // She sees whose project it is: Acme's, not her own new workspace's.
  await expect(rita).toHaveTitle(/Storefront · Acme/);
  await expect(rita.getByRole("main").locator(".subtitle").first()).toContainText("Acme");
  await expect(rita.getByRole("main").getByText("Rita Recipient's workspace")).toHaveCount(0);
  await expect(rita.locator(".snippet").first().locator("code")).toContainText("token YOUR_ACCESS_KEY");
  await expect(rita.getByRole("button", { name: /Show the value/ })).toHaveCount(0);
  await expect(rita.getByRole("link", { name: "Members" })).toHaveCount(0);
  await openHydrated(rita, "/projects");
  const shared = rita.getByRole("region", { name: "Shared with me" });
  await expect(shared.getByRole("link", { name: "Storefront" })).toBeVisible();
  await expect(shared).toContainText("Shared by Alice Anders of Acme");

  // alice makes her a developer inline on the Members screen; she can read a key.
  await page.getByRole("link", { name: "Storefront" }).click();
  await page.getByRole("link", { name: "Members" }).click();
  const recipients = page.getByRole("region", { name: "People outside the workspace" });
  await expect(recipients.getByRole("row", { name: new RegExp(email) })).toContainText("Active");
  await recipients.getByLabel(`Project access of ${email}`).selectOption("developer");
  await expect(page.getByText(`${email} now has developer access to this project.`)).toBeVisible();
  await openHydrated(rita, "/projects");
  await shared.getByRole("link", { name: "Storefront" }).click();
  await expect(rita.getByText("Show an access key below and the commands use it")).toBeVisible();
  await rita.getByRole("button", { name: "Show the value of CI" }).click();
  await expect(rita.locator(".key-value")).toHaveText(/^pkgt_/);
  await expect(rita.getByText("Carol Chen")).toHaveCount(0);
  // A guest reads and rotates the workspace's keys; minting and ending them is the members'.
  await expect(rita.getByRole("button", { name: "Rotate CI" })).toBeVisible();
  await expect(rita.getByRole("button", { name: /^Deactivate/ })).toHaveCount(0);
  await expect(rita.getByRole("button", { name: "Mint key" })).toHaveCount(0);

  // alice revokes; the recipient's next page load shows no access.
  await page.getByRole("link", { name: "Storefront" }).click();
  await expect(page.getByRole("region", { name: "Shared with" })).toContainText(`Rita Recipient (${email}) · Developer`);
  const shares = await manageAccess(page, "Storefront");
  // Revoking asks first, naming the consequence; the first click changes nothing.
  const ask = confirmation(page, `Revoke the share with ${email}`);
  await ask.locator("summary").click();
  await expect(ask).toContainText(`${email} loses access to this project at once. Access keys they could read keep working until you rotate them.`);
  await ask.getByRole("button", { name: "Keep" }).click();
  await expect(ask.getByRole("button", { name: "Revoke access" })).toBeHidden();
  await expect(shares.getByRole("row", { name: new RegExp(email) })).toContainText("Active");
  await confirmAndAct(page, `Revoke the share with ${email}`, "Revoke access");
  // The result shows in view, where the list was.
  const notice = page.getByRole("status").filter({ hasText: `${email} no longer has access. They could read these keys` });
  await expect(notice).toBeInViewport();
  // Her tab, still open with a key shown, learns it at her next action: she is taken
  // to Projects and told why, and nothing of the project stays on screen.
  await expect(rita.locator(".key-value")).toHaveText(/^pkgt_/);
  await rita.getByRole("button", { name: "Show the value of Production deploy" }).click();
  await expect(rita).toHaveURL(/\/projects$/);
  await expect(rita.getByRole("status").filter({ hasText: /Your access to Storefront ended on \d{4}-\d{2}-\d{2}: the share with you was revoked\./ })).toBeVisible();
  await expect(rita.locator(".key-value")).toHaveCount(0);
  await expect(rita.getByText("your access: developer")).toHaveCount(0);
  // Opening the project again says the same, not "not found".
  await rita.goBack();
  await expect(rita.getByRole("heading", { level: 1, name: "Your access ended" })).toBeVisible();
  await expect(rita.getByText("Your access to Storefront ended on")).toBeVisible();

  // A second share, which the recipient leaves.
  await shareFromCard(page, "Warehouse API", email);
  await openHydrated(rita, await linkFromMailbox(rita, email, "/share?token="));
  await rita.getByRole("button", { name: "Accept share" }).click();
  await expect(rita.getByRole("heading", { level: 1, name: "Warehouse API" })).toBeVisible();
  await openHydrated(rita, "/projects");
  await confirmAndAct(rita, "Leave Warehouse API", "Leave the project");
  await expect(rita.getByText("You left the project.")).toBeVisible();
  await expect(rita.getByText("You left the project; no other project is shared with you.")).toBeVisible();

  // Both feeds show it all, each from its own side.
  await openHydrated(rita, "/activity");
  for (const line of ["left the project", "ended your access to the project", "changed your role on the project", "accepted the share of the project", "shared with you the project"]) {
    await expect(rita.getByText(line).first()).toBeVisible();
  }
  await openHydrated(page, "/org");
  for (const line of ["left the project, shared with", "revoked the share of", "changed the share role of", "accepted the share sent to", "shared the project with"]) {
    await expect(page.locator(".activity").getByText(line).first()).toBeVisible();
  }
  expect(ritaProblems).toEqual([]);
  await context.close();
});

test("the share dialog lists who has the project; a long list gets search and sort on top, all inside the dialog", async ({ page }) => {
  await signIn(page, "frank@globex.test", demoPassword);
  const { card, dialog } = await openShareDialog(page, "Globex Portal");
  const count = dialog.locator("#dialog-collaborator-count");
  const search = dialog.getByLabel("Search people outside the workspace");
  const emails = Array.from({ length: 11 }, (_, i) => uniqueEmail(`long-${String(i).padStart(2, "0")}`));
  for (const [i, email] of emails.entries()) {
    await dialog.getByLabel("Email").fill(email);
    await dialog.getByRole("button", { name: "Share project" }).click();
    await expect(dialog.getByRole("row", { name: new RegExp(escapeRegExp(email)) })).toContainText("Pending");
    await expect(count).toHaveText(i === 0 ? "1 person outside the workspace" : `${i + 1} people outside the workspace`);
    // Short lists have no search box; past ten people it appears on top.
    await expect(search).toHaveCount(i < 10 ? 0 : 1);
  }

  // Searching narrows the list and keeps the dialog open.
  await search.fill(emails[3]);
  await expect(count).toHaveText("1 person outside the workspace");
  await expect(dialog.getByRole("row")).toHaveCount(2);
  await expect(page).toHaveURL(/share=/);
  await search.fill("");
  await expect(count).toHaveText("11 people outside the workspace");

  // The Person header sorts by address, then reverses.
  const firstEmail = dialog.locator("tbody tr").first().locator("td").first();
  await dialog.getByRole("link", { name: "Person" }).click();
  await expect(firstEmail).toHaveText(emails[0]);
  await dialog.getByRole("link", { name: "Person" }).click();
  await expect(firstEmail).toHaveText(emails[10]);
  await expect(dialog).toBeVisible();

  // Closed, the card names the first of them and counts the rest.
  await dialog.getByRole("link", { name: "Close" }).click();
  await expect(card.getByRole("link", { name: /Shared with .* and 8 others/ })).toBeVisible();
});

test("before sharing, an owner reads what the role can do and previews the project as that recipient", async ({ page }) => {
  await signIn(page, "alice@acme.test", demoPassword);
  const { dialog } = await openShareDialog(page, "Storefront");
  const says = dialog.locator("#share-role-says");
  await expect(says).toContainText("A viewer sees this project, its licences and install commands, never an access key");
  await dialog.getByLabel("Role").selectOption("developer");
  await expect(says).toContainText("A developer sees this project, its licences and install commands, and reads and rotates its access keys");
  await dialog.getByRole("link", { name: "Preview the project as a developer" }).click();

  await expect(page).toHaveURL(/\/projects\/\d+\?preview=developer$/);
  await expect(page.getByRole("note")).toContainText("Preview: the project as a developer from outside the workspace sees it.");
  const deploy = page.getByRole("row", { name: /Production deploy/ });
  await expect(deploy).toContainText("A member of the workspace");
  await expect(deploy.getByRole("button", { name: "Show the value of Production deploy" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Mint key" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Members" })).toHaveCount(0);
  await page.getByRole("link", { name: "End the preview" }).click();
  await expect(page.getByRole("button", { name: "Mint key" })).toBeVisible();
});

test("a share with an end date: chosen when sharing, in the email and on both sides, changed in place by keyboard", async ({ page, browser }) => {
  const email = uniqueEmail("ending-rita");
  await signIn(page, "alice@acme.test", demoPassword);
  const { dialog } = await openShareDialog(page, "Storefront");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Access ends", { exact: true }).selectOption("30");
  await dialog.getByRole("button", { name: "Share project" }).click();
  await expect(dialog.getByText(`Shared with ${email} as viewer`)).toBeVisible();
  const ends = dialog.getByLabel(`When access ends for ${email}`, { exact: true });
  const month = ((await ends.locator("option:checked").textContent()) ?? "").replace("Until ", "");
  expect(month).toMatch(/^\d{4}-\d\d-\d\d$/);

  // The email says when access ends; the recipient accepts and sees it too.
  const context = await browser.newContext();
  const rita = await context.newPage();
  const ritaProblems = watchConsole(rita);
  await rita.goto("/dev/mailbox");
  await expect(rita.locator("article", { hasText: `To: ${email}` })).toContainText(`Access ends after ${month}.`);
  await openHydrated(rita, await linkFromMailbox(rita, email, "/share?token="));
  await registerToAccept(rita, "Rita Ending", "correct horse battery", "Storefront");
  await openHydrated(rita, "/projects");
  const shared = rita.getByRole("region", { name: "Shared with me" });
  await expect(shared).toContainText(`access ends after ${month}`);

  // alice shortens it to a week from the Members screen, by keyboard: the arrow key
  // saves it at once and the result is said where she is.
  await dialog.getByRole("link", { name: "Close" }).click();
  await page.getByRole("link", { name: "Storefront" }).click();
  await page.getByRole("link", { name: "Members" }).click();
  const outside = page.getByRole("region", { name: "People outside the workspace" });
  const row = outside.getByRole("row", { name: new RegExp(escapeRegExp(email)) });
  await expect(row).toContainText("Active");
  const select = row.getByLabel(`When access ends for ${email}`, { exact: true });
  await expect(select).toHaveValue(month);
  await select.focus();
  await page.keyboard.press("ArrowDown");
  await expect(select).toHaveValue("7");
  const saved = page.getByRole("status").filter({ hasText: `${email} now has access until` });
  await expect(saved).toBeVisible();
  const week = ((await saved.textContent()) ?? "").match(/until (\d{4}-\d\d-\d\d)/)?.[1] ?? "";
  expect(week < month).toBe(true);
  await openHydrated(rita, "/projects");
  await expect(shared).toContainText(`access ends after ${week}`);
  await expect(rita.locator("body")).not.toContainText(month);

  // After a reload the list shows the new end as the current choice.
  await openHydrated(page, page.url());
  await expect(page.getByLabel(`When access ends for ${email}`, { exact: true })).toHaveValue(week);
  expect(ritaProblems).toEqual([]);
  await context.close();
});

test("a newcomer gets a licence from the Catalogue, by buying in test mode and by a licence code, and attaches it to a first project", async ({ page }) => {
  await newcomer(page, uniqueEmail("newcomer"), "Nina Newcomer", "a newcomer's password");
  // Nothing yet: the empty Projects page leads to the Catalogue.
  await page.getByRole("main").getByRole("link", { name: "Catalogue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Catalogue" })).toBeVisible();
  await expect(page.getByRole("note")).toContainText("Test mode. Buying charges nothing");

  // Buying asks first, names the price, and says the result where she is.
  const tracking = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "harbor/tracking" }) });
  await expect(tracking).toContainText("249.00 EUR a year per line");
  await tracking.getByRole("row", { name: /1\.x/ }).locator("summary").click();
  await expect(tracking).toContainText("Buys a year of harbor/tracking 1.x for 249.00 EUR");
  await tracking.getByRole("button", { name: "Buy a year" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Bought harbor/tracking 1.x until" })).toBeVisible();
  await expect(tracking.getByRole("row", { name: /1\.x/ })).toContainText("Until");

  // A vendor's code, typed in lower case.
  await page.getByRole("textbox", { name: "Licence code" }).fill("pkgt-demo-qsft-cms3");
  await page.getByRole("button", { name: "Activate" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Activated quillsoft/cms-blocks 3.x until" })).toBeVisible();
  await page.getByRole("textbox", { name: "Licence code" }).fill("pkgt-demo-qsft-cms3");
  await page.getByRole("button", { name: "Activate" }).click();
  await expect(page.getByText("This licence code is not valid, or was used already.")).toBeVisible();

  // Her first project attaches what she got.
  await page.getByRole("link", { name: "Projects", exact: true }).first().click();
  await page.getByRole("textbox", { name: "Project name" }).fill("Shop");
  await page.getByRole("button", { name: "Create project" }).click();
  await page.getByRole("link", { name: "Shop" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Shop" })).toBeVisible();
  await expect(page.locator("#attach-count")).toHaveText("2 licences to attach.");
  const attach = page.getByLabel("Licence to attach");
  const option = await attach.locator("option", { hasText: "harbor/tracking 1.x" }).getAttribute("value");
  await attach.selectOption(option ?? "");
  await page.getByRole("button", { name: "Attach licence" }).click();
  await expect(page.getByRole("table").filter({ hasText: "harbor/tracking" }).first()).toBeVisible();
  await expect(page.locator("#attach-count")).toHaveText("1 licence to attach.");
  const second = await attach.locator("option", { hasText: "quillsoft/cms-blocks 3.x" }).getAttribute("value");
  await attach.selectOption(second ?? "");
  await page.getByRole("button", { name: "Attach licence" }).click();
  // Nothing left to attach: the project page leads to the Catalogue too.
  await expect(page.locator("#attach-count")).toContainText("No licence of the workspace is left to attach.");
  await expect(page.locator("#attach-count").getByRole("link", { name: "Get one from the Catalogue." })).toHaveAttribute("href", "/catalogue");
});

test("licence codes that match nothing are counted: after ten, the form says to wait, a right code too", async ({ page }) => {
  await newcomer(page, uniqueEmail("guesser"), "Gus Guesser", "a guesser's password");
  await openHydrated(page, "/catalogue");
  const code = page.getByRole("textbox", { name: "Licence code" });
  const activate = async (typed: string) => {
    await code.fill(typed);
    const answered = page.waitForResponse((response) => response.url().includes("/api/catalogue/activate_licence"));
    await page.getByRole("button", { name: "Activate" }).click();
    return (await answered).status();
  };
  for (let guess = 0; guess < 10; guess++) {
    expect(await activate(`PKGT-GUES-S000-${String(guess).padStart(4, "0")}`)).toBe(400);
    await expect(page.getByText("This licence code is not valid, or was used already.")).toBeVisible();
  }
  expect(await activate("pkgt-demo-qsft-cms3")).toBe(429);
  const wait = page.getByText("Too many failed licence codes. Try again in 15 minutes.");
  await expect(wait).toBeVisible();
  await expect(wait).toBeInViewport();
  await expect(page.getByRole("status").filter({ hasText: "Activated" })).toHaveCount(0);
});
