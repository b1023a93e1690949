// The validation workflow against the lab: real probes (OS ping, SCM over SMB2, endpoint mapper,
// System Attendant bind) on EXCH01..03, the real LDAP directory (admin, LDAPS, the lab CA), and the
// original's failover rules shown by lab faults. Every write is checked with OpenLDAP's ldapsearch
// and undone. Run alone: `npx vitest run --project lab electron/node/workflow`.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeLab, requireLab } from '../../../e2e/lab/lab.ts';
import { resetFaults, setFault } from '../../../e2e/lab/faults.ts';
import type { LabInfo } from '../../../e2e/lab/labInfo.ts';
import { ldapmodify, ldapsearch, valuesOf } from '../../../e2e/bench/openldap.ts';
import type { AppError } from '../../../shared/errors.ts';
import { connectionProfileSchema } from '../../../shared/model/connectionProfile.ts';
import { changeOf, type AddressChange } from '../../../shared/model/directory.ts';
import { type WorkflowEvent, type WorkflowFailureDetails } from '../../../shared/model/workflow.ts';
import { defaultWorkflowSettings, type WorkflowSettings } from '../../../shared/model/workflowSettings.ts';
import { openLdapDirectory, type LdapDirectory } from '../ldap/ldapDirectory.ts';
import { labProfileInput } from '../ldap/profileArgs.ts';
import { NetworkProbes } from './networkProbes.ts';
import { probesFor } from './probesFor.ts';
import { runWorkflow } from './workflow.ts';

const NEW_ADDRESS = 'smtp:workflow.lab@corp.example.test';
const SETTINGS: WorkflowSettings = { ...defaultWorkflowSettings, pingTimeoutMs: 1000, scmTimeoutMs: 4000, saTimeoutMs: 4000 };

/** Probes built from lab.json: the hosts' local administrator (or the helpdesk account), addresses without DNS. */
function labProbes(lab: LabInfo, settings: WorkflowSettings = SETTINGS, as: 'admin' | 'helpdesk' = 'admin'): NetworkProbes {
  const admin = lab.exchangeHosts[0]!.admin;
  return new NetworkProbes({
    credentials: as === 'admin' ? { user: admin.user, domain: admin.domain, password: admin.password } : { user: lab.helpdesk.user, domain: lab.netbiosDomain, password: lab.helpdesk.password },
    settings,
    hostAddresses: new Map(lab.exchangeHosts.map((h) => [h.fqdn.toLowerCase(), h.address])),
  });
}

