// Brings the lab up once for a test run (vitest globalSetup and Playwright globalSetup share this).
// Policy: in CI (CI set) the lab must come up or the run fails with the reason; on a machine that
// cannot run it (not root, or Samba missing) and not in CI, print a loud warning and report the
// lab as missing so lab tests skip; on a capable machine a failing `up` is a real failure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const LAB_SCRIPT = resolve(import.meta.dirname, 'lab.sh');

export type LabState = { state: 'up' } | { state: 'missing'; reason: string };

/** Why this machine cannot run the lab at all, or null when it can. */
export function labUnsupportedReason(): string | null {
  // Lets a developer (or a check of this very policy) run without the lab.
  const disabled = process.env.ADDRESSDESK_LAB_DISABLE;
  if (disabled) return `disabled by ADDRESSDESK_LAB_DISABLE=${disabled}`;
  if (process.platform !== 'linux') return `the lab needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'the lab needs root (network namespaces, bind mounts)';
  for (const bin of ['/usr/sbin/samba', '/usr/sbin/smbd', '/usr/bin/samba-tool', '/usr/libexec/samba/samba-dcerpcd']) {
    if (!existsSync(bin)) return `${bin} is missing (install the packages in e2e/lab/apt-packages.txt)`;
  }
  return null;
}

function isCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

function warn(reason: string): void {
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}\n!! AddressDesk lab NOT available: ${reason}\n!! Lab tests (*.lab.test.ts) will be SKIPPED. Run \`sudo npm run lab:up\` to debug.\n${bar}\n`);
}

/** Runs `lab.sh up` (idempotent) and returns the lab state; throws when the run must fail. */
export function ensureLab(): LabState {
  const unsupported = labUnsupportedReason();
  if (unsupported !== null) {
    if (isCi()) throw new Error(`AddressDesk lab is required in CI but cannot run: ${unsupported}`);
    warn(unsupported);
    return { state: 'missing', reason: unsupported };
  }
  const started = Date.now();
  // Output goes to the terminal: the script prints what it started and where.
  const r = spawnSync('bash', [LAB_SCRIPT, 'up'], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', timeout: 200_000 });
  process.stderr.write(r.stderr ?? '');
  if (r.status !== 0) {
    const tail = (r.stderr ?? '').trim().split('\n').slice(-8).join('\n');
    const why = r.error ? r.error.message : `lab.sh up exited with ${r.status ?? r.signal}`;
    throw new Error(`AddressDesk lab failed to start (${why}):\n${tail}`);
  }
  console.log(`[lab] ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { state: 'up' };
}
