// Helpers for lab tests (*.lab.test.ts). Typical use:
//   describeLab('ldap against the lab', () => { const lab = requireLab(); ... });
// or per test: it('...', (ctx) => { const lab = requireLab(ctx); ... }).
// When the lab is missing on a machine that cannot run it (not CI), the suite is skipped; in CI
// globalSetup has already failed the run, and requireLab() throws if the lab is still absent.
import { describe, inject } from 'vitest';
import { readLabInfo } from './labInfo.ts';
import type { LabInfo } from './labInfo.ts';
import type { LabState } from './ensureLab.ts';

function labState(): LabState | undefined {
  try {
    return inject('addressdeskLab');
  } catch {
    return undefined; // not inside a vitest worker
  }
}

/** Why the lab is not available to this run, or null when it is. */
export function labMissingReason(): string | null {
  const s = labState();
  if (s?.state === 'missing') return s.reason;
  if (s === undefined && process.env.ADDRESSDESK_LAB === 'missing') {
    return process.env.ADDRESSDESK_LAB_REASON ?? 'lab missing';
  }
  if (readLabInfo() === null) return '.lab/lab.json not found (run `npm run lab:up`)';
  return null;
}

/** describe() that skips its tests when the lab is missing (never in CI: setup fails first). */
export function describeLab(name: string, fn: () => void): void {
  describe.skipIf(labMissingReason() !== null)(name, fn);
}

/**
 * The lab's description. When the lab is missing: skips the test if given its context (outside
 * CI), otherwise throws, so a lab test can never pass silently without the lab.
 */
export function requireLab(ctx?: { skip: (note?: string) => void }): LabInfo {
  const reason = labMissingReason();
  if (reason !== null) {
    if (ctx && !process.env.CI) ctx.skip(`lab missing: ${reason}`);
    throw new Error(`AddressDesk lab missing: ${reason}`);
  }
  const info = readLabInfo();
  if (info === null) throw new Error('AddressDesk lab missing: .lab/lab.json not found');
  return info;
}
