// The desktop window itself. It needs the Electron binary, which Electron 42+ downloads on first run;
// on machines with no route to its release host (such as this project's CI) the binary is absent and
// this spec is skipped. The browser-shell specs drive the very same renderer and handlers.
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

function electronBinary(): string | null {
  const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
test.skip(binary === null, 'No Electron binary on this machine (its download host is unreachable); browser-shell specs cover the renderer.');

test('the desktop window opens on the Training directory and shows a user\'s addresses', async () => {
  const app = await electron.launch({
    executablePath: binary!,
    args: [root, `--user-data-dir=${mkdtempSync(join(tmpdir(), 'addressdesk-electron-'))}`, '--no-sandbox'],
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByTestId('directory-status')).toHaveText('Connected to: Training directory');
    // The preload exposes the contract and nothing of Node.
    expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    await window.getByLabel('Find users').fill('jane.doe@');
    await window.getByRole('button', { name: 'Find Now' }).click();
    await window.getByRole('row', { name: /^Jane Doe/ }).dblclick();
    const dialog = window.getByRole('dialog', { name: 'Jane Doe Properties' });
    await expect(dialog.locator('tr[data-address="SMTP:jane.doe@corp.example.test"]')).toBeVisible();
  } finally {
    await app.close();
  }
});
