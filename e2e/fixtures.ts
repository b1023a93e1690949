// Playwright fixtures: every test gets its own browser shell on a fresh, in-memory Training directory.
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import type { UserDetails } from '../shared/model/directory.ts';
import type { IpcResult } from '../shared/ipc/contract.ts';
import type { AppService } from '../electron/node/app/appService.ts';
import { launchShell } from '../electron/node/shell/main.ts';

export const RENDERER_DIR = resolve(import.meta.dirname, '../.vite/renderer');

export interface ShellFixture {
  url: string;
  service: AppService;
}

export const test = base.extend<{ shell: ShellFixture; app: Page }>({
  // eslint-disable-next-line no-empty-pattern
  shell: async ({}, use) => {
    const { shell, service } = await launchShell({ rendererDir: RENDERER_DIR, dataDir: null, version: 'e2e' });
    await use({ url: shell.url, service });
    await shell.close();
  },
  app: async ({ page, shell }, use) => {
    await openApp(page, shell.url);
    await use(page);
  },
});

export { expect };

/** Opens the app and waits until it is connected and the user list has painted. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('directory-status')).toHaveText(/Connected to: /);
  await expect(page.getByRole('grid', { name: 'Search results' }).getByRole('row').nth(1)).toBeVisible();
}

/** Finds a user by text and opens its properties window. */
export async function openUser(page: Page, query: string, displayName: string) {
  await page.getByRole('searchbox').or(page.getByLabel('Find users')).first().fill(query);
  await page.getByRole('button', { name: 'Find Now' }).click();
  const row = page.getByRole('row', { name: new RegExp(`^${displayName}`) });
  await row.first().dblclick();
  const dialog = page.getByRole('dialog', { name: `${displayName} Properties` });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Reads what the directory stores, through the same Api the renderer uses. */
export async function readUser(page: Page, dn: string): Promise<UserDetails> {
  const result = await page.evaluate(async (userDn) => window.api!.getUser({ dn: userDn }), dn);
  const typed = result as IpcResult<UserDetails>;
  if (!typed.ok) throw new Error(typed.error.message);
  return typed.value;
}

/** Adds an SMTP address through New... → "SMTP Address" → Internet Address Properties, as a person would. */
export async function addSmtp(page: Page, dialog: Locator, address: string): Promise<void> {
  await dialog.getByRole('button', { name: 'New...' }).click();
  const chooser = page.getByRole('dialog', { name: 'New E-mail Address' });
  await chooser.getByRole('radio', { name: 'SMTP Address' }).check();
  await chooser.getByRole('button', { name: 'OK' }).click();
  const smtp = page.getByRole('dialog', { name: 'Internet Address Properties' });
  await smtp.getByLabel('E-mail address').fill(address);
  await smtp.getByRole('button', { name: 'OK' }).click();
  await expect(smtp).toBeHidden();
}
