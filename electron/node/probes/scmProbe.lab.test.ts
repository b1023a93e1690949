// The SCM probe against the real lab: Samba's AD DC (SMB signing mandatory) and the lab's
// Exchange hosts (standalone smbd + samba-dcerpcd serving \PIPE\svcctl with MSExchangeSA).
// Every answer is cross-checked with impacket's scmr client, an independent implementation.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Transcript } from '../../../shared/transcript.ts';
import { setFault } from '../../../e2e/lab/faults.ts';
import { requireLab } from '../../../e2e/lab/lab.ts';
import type { LabExchangeHost, LabInfo } from '../../../e2e/lab/labInfo.ts';
import { parseAccount } from '../ntlm/credentials.ts';
import { impacketScmQuery } from '../../../e2e/crosscheck/impacketScm.ts';
import { probeScm, SCM_ACCESS_DENIED_HINT } from './scmProbe.ts';

let lab: LabInfo;
let host: LabExchangeHost;
// Fault tests use the newest server: other suites flip faults on the oldest (the workflow's first).
const FAULT_HOST = 'EXCH03';

beforeAll(() => {
  lab = requireLab();
  host = lab.exchangeHosts.find((h) => h.name === FAULT_HOST) ?? lab.exchangeHosts.at(-1)!;
});

afterEach(() => {
  setFault('sa-stopped', false, host.name);
  setFault('scm-deny', false, host.name);
  setFault('smb-drop', false, host.name);
});

function hostAdmin(h: LabExchangeHost) {
  return parseAccount(`${h.admin.domain}\\${h.admin.user}`, h.admin.password);
}

describe('SCM probe against the AD DC (signing mandatory)', () => {
  it('reports Spooler and NETLOGON RUNNING, as impacket does', async () => {
    for (const service of ['Spooler', 'NETLOGON']) {
      const ours = await probeScm({ host: lab.dc.address, machineName: lab.dc.name, credentials: parseAccount(lab.admin.downLevel, lab.admin.password), serviceName: service });
      expect(ours, service).toMatchObject({ outcome: 'running', state: 4, stateName: 'SERVICE_RUNNING' });
      expect(impacketScmQuery(lab.dc.address, lab.netbiosDomain, lab.admin.user, lab.admin.password, lab.dc.name, service), service).toEqual({ state: 4 });
    }
  });

  it('NETLOGON is RUNNING with a UPN logon too', async () => {
    const outcome = await probeScm({ host: lab.dc.address, machineName: lab.dc.name, credentials: parseAccount(lab.admin.upn, lab.admin.password), serviceName: 'NETLOGON' });
    expect(outcome.outcome).toBe('running');
  });

  it('an unknown service gives ERROR_SERVICE_DOES_NOT_EXIST (1060)', async () => {
    const outcome = await probeScm({ host: lab.dc.address, machineName: lab.dc.name, credentials: parseAccount(lab.admin.downLevel, lab.admin.password), serviceName: 'NoSuchService' });
    expect(outcome).toMatchObject({ outcome: 'serviceMissing', code: 1060 });
    expect(impacketScmQuery(lab.dc.address, lab.netbiosDomain, lab.admin.user, lab.admin.password, lab.dc.name, 'NoSuchService')).toMatchObject({ error: 1060 });
  });

  it('a wrong password is a logon failure (STATUS_LOGON_FAILURE)', async () => {
    const outcome = await probeScm({ host: lab.dc.address, machineName: lab.dc.name, credentials: parseAccount(lab.admin.downLevel, 'not-the-password'), serviceName: 'NETLOGON' });
    expect(outcome).toMatchObject({ outcome: 'logonFailure', code: 0xc000006d });
    if (outcome.outcome === 'logonFailure') expect(outcome.message).toContain('STATUS_LOGON_FAILURE (0xC000006D)');
    expect(impacketScmQuery(lab.dc.address, lab.netbiosDomain, lab.admin.user, 'not-the-password', lab.dc.name, 'NETLOGON')).toMatchObject({ error: 0xc000006d });
  });
});

