// The E-mail Addresses editor in the browser shell, against a fresh Training directory per test.
// Every test reads the directory afterwards through the page's Api to prove what was stored.
import type { Locator, Page } from '@playwright/test';
import { POLICY_EXCLUDED_GUID } from '../shared/model/directory.ts';
import { addSmtp, expect, openApp, openUser, readUser, test } from './fixtures.ts';

const JANE = 'CN=Jane Doe,OU=Helpdesk,DC=corp,DC=example,DC=test';
const PRIMARY = 'SMTP:jane.doe@corp.example.test';
const SECONDARY = 'smtp:jdoe2@corp.example.test';
const HELPDESK = 'smtp:jane.doe@helpdesk.corp.example.test';
const POLICY = 'Automatically update e-mail addresses based on recipient policy';

const row = (dialog: Locator, value: string) => dialog.locator(`tr[data-address="${value}"]`);

async function openJane(page: Page): Promise<Locator> {
  return openUser(page, 'Jane Doe', 'Jane Doe');
}

/** Waits for Apply's progress list to report its final step, the write, as done. */
async function expectSaved(dialog: Locator): Promise<void> {
  await expect(dialog.getByRole('list', { name: 'Apply progress' }).locator('li[data-step="write"]')).toHaveAttribute('data-state', 'done');
}

async function boldness(r: Locator): Promise<number> {
  return r.locator('td').nth(1).evaluate((cell) => Number(getComputedStyle(cell).fontWeight));
}

test('adds an SMTP address with Apply, keeping the window open', async ({ app }) => {
  const dialog = await openJane(app);
  await addSmtp(app, dialog, 'jane.extra@corp.example.test');
  const added = row(dialog, 'smtp:jane.extra@corp.example.test');
  await expect(added).toHaveAttribute('data-state', 'added');
  await expect(added).toContainText('Added');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expectSaved(dialog);
  await expect(dialog).toBeVisible();
  await expect(added).toHaveAttribute('data-state', 'unchanged');
  const stored = await readUser(app, JANE);
  expect(stored.proxyAddresses).toContain('smtp:jane.extra@corp.example.test');
  expect(stored.proxyAddresses).toContain(PRIMARY);
  expect(stored.mail).toBe('jane.doe@corp.example.test');
});

test('adds an X.400 address field by field, and OK writes and closes', async ({ app }) => {
  const dialog = await openJane(app);
  await dialog.getByRole('button', { name: 'New...' }).click();
  const chooser = app.getByRole('dialog', { name: 'New E-mail Address' });
  await chooser.getByRole('radio', { name: 'X.400 Address' }).check();
  await chooser.getByRole('button', { name: 'OK' }).click();
  const x400 = app.getByRole('dialog', { name: 'X.400 Address Properties' });
  await x400.getByLabel(/^Country\/Region \(c\)/).fill('US');
  await x400.getByLabel(/^PRMD \(p\)/).fill('Corp');
  await x400.getByLabel(/^Organization \(o\)/).fill('Exchange');
  await x400.getByLabel(/^Organizational unit 1 \(ou1\)/).fill('Helpdesk');
  await x400.getByLabel(/^Surname \(s\)/).fill('Doe');
  await x400.getByLabel(/^Given name \(g\)/).fill('Janet');
  await x400.getByRole('button', { name: 'OK' }).click();
  const value = 'x400:c=US;a= ;p=Corp;o=Exchange;ou1=Helpdesk;s=Doe;g=Janet;';
  await expect(row(dialog, value)).toHaveAttribute('data-state', 'added');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();
  expect((await readUser(app, JANE)).proxyAddresses).toContain(value);
});

