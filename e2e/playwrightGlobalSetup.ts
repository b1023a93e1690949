// Checks what the e2e specs stand on, so a missing piece fails with its reason instead of a timeout.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export default async function globalSetup(): Promise<void> {
  const index = resolve(import.meta.dirname, '../.vite/renderer/index.html');
  if (!existsSync(index)) throw new Error(`The renderer is not built (${index} is missing): run "npm run build" first.`);
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) throw new Error(`Chromium is missing at ${chromium}: install it with "apt-get install chromium" (or set CHROMIUM_PATH).`);
  const lab = resolve(import.meta.dirname, 'lab/playwrightGlobalSetup.ts');
  if (existsSync(lab)) {
    const { default: labSetup } = (await import(lab)) as { default: () => Promise<void> };
    await labSetup();
  }
}
