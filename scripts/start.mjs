// `npm start`: build, then run the desktop app. Electron 42+ fetches its binary on first run; where
// that download cannot happen (no route to the release host), say so in one line and point to the
// browser shell instead of printing a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const build = spawnSync(npm, ['run', '--silent', 'build:bundles'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' });
if (build.status !== 0) {
  console.error('AddressDesk: the build failed (see above); fix it and run "npm start" again.');
  process.exit(1);
}

const electronDir = dirname(require.resolve('electron/package.json'));
function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  const binary = existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8')) : null;
  return binary && existsSync(binary) ? binary : null;
}

if (!electronBinary()) {
  // The same download electron's own first run performs, with its output kept out of the way.
  const download = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, encoding: 'utf8', timeout: 300_000 });
  if (download.status !== 0 || !electronBinary()) {
    const output = `${download.stderr}${download.stdout}`;
    const reason = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|fetch failed/.exec(output)?.[0] ?? 'download failed';
    console.error(`AddressDesk: the Electron runtime could not be downloaded here (${reason}); run "npm run web" to use AddressDesk in your browser instead.`);
    process.exit(1);
  }
}

const child = spawn(electronBinary(), [root], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
