// `npm run web`: build the renderer, then start the browser shell (Training directory) and print its URL.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const build = spawnSync(npm, ['exec', '--', 'vite', 'build', '--logLevel', 'error', '--config', 'vite.renderer.config.ts'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (build.status !== 0) process.exit(build.status ?? 1);
const shell = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron/node/shell/main.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => shell.kill(signal));
shell.on('exit', (code) => process.exit(code ?? 0));