describeLab('the validation workflow against the lab', () => {
  let lab: LabInfo;
  let directory: LdapDirectory;
  let userDn: string;
  let original: { proxyAddresses: string[]; mail: string[] };

  beforeAll(async () => {
    lab = requireLab();
    resetFaults();
    directory = await openLdapDirectory(
      connectionProfileSchema.parse({ ...labProfileInput('admin'), timeoutSeconds: 10 }),
    );
    // A plain Finance user that no other lab test writes to (not in lab.json's special lists).
    const special = new Set([...lab.users.collidingUserDns, lab.users.rangeUserDn, ...((lab.users as { policyExcludedUserDns?: string[] }).policyExcludedUserDns ?? [])].map((d) => d.toLowerCase()));
    const finance = lab.users.ouDns.find((d) => d.startsWith('OU=Finance')) ?? lab.users.ouDns[0]!;
    const candidates = ldapsearch(lab, 'admin', finance, '(&(objectClass=user)(proxyAddresses=*))', ['dn'], { scope: 'one' })
      .map((e) => e.dn)
      .filter((d) => !special.has(d.toLowerCase()))
      .sort();
    userDn = candidates[0]!;
    original = { proxyAddresses: valuesOf(lab, userDn, 'proxyAddresses'), mail: valuesOf(lab, userDn, 'mail') };
    expect(original.proxyAddresses.map((v) => v.toLowerCase())).not.toContain(NEW_ADDRESS);
  });

  afterEach(() => {
    resetFaults();
    // Restore the user exactly as it was (with an independent client).
    const now = valuesOf(lab, userDn, 'proxyAddresses');
    if ([...now].sort().join('\n') !== [...original.proxyAddresses].sort().join('\n')) {
      const r = ldapmodify(lab, 'admin', `dn: ${userDn}\nchangetype: modify\nreplace: proxyAddresses\n${original.proxyAddresses.map((v) => `proxyAddresses: ${v}`).join('\n')}\n-\n`);
      expect(r.status, r.stderr).toBe(0);
    }
  });

  afterAll(async () => {
    resetFaults();
    await directory?.close();
  });

  async function change(add: string[] = [NEW_ADDRESS]): Promise<AddressChange> {
    return changeOf(await directory.getUser(userDn), { addProxyAddresses: add });
  }

  async function flow(settings: Partial<WorkflowSettings> = {}, add?: string[], probes = labProbes(lab, { ...SETTINGS, ...settings })) {
    const events: WorkflowEvent[] = [];
    const steps = new Map<string, string>();
    const outcome = await runWorkflow({
      directory,
      change: await change(add),
      settings: { ...SETTINGS, ...settings },
      probes,
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'stepChanged') steps.set(e.stepId, e.state);
      },
    }).then(
      (result) => ({ result, error: null }),
      (error: unknown) => ({ result: null, error: error as AppError }),
    );
    const wire = events.flatMap((e) => (e.type === 'wire' ? [e.line.text] : []));
    return { ...outcome, steps, wire, stored: valuesOf(lab, userDn, 'proxyAddresses').map((v) => v.toLowerCase()) };
  }

  const [oldest, second] = [() => lab.exchangeHosts[0]!.name, () => lab.exchangeHosts[1]!.name];

  for (const failover of ['sequential', 'parallel'] as const) {
    it(`${failover}: healthy lab: the oldest server (EXCH02) is chosen over the wire, then GC check and write`, async () => {
      expect(oldest()).toBe('EXCH02');
      const r = await flow({ failover });
      expect(r.error).toBeNull();
      expect(r.result!.chosenServer).toMatchObject({ name: 'EXCH02', port: lab.exchangeHosts[0]!.saPort, portSource: 'endpointMapper' });
      expect(r.wire).toContain('RQueryServiceStatus Response, State=0x00000004: SERVICE_RUNNING, Status = ERROR_SUCCESS');
      expect(r.wire.some((l) => l.startsWith('Response: ept_map:') && l.includes(`${lab.exchangeHosts[0]!.address}:${lab.exchangeHosts[0]!.saPort}`))).toBe(true);
      expect(r.steps.get('write')).toBe('done');
      expect(r.stored).toContain(NEW_ADDRESS);
    });

    it(`${failover}: EXCH02's ICMP dropped: the next oldest (${'EXCH03'}) is chosen`, async () => {
      setFault('icmp', true, oldest());
      const r = await flow({ failover });
      expect(r.result!.chosenServer!.name).toBe(second());
      expect(second()).toBe('EXCH03');
      expect(r.steps.get('ping:EXCH02')).toBe('failed');
      expect(r.steps.get('scm:EXCH02')).toBe('skipped');
      expect(r.stored).toContain(NEW_ADDRESS);
    });
  }

  it('EXCH02 sa-stopped: SERVICE_STOPPED on the wire, failover to EXCH03', async () => {
    setFault('sa-stopped', true, oldest());
    const r = await flow({ failover: 'sequential' });
    expect(r.wire).toContain('RQueryServiceStatus Response, State=0x00000001: SERVICE_STOPPED, Status = ERROR_SUCCESS');
    expect(r.steps.get('scm:EXCH02')).toBe('failed');
    expect(r.result!.chosenServer!.name).toBe('EXCH03');
  });

  it('all three servers unreachable by ping: c10308a2, nothing written', async () => {
    for (const host of lab.exchangeHosts) setFault('icmp', true, host.name);
    const r = await flow({ failover: 'parallel' });
    const details = r.error!.details as WorkflowFailureDetails;
    expect(details.originalDialog!.id).toBe('c10308a2');
    expect(details.attempts.map((a) => [a.server, a.stage])).toEqual(lab.exchangeHosts.map((h) => [h.name, 'ping']));
    expect(r.steps.get('write')).toBe('skipped');
    expect(r.stored).not.toContain(NEW_ADDRESS);
  });

  it('EXCH02 sa-unregistered: c00706d9 from ept_s_not_registered, and no further server is tried', async () => {
    setFault('sa-unregistered', true, oldest());
    const r = await flow({ failover: 'sequential' });
    const details = r.error!.details as WorkflowFailureDetails;
    expect(details.originalDialog).toMatchObject({ id: 'c00706d9', facility: 'Win32' });
    expect(r.error!.code).toBe(1753);
    expect(r.error!.step).toBe('endpointMapper');
    expect(details.attempts.map((a) => a.server)).toEqual(['EXCH02']);
    for (const host of lab.exchangeHosts.slice(1)) expect(r.steps.get(`ping:${host.name}`)).toBe('skipped');
    expect(r.wire.some((l) => l.includes(lab.exchangeHosts[1]!.address))).toBe(false);
    expect(r.stored).not.toContain(NEW_ADDRESS);
  });

  it('KB 270836: a static port for EXCH02 bypasses its endpoint mapper (even with the SA unregistered there) and the write goes through', async () => {
    setFault('sa-unregistered', true, oldest());
    const host = lab.exchangeHosts[0]!;
    const r = await flow({ failover: 'sequential', saStaticPorts: { [host.name]: host.saPort } });
    expect(r.error).toBeNull();
    expect(r.result!.chosenServer).toMatchObject({ name: 'EXCH02', port: host.saPort, portSource: 'static' });
    expect(r.wire.some((l) => l.startsWith('Request: ept_map'))).toBe(false);
    expect(r.wire.some((l) => l.includes(`Static port ${host.saPort} (KB 270836)`))).toBe(true);
    expect(r.stored).toContain(NEW_ADDRESS);
  });

  it('EXCH02 sa-reject (port reset): c00706d9 at the System Attendant step, no further server', async () => {
    setFault('sa-reject', true, oldest());
    const r = await flow({ failover: 'parallel' });
    expect((r.error!.details as WorkflowFailureDetails).originalDialog!.id).toBe('c00706d9');
    expect(r.error!.step).toBe('systemAttendant');
    expect(r.steps.get('endpointMapper:EXCH03')).toBe('skipped');
  });

  it('an address other users hold: c10312e7 naming them, nothing written (ldapsearch)', async () => {
    const r = await flow({ failover: 'parallel' }, [lab.users.collidingAddress]);
    expect(r.error, 'the GC check must refuse').not.toBeNull();
    const details = r.error!.details as WorkflowFailureDetails;
    expect(details.originalDialog).toMatchObject({ id: 'c10312e7', text: 'This e-mail address already exists in this organization.' });
    expect(details.holders!.map((h) => h.dn).sort()).toEqual([...lab.users.collidingUserDns].sort());
    for (const dn of lab.users.collidingUserDns) expect(r.error!.message).toContain(dn);
    expect(r.steps.get('globalCatalog')).toBe('failed');
    expect(r.steps.get('write')).toBe('skipped');
    expect(r.stored).not.toContain(lab.users.collidingAddress.toLowerCase());
  });

  it('Direct mode writes with every Exchange host down; no Exchange host is contacted', async () => {
    for (const host of lab.exchangeHosts) setFault('down', true, host.name);
    const r = await flow({ mode: 'direct' });
    expect(r.error).toBeNull();
    for (const id of ['findServers', 'orderServers', 'ping', 'scm', 'endpointMapper', 'systemAttendant']) expect(r.steps.get(id)).toBe('skipped');
    expect(r.wire.some((l) => lab.exchangeHosts.some((h) => l.includes(h.address)))).toBe(false);
    expect(r.stored).toContain(NEW_ADDRESS);
  });

  it('KB 907460: a non-administrator refused by EXCH02\'s SCM fails over; refused everywhere, c10308a2 (accessDenied)', async () => {
    setFault('scm-deny', true, oldest());
    const one = await flow({ failover: 'sequential' }, undefined, labProbes(lab, SETTINGS, 'helpdesk'));
    expect(one.steps.get('scm:EXCH02')).toBe('failed');
    expect(one.result!.chosenServer!.name).toBe('EXCH03');
    for (const host of lab.exchangeHosts) setFault('scm-deny', true, host.name);
    // The first run wrote NEW_ADDRESS; ask for another one.
    const other = 'smtp:workflow.lab2@corp.example.test';
    const all = await flow({ failover: 'parallel' }, [other], labProbes(lab, SETTINGS, 'helpdesk'));
    expect(all.error!.kind).toBe('accessDenied');
    expect((all.error!.details as WorkflowFailureDetails).originalDialog!.id).toBe('c10308a2');
    expect(all.error!.hint).toContain('KB 907460');
    expect(all.stored).not.toContain(other);
  });

  it('the app path: probes from the directory (profile account over NTLM, names through the lab DNS)', async () => {
    const probes = await probesFor(directory, SETTINGS);
    const r = await flow({}, undefined, probes as NetworkProbes);
    expect(r.error).toBeNull();
    expect(r.result!.chosenServer!.name).toBe('EXCH02');
    expect(r.wire.some((l) => l.includes(`NTLMSSP_AUTH User=${lab.admin.downLevel}`))).toBe(true);
  });
});
