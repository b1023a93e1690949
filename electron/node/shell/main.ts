// `npm run web`: starts the browser shell on the Training directory and prints its URL.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { AppService } from '../app/appService.ts';
import { createIpcRouter } from '../ipc/router.ts';
import { startBrowserShell } from './browserShell.ts';

export interface ShellLaunchOptions {
  rendererDir: string;
  dataDir: string | null;
  port?: number;
  version: string;
}

export async function launchShell(options: ShellLaunchOptions) {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const service = new AppService({
    version: options.version,
    shell: 'browser',
    trainingFile: options.dataDir ? join(options.dataDir, 'training-directory.json') : null,
    profilesFile: options.dataDir ? join(options.dataDir, 'profiles.json') : null,
    settingsFile: options.dataDir ? join(options.dataDir, 'workflow-settings.json') : null,
  });
  const shell = await startBrowserShell({
    rendererDir: options.rendererDir,
    port: options.port,
    createRouter: (isTrusted) => createIpcRouter(service.handlers, (sender) => isTrusted(sender.url)),
  });
  return { shell, service };
}

function defaultDataDir(): string {
  return process.env.ADDRESSDESK_DATA_DIR ?? join(homedir(), '.config', 'AddressDesk');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(import.meta.dirname, '../../..');
  const portArg = process.argv.indexOf('--port');
  const { shell } = await launchShell({
    rendererDir: join(root, '.vite/renderer'),
    dataDir: process.argv.includes('--in-memory') ? null : defaultDataDir(),
    port: portArg > 0 ? Number(process.argv[portArg + 1]) : undefined,
    version: process.env.npm_package_version ?? 'dev',
  });
  console.log(`AddressDesk browser shell (Training directory) at:\n  ${shell.url}\nThe link carries this launch's access token; press Ctrl+C to stop.`);
  const stop = () => void shell.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
