// `npm run diagnose -- scm --lab` end to end: the same code path an admin runs by hand.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireLab } from '../../../../e2e/lab/lab.ts';

const ROOT = resolve(import.meta.dirname, '../../../..');

function diagnose(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'electron/node/cli/diagnose.ts', 'scm', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, ...env },
  });
}

describe('diagnose scm', () => {
  it('prints the seed-style transcript and exits 0 when MSExchangeSA runs', () => {
    const lab = requireLab();
    const host = lab.exchangeHosts.at(-1)!;
    const r = diagnose(['--lab', '--host', host.name]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Client to Server SVCCTL SVCCTL: ROpenSCManagerW Request, Machine=\\\\${host.name} Database=NULL Access=0x00000004`);
    expect(r.stdout).toContain('Server to Client SVCCTL SVCCTL: RQueryServiceStatus Response, State=0x00000004: SERVICE_RUNNING, Status = ERROR_SUCCESS');
    expect(r.stdout).toContain('SMB2 SMB2: SESSION_SETUP Response, SessionFlags=0x0000 (signed), Status = STATUS_SUCCESS');
    expect(r.stdout).not.toContain(host.admin.password);
  });

  it('takes the password from ADDRESSDESK_PASSWORD and exits 1 with the reason on a wrong one', () => {
    const lab = requireLab();
    const r = diagnose(['--host', lab.dc.address, '--user', lab.admin.downLevel, '--service', 'NETLOGON', '--json'], { ADDRESSDESK_PASSWORD: 'wrong-password' });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: 'logonFailure', code: 0xc000006d });
    const ok = diagnose(['--host', lab.dc.address, '--machine', lab.dc.name, '--user', lab.admin.downLevel, '--service', 'NETLOGON', '--json'], { ADDRESSDESK_PASSWORD: lab.admin.password });
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ outcome: 'running' });
  });

  it('exits 2 on bad usage', () => {
    expect(diagnose(['--host', 'x']).status).toBe(2);
  });
});
