// Prints how long the browser shell takes from launch to a painted user list, and the renderer's
// JavaScript size (gzip). Run: node --import tsx e2e/bench/shellStartup.bench.ts [runs]
// Needs a built renderer (npm run build) and /usr/bin/chromium. Bounded: a few runs, each timed out.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '../..');
const runs = Math.min(Number(process.argv[2] ?? 5), 20);

/** JS the page loads at start (the scripts index.html names) and in all, raw and gzip. */
function rendererSize(): { initial: { raw: number; gzip: number }; total: { raw: number; gzip: number } } {
  const dir = join(root, '.vite/renderer');
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const size = (names: string[]) =>
    names.reduce(
      (sum, name) => {
        const bytes = readFileSync(join(dir, 'assets', name));
        return { raw: sum.raw + bytes.length, gzip: sum.gzip + gzipSync(bytes, { level: 9 }).length };
      },
      { raw: 0, gzip: 0 },
    );
  const all = readdirSync(join(dir, 'assets')).filter((n) => n.endsWith('.js'));
  return { initial: size(all.filter((n) => html.includes(`assets/${n}`))), total: size(all) };
}

async function launchShell(): Promise<{ url: string; stop: () => void; startedAt: number }> {
  const startedAt = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron/node/shell/main.ts'), '--in-memory'], { cwd: root });
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error('shell did not print its URL within 20 s')), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=\S+/.exec(String(chunk));
      if (match) {
        clearTimeout(timer);
        done(match[0]);
      }
    });
    child.once('exit', () => fail(new Error('shell exited')));
  });
  return { url, startedAt, stop: () => child.kill('SIGTERM') };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
});
const toListening: number[] = [];
const toPainted: number[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const shell = await launchShell();
    const listening = performance.now();
    const page = await browser.newPage();
    await page.goto(shell.url);
    await page.getByRole('grid', { name: 'Search results' }).getByRole('row').nth(1).waitFor({ timeout: 20_000 });
    const painted = performance.now();
    toListening.push(listening - shell.startedAt);
    toPainted.push(painted - shell.startedAt);
    await page.close();
    shell.stop();
  }
} finally {
  await browser.close();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const size = rendererSize();
const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`renderer JS at start: ${kib(size.initial.raw)} raw, ${kib(size.initial.gzip)} gzip (all chunks: ${kib(size.total.raw)} raw, ${kib(size.total.gzip)} gzip)`);
console.log(`browser shell, ${runs} runs: launch → URL printed (server listening) median ${median(toListening).toFixed(0)} ms`);
console.log(`browser shell, ${runs} runs: launch → painted user list median ${median(toPainted).toFixed(0)} ms (min ${Math.min(...toPainted).toFixed(0)}, max ${Math.max(...toPainted).toFixed(0)})`);
