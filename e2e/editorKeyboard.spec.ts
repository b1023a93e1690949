// Keyboard only: add an address and make it the primary without touching the mouse.
import type { Page } from '@playwright/test';
import { expect, openUser, readUser, test } from './fixtures.ts';

const JANE = 'CN=Jane Doe,OU=Helpdesk,DC=corp,DC=example,DC=test';

/** Presses Tab until `name` has focus; bounded so a broken tab order fails instead of hanging. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 30; i++) {
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (focused === name) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached "${name}"`);
}

test('adds an address and sets it as primary with the keyboard only', async ({ app }) => {
  const dialog = await openUser(app, 'Jane Doe', 'Jane Doe');
  await expect(dialog.locator('tr[data-address]').first()).toBeVisible();

  await app.keyboard.press('Alt+N');
  const chooser = app.getByRole('dialog', { name: 'New E-mail Address' });
  await expect(chooser.getByRole('radio', { name: 'SMTP Address' })).toBeFocused();
  await app.keyboard.press('Enter');
  const smtp = app.getByRole('dialog', { name: 'Internet Address Properties' });
  await expect(smtp.getByLabel('E-mail address')).toBeFocused();
  await app.keyboard.type('jane.keys@corp.example.test');
  await app.keyboard.press('Enter');
  await expect(smtp).toBeHidden();

  // Focus is back on the list, on the new row.
  const added = dialog.locator('tr[data-address="smtp:jane.keys@corp.example.test"]');
  await expect(added).toBeFocused();
  await app.keyboard.press('Alt+S');
  const promoted = dialog.locator('tr[data-address="SMTP:jane.keys@corp.example.test"]');
  await expect(promoted).toHaveAttribute('data-primary', 'true');

  // The list moves with the arrow keys; Enter on a row opens Edit..., Esc closes it.
  await promoted.focus();
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('dialog', { name: 'Internet Address Properties' })).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(app.getByRole('dialog', { name: 'Internet Address Properties' })).toBeHidden();
  await expect(dialog).toBeVisible();

  // Del removes the focused row, and focus stays in the list.
  const helpdesk = dialog.locator('tr[data-address="smtp:jane.doe@helpdesk.corp.example.test"]');
  await helpdesk.focus();
  await app.keyboard.press('Delete');
  await expect(helpdesk).toHaveAttribute('data-state', 'removed');
  await expect(helpdesk).toBeFocused();

  await tabTo(app, 'Apply');
  await app.keyboard.press('Enter');
  await expect(dialog.locator('li[data-step="write"]')).toHaveAttribute('data-state', 'done');

  const stored = await readUser(app, JANE);
  expect(stored.proxyAddresses).toContain('SMTP:jane.keys@corp.example.test');
  expect(stored.proxyAddresses).toContain('smtp:jane.doe@corp.example.test');
  expect(stored.proxyAddresses).not.toContain('smtp:jane.doe@helpdesk.corp.example.test');
  expect(stored.mail).toBe('jane.keys@corp.example.test');
});