test('adds an X.500 address with parentheses and spaces, and a custom address', async ({ app }) => {
  const dialog = await openJane(app);
  const x500 = '/o=Corp/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=jane';
  await dialog.getByRole('button', { name: 'New...' }).click();
  let chooser = app.getByRole('dialog', { name: 'New E-mail Address' });
  await chooser.getByRole('radio', { name: 'X.500 Address' }).check();
  await chooser.getByRole('button', { name: 'OK' }).click();
  const x500Dialog = app.getByRole('dialog', { name: 'X.500 Address Properties' });
  await x500Dialog.getByLabel('X.500 address').fill(x500);
  await x500Dialog.getByRole('button', { name: 'OK' }).click();

  await dialog.getByRole('button', { name: 'New...' }).click();
  chooser = app.getByRole('dialog', { name: 'New E-mail Address' });
  await chooser.getByRole('radio', { name: 'Custom Address' }).check();
  await chooser.getByRole('button', { name: 'OK' }).click();
  const custom = app.getByRole('dialog', { name: 'Custom Address Properties' });
  await custom.getByLabel('E-mail type').fill('SMTP');
  await expect(custom.getByText('Choose "SMTP Address" in the type list for SMTP addresses.')).toBeVisible();
  await custom.getByLabel('E-mail type').fill('NOTES');
  await custom.getByLabel('E-mail address').fill('Jane Doe/Helpdesk/Corp@Corp');
  await custom.getByRole('button', { name: 'OK' }).click();

  await expect(row(dialog, `X500:${x500}`)).toHaveAttribute('data-primary', 'true');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();
  const stored = await readUser(app, JANE);
  expect(stored.proxyAddresses).toContain(`X500:${x500}`);
  expect(stored.proxyAddresses).toContain('NOTES:Jane Doe/Helpdesk/Corp@Corp');
});

test('edits an address: the old value is deleted and the new one added', async ({ app }) => {
  const dialog = await openJane(app);
  await row(dialog, SECONDARY).click();
  await dialog.getByRole('button', { name: 'Edit...' }).click();
  const smtp = app.getByRole('dialog', { name: 'Internet Address Properties' });
  await expect(smtp.getByLabel('E-mail address')).toHaveValue('jdoe2@corp.example.test');
  await smtp.getByLabel('E-mail address').fill('jane.d@corp.example.test');
  await smtp.getByRole('button', { name: 'OK' }).click();
  await expect(row(dialog, 'smtp:jane.d@corp.example.test')).toHaveAttribute('data-state', 'changed');
  // Focus returns to the list after the dialog.
  await expect(row(dialog, 'smtp:jane.d@corp.example.test')).toBeFocused();
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expectSaved(dialog);
  const stored = await readUser(app, JANE);
  expect(stored.proxyAddresses).toContain('smtp:jane.d@corp.example.test');
  expect(stored.proxyAddresses).not.toContain(SECONDARY);
});

test('removes an address', async ({ app }) => {
  const dialog = await openJane(app);
  await row(dialog, HELPDESK).click();
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await expect(row(dialog, HELPDESK)).toHaveAttribute('data-state', 'removed');
  await expect(row(dialog, HELPDESK)).toContainText('Removed');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();
  const stored = await readUser(app, JANE);
  expect(stored.proxyAddresses).not.toContain(HELPDESK);
  expect(stored.proxyAddresses).toHaveLength(4);
});

test('removing the primary asks which address becomes primary', async ({ app }) => {
  const dialog = await openJane(app);
  await row(dialog, PRIMARY).click();
  await dialog.getByRole('button', { name: 'Remove' }).click();
  const choose = app.getByRole('dialog', { name: 'Choose the new primary address' });
  await choose.getByRole('radio', { name: 'jdoe2@corp.example.test' }).check();
  await choose.getByRole('button', { name: 'Remove and set as primary' }).click();
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expectSaved(dialog);
  const stored = await readUser(app, JANE);
  expect(stored.proxyAddresses).toContain('SMTP:jdoe2@corp.example.test');
  expect(stored.proxyAddresses.some((v) => v.toLowerCase() === PRIMARY.toLowerCase())).toBe(false);
  expect(stored.mail).toBe('jdoe2@corp.example.test');
});

