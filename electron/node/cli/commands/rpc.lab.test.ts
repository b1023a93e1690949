// `npm run diagnose -- rpc --lab` end to end: the admin's command line against a lab host.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeLab, requireLab } from '../../../../e2e/lab/lab.ts';
import { resetFaults } from '../../../../e2e/lab/faults.ts';

const ROOT = resolve(import.meta.dirname, '../../../..');

function diagnose(...args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/node/cli/diagnose.ts', 'rpc', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describeLab('diagnose rpc', () => {
  beforeAll(() => {
    requireLab();
    resetFaults();
  });
  afterAll(() => resetFaults());

  it('pings, maps and binds the System Attendant of a lab host (exit 0)', () => {
    const host = requireLab().exchangeHosts.find((h) => h.name === 'EXCH01')!;
    const { status, out } = diagnose('--lab', '--host', 'EXCH01', '--timeout', '2000');
    expect(out).toContain(`Echo Reply from ${host.address}`);
    expect(out).toContain('EPM EPM: Request: ept_map: NDR, System Attendant v16.1, RPC v5, 0.0.0.0:135 (0x87) [DCE endpoint resolution(135)]');
    expect(out).toContain(`RPC v5, ${host.address}:${host.saPort} (0x${host.saPort.toString(16).toUpperCase()}) [${host.saPort}]`);
    expect(out).toContain(`Result: bind ACCEPTED on port ${host.saPort} (from the endpoint mapper)`);
    expect(status).toBe(0);
  });

  it('reports 1753 / c00706d9 for an interface the host does not register (exit 1)', () => {
    const lab = requireLab();
    const { status, out } = diagnose('--host', lab.dc.address, '--no-ping', '--timeout', '2000');
    expect(out).toContain('Result: NOT REGISTERED (Win32 1753, ID no: c00706d9)');
    expect(status).toBe(1);
  });

  it('rejects bad usage (exit 2)', () => {
    expect(diagnose('--host', 'x', '--uuid', 'nope').status).toBe(2);
    expect(diagnose().status).toBe(2);
  });
});