describe('SCM probe against a lab Exchange host', () => {
  it('MSExchangeSA is RUNNING, then STOPPED once the lab stops it', async () => {
    const transcript = new Transcript();
    const running = await probeScm({ host: host.address, machineName: host.name, credentials: hostAdmin(host), transcript });
    expect(running).toMatchObject({ outcome: 'running', service: 'MSExchangeSA' });
    expect(impacketScmQuery(host.address, host.admin.domain, host.admin.user, host.admin.password, host.name, 'MSExchangeSA')).toEqual({ state: 4 });
    // The seed's NetMon lines, in its order.
    expect(transcript.lines.filter((l) => l.protocol === 'SVCCTL').map((l) => l.text)).toEqual([
      `ROpenSCManagerW Request, Machine=\\\\${host.name} Database=NULL Access=0x00000004`,
      'ROpenSCManagerW Response, Status = ERROR_SUCCESS',
      'ROpenServiceW Request, ServiceName=MSExchangeSA DesiredAccess=0x00000004',
      'ROpenServiceW Response, Status = ERROR_SUCCESS',
      'RQueryServiceStatus Request',
      'RQueryServiceStatus Response, State=0x00000004: SERVICE_RUNNING, Status = ERROR_SUCCESS',
      'RCloseServiceHandle Request',
      'RCloseServiceHandle Response, Status = ERROR_SUCCESS',
      'RCloseServiceHandle Request',
      'RCloseServiceHandle Response, Status = ERROR_SUCCESS',
    ]);
    expect(transcript.lines.some((l) => l.protocol === 'SMB2' && l.text === `TREE_CONNECT Request, Path=\\\\${host.name}\\IPC$`)).toBe(true);
    // Never a secret in the transcript.
    expect(JSON.stringify(transcript.lines)).not.toContain(host.admin.password);

    setFault('sa-stopped', true, host.name);
    const stopped = await probeScm({ host: host.address, machineName: host.name, credentials: hostAdmin(host) });
    expect(stopped).toMatchObject({ outcome: 'notRunning', state: 1, stateName: 'SERVICE_STOPPED' });
    expect(impacketScmQuery(host.address, host.admin.domain, host.admin.user, host.admin.password, host.name, 'MSExchangeSA')).toEqual({ state: 1 });
  });

  it('a non-administrator gets access denied with the KB 907460 explanation', async () => {
    setFault('scm-deny', true, host.name);
    const outcome = await probeScm({ host: host.address, machineName: host.name, credentials: parseAccount(lab.helpdesk.downLevel, lab.helpdesk.password) });
    expect(outcome).toMatchObject({ outcome: 'accessDenied', code: 5, stage: 'openService', hint: SCM_ACCESS_DENIED_HINT });
    if (outcome.outcome === 'accessDenied') expect(outcome.hint).toMatch(/KB 907460/);
    expect(impacketScmQuery(host.address, lab.netbiosDomain, lab.helpdesk.user, lab.helpdesk.password, host.name, 'MSExchangeSA')).toMatchObject({ error: 5 });
    // The administrator still gets the answer.
    expect((await probeScm({ host: host.address, machineName: host.name, credentials: hostAdmin(host) })).outcome).toBe('running');
  });

  it('a wrong password is a logon failure', async () => {
    const outcome = await probeScm({ host: host.address, machineName: host.name, credentials: parseAccount(`${host.admin.domain}\\${host.admin.user}`, 'wrong') });
    expect(outcome).toMatchObject({ outcome: 'logonFailure', code: 0xc000006d });
  });

  it('a host whose TCP 445 is dropped times out within the configured timeout', async () => {
    setFault('smb-drop', true, host.name);
    const timeoutMs = 1500;
    const started = performance.now();
    const outcome = await probeScm({ host: host.address, machineName: host.name, credentials: hostAdmin(host), timeoutMs });
    const elapsed = performance.now() - started;
    expect(outcome).toMatchObject({ outcome: 'unreachable', failure: 'timedOut', port: 445 });
    expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 50);
    expect(elapsed).toBeLessThan(timeoutMs + 1000);
  });

  it('a closed port is refused at once, not timed out', async () => {
    const outcome = await probeScm({ host: host.address, machineName: host.name, credentials: hostAdmin(host), port: 446, timeoutMs: 3000 });
    expect(outcome).toMatchObject({ outcome: 'unreachable', failure: 'refused' });
    expect(outcome.elapsedMs).toBeLessThan(1000);
  });
});