test('Set as Primary moves the bold and mail follows the primary SMTP address', async ({ app }) => {
  const dialog = await openJane(app);
  await row(dialog, PRIMARY).click();
  await expect(dialog.getByRole('button', { name: 'Set as Primary' })).toBeDisabled();
  await row(dialog, SECONDARY).click();
  await dialog.getByRole('button', { name: 'Set as Primary' }).click();
  const newPrimary = row(dialog, 'SMTP:jdoe2@corp.example.test');
  const oldPrimary = row(dialog, 'smtp:jane.doe@corp.example.test');
  expect(await boldness(newPrimary)).toBeGreaterThanOrEqual(600);
  expect(await boldness(oldPrimary)).toBeLessThan(600);
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expectSaved(dialog);
  const stored = await readUser(app, JANE);
  expect(stored.proxyAddresses).toContain('SMTP:jdoe2@corp.example.test');
  expect(stored.proxyAddresses).toContain('smtp:jane.doe@corp.example.test');
  expect(stored.mail).toBe('jdoe2@corp.example.test');
});

test('unticking the policy checkbox stores the exclusion GUID', async ({ app }) => {
  const dialog = await openJane(app);
  const checkbox = dialog.getByRole('checkbox', { name: POLICY });
  await expect(checkbox).toBeChecked();
  await checkbox.uncheck();
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expectSaved(dialog);
  const stored = await readUser(app, JANE);
  expect(stored.policyExcluded).toEqual([POLICY_EXCLUDED_GUID]);
  expect(stored.proxyAddresses).toHaveLength(5);
});

test('Cancel with pending edits asks, and discarding stores nothing', async ({ app }) => {
  const before = await readUser(app, JANE);
  const dialog = await openJane(app);
  await row(dialog, HELPDESK).click();
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  const confirm = app.getByRole('alertdialog', { name: 'Discard changes?' });
  await expect(confirm).toContainText('One change has not been applied.');
  await confirm.getByRole('button', { name: 'Keep editing' }).click();
  await expect(row(dialog, HELPDESK)).toHaveAttribute('data-state', 'removed');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await confirm.getByRole('button', { name: 'Discard changes' }).click();
  await expect(dialog).toBeHidden();
  expect(await readUser(app, JANE)).toEqual(before);
});

test('an invalid address is blocked with its message', async ({ app }) => {
  const before = await readUser(app, JANE);
  const dialog = await openJane(app);
  await dialog.getByRole('button', { name: 'New...' }).click();
  await app.getByRole('dialog', { name: 'New E-mail Address' }).getByRole('button', { name: 'OK' }).click();
  const smtp = app.getByRole('dialog', { name: 'Internet Address Properties' });
  await smtp.getByLabel('E-mail address').fill('jane..doe@corp.example.test');
  await expect(smtp.getByText("The part before the @ can't contain two dots in a row.")).toBeVisible();
  await expect(smtp.getByRole('button', { name: 'OK' })).toBeDisabled();
  await smtp.getByLabel('E-mail address').press('Enter');
  await expect(smtp).toBeVisible();
  await smtp.getByLabel('E-mail address').fill('jdoe2@corp.example.test');
  await expect(smtp.getByText('This address is already in the list.')).toBeVisible();
  await expect(smtp.getByRole('button', { name: 'OK' })).toBeDisabled();
  await smtp.getByRole('button', { name: 'Cancel' }).click();
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();
  expect(await readUser(app, JANE)).toEqual(before);
});

test('an international address needs confirmation', async ({ app }) => {
  const dialog = await openJane(app);
  await dialog.getByRole('button', { name: 'New...' }).click();
  await app.getByRole('dialog', { name: 'New E-mail Address' }).getByRole('button', { name: 'OK' }).click();
  const smtp = app.getByRole('dialog', { name: 'Internet Address Properties' });
  await smtp.getByLabel('E-mail address').fill('jané@corp.example.test');
  await expect(smtp.getByText(/contains characters outside ASCII \("é"\)/)).toBeVisible();
  await expect(smtp.getByRole('button', { name: 'OK' })).toBeDisabled();
  await smtp.getByRole('checkbox', { name: /internationalised address/ }).check();
  await smtp.getByRole('button', { name: 'OK' }).click();
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expectSaved(dialog);
  expect((await readUser(app, JANE)).proxyAddresses).toContain('smtp:jané@corp.example.test');
});

test('two pages edit the same user: the second Apply reports the conflict and loses nothing', async ({ app, shell, context }) => {
  const first = await openJane(app);
  const other = await context.newPage();
  await openApp(other, shell.url);
  const second = await openJane(other);

  await addSmtp(app, first, 'first.page@corp.example.test');
  await first.getByRole('button', { name: 'Apply' }).click();
  await expectSaved(first);

  await row(second, HELPDESK).click();
  await second.getByRole('button', { name: 'Remove' }).click();
  await addSmtp(other, second, 'second.page@corp.example.test');
  await second.getByRole('button', { name: 'Apply' }).click();
  const conflict = second.getByTestId('conflict');
  await expect(conflict).toContainText('Changed by someone else');
  await expect(conflict).toContainText('Added by someone else: smtp:first.page@corp.example.test');
  await expect(second.getByRole('list', { name: 'Apply progress' }).locator('li[data-step="write"]')).toHaveAttribute('data-state', 'failed');
  // Nothing of the second page was written, and its pending edits are still on screen.
  let stored = await readUser(other, JANE);
  expect(stored.proxyAddresses).toContain(HELPDESK);
  expect(stored.proxyAddresses).not.toContain('smtp:second.page@corp.example.test');
  await expect(row(second, HELPDESK)).toHaveAttribute('data-state', 'removed');
  await expect(row(second, 'smtp:second.page@corp.example.test')).toHaveAttribute('data-state', 'added');

  await conflict.getByRole('button', { name: 'Reload and re-apply my changes' }).click();
  await expect(conflict).toBeHidden();
  await expect(row(second, 'smtp:first.page@corp.example.test')).toHaveAttribute('data-state', 'unchanged');
  await expect(row(second, HELPDESK)).toHaveAttribute('data-state', 'removed');
  await second.getByRole('button', { name: 'Apply' }).click();
  await expectSaved(second);

  stored = await readUser(other, JANE);
  expect(stored.proxyAddresses).toContain('smtp:first.page@corp.example.test');
  expect(stored.proxyAddresses).toContain('smtp:second.page@corp.example.test');
  expect(stored.proxyAddresses).not.toContain(HELPDESK);
});

test('reload after a conflict can discard the pending edits', async ({ app, shell, context }) => {
  const first = await openJane(app);
  const other = await context.newPage();
  await openApp(other, shell.url);
  const second = await openJane(other);
  await first.getByRole('checkbox', { name: POLICY }).uncheck();
  await first.getByRole('button', { name: 'Apply' }).click();
  await expectSaved(first);
  await addSmtp(other, second, 'second.page@corp.example.test');
  await second.getByRole('button', { name: 'Apply' }).click();
  const conflict = second.getByTestId('conflict');
  await expect(conflict).toContainText('Automatic updates by recipient policy were turned off');
  await conflict.getByRole('button', { name: 'Reload and discard my changes' }).click();
  await expect(row(second, 'smtp:second.page@corp.example.test')).toHaveCount(0);
  await expect(second.getByRole('checkbox', { name: POLICY })).not.toBeChecked();
  await expect(second.getByRole('button', { name: 'Apply' })).toBeDisabled();
  expect((await readUser(other, JANE)).proxyAddresses).not.toContain('smtp:second.page@corp.example.test');
});
