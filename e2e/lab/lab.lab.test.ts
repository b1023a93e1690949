// Self-tests of the lab, with independent clients only: OpenLDAP's ldapsearch/ldapmodify, impacket
// (probe.py via /usr/bin/python3), smbclient/rpcclient, iputils ping, and Node's own DNS resolver
// and TCP sockets. Nothing here uses AddressDesk code: these prove the servers, not our clients.
import { execFileSync, spawnSync } from 'node:child_process';
import { Resolver } from 'node:dns/promises';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeLab, requireLab } from './lab.ts';
import { resetFaults, resetLab, setDc, setFault } from './faults.ts';
import type { FaultName } from './faults.ts';
import type { LabInfo } from './labInfo.ts';

const PY = '/usr/bin/python3';
const PROBE = resolve(import.meta.dirname, 'probe.py');
const SA_UUID = '469d6ec0-0d87-11ce-b13f-00aa003bac6c';
const UNKNOWN_UUID = '12345678-1234-abcd-ef00-0123456789ab';
const EPT_S_NOT_REGISTERED = 0x16c9a0d6;
const ERROR_ACCESS_DENIED = 5;
const SERVICE_RUNNING = 4;
const SERVICE_STOPPED = 1;

type Probe = Record<string, unknown> & { error?: number; message?: string };

function probe(...args: (string | number)[]): Probe {
  const out = execFileSync(PY, [PROBE, ...args.map(String)], { encoding: 'utf8', timeout: 30_000 });
  return JSON.parse(out) as Probe;
}

/** ldapsearch -LLL with unfolded lines; returns entries as attribute -> values maps. */
function ldapsearch(lab: LabInfo, url: string, bind: 'admin' | 'helpdesk', base: string, filter: string, attrs: string[], extra: string[] = []): Record<string, string[]>[] {
  const acct = bind === 'admin' ? lab.admin : lab.helpdesk;
  const r = spawnSync('ldapsearch', ['-LLL', '-o', 'ldif-wrap=no', '-H', url, ...extra, '-x', '-D', acct.downLevel, '-w', acct.password, '-b', base, filter, ...attrs], {
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, LDAPTLS_CACERT: lab.dc.caCertPath, LDAPTLS_REQCERT: 'never' },
  });
  if (r.status !== 0) throw new Error(`ldapsearch ${url} failed (${r.status}): ${r.stderr}`);
  return r.stdout
    .split('\n\n')
    .filter((b) => b.trim().startsWith('dn:'))
    .map((block) => {
      const entry: Record<string, string[]> = {};
      for (const line of block.split('\n')) {
        const m = /^([^:]+):(:?) ?(.*)$/.exec(line);
        if (!m) continue;
        const value = m[2] === ':' ? Buffer.from(m[3] ?? '', 'base64').toString('utf8') : (m[3] ?? '');
        (entry[m[1]!] ??= []).push(value);
      }
      return entry;
    });
}

function expectScm(args: (string | number)[], state: number): void {
  const r = probe('scm', ...args);
  expect(r, JSON.stringify(r)).toEqual({ state });
}

function ldapmodify(lab: LabInfo, bind: 'admin' | 'helpdesk', ldif: string): { status: number | null; stderr: string } {
  const acct = bind === 'admin' ? lab.admin : lab.helpdesk;
  const r = spawnSync('ldapmodify', ['-H', `ldaps://${lab.dc.address}:${lab.dc.ldapsPort}`, '-x', '-D', acct.downLevel, '-w', acct.password], {
    input: ldif,
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, LDAPTLS_CACERT: lab.dc.caCertPath, LDAPTLS_REQCERT: 'never' },
  });
  return { status: r.status, stderr: r.stderr };
}

function ping(address: string): boolean {
  return spawnSync('ping', ['-c', '1', '-W', '1', address], { timeout: 5_000 }).status === 0;
}

type ConnectResult = 'connected' | 'refused' | 'timeout' | 'unreachable' | string;
function tcp(address: string, port: number, timeoutMs = 1_500): Promise<{ result: ConnectResult; ms: number }> {
  const started = Date.now();
  return new Promise((done) => {
    const s = connect({ host: address, port });
    const finish = (result: ConnectResult) => {
      s.destroy();
      done({ result, ms: Date.now() - started });
    };
    s.setTimeout(timeoutMs, () => finish('timeout'));
    s.once('connect', () => finish('connected'));
    s.once('error', (e: NodeJS.ErrnoException) => finish(e.code === 'ECONNREFUSED' ? 'refused' : e.code === 'EHOSTUNREACH' ? 'unreachable' : (e.code ?? e.message)));
  });
}

describeLab('AddressDesk test lab', () => {
  let lab: LabInfo;
  const touched = new Set<string>();
  beforeAll(() => {
    lab = requireLab();
  });
  afterEach(() => {
    if (touched.size > 0) {
      resetFaults();
      touched.clear();
    }
  });
  afterAll(() => {
    resetFaults();
  });
  function fault(name: FaultName, on: boolean, host?: string): void {
    touched.add(name);
    setFault(name, on, host);
  }
  const ldaps = () => `ldaps://${lab.dc.address}:${lab.dc.ldapsPort}`;
  const host = (name: string) => {
    const h = lab.exchangeHosts.find((x) => x.name === name);
    if (!h) throw new Error(`no host ${name}`);
    return h;
  };

  it('describes three ready hosts in whenCreated order, oldest not EXCH01', () => {
    expect(lab.exchangeHosts.map((h) => h.name)).toHaveLength(3);
    expect(lab.hostsReady).toBe(true);
    const times = lab.exchangeHosts.map((h) => Date.parse(h.whenCreated));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Set(times).size).toBe(3);
    expect(lab.exchangeHosts[0]!.name).not.toBe('EXCH01');
    expect(lab.exchangeHosts.every((h) => h.saPort === 4560)).toBe(true);
  });

  it('finds the Exchange servers by objectCategory, in the whenCreated order of lab.json', () => {
    const entries = ldapsearch(lab, ldaps(), 'helpdesk', `CN=Microsoft Exchange,CN=Services,${lab.configurationDn}`, '(objectCategory=msExchExchangeServer)', ['cn', 'whenCreated', 'networkAddress']);
    expect(entries).toHaveLength(3);
    const ordered = [...entries].sort((a, b) => a.whenCreated![0]!.localeCompare(b.whenCreated![0]!));
    expect(ordered.map((e) => e.cn![0])).toEqual(lab.exchangeHosts.map((h) => h.name));
    for (const e of entries) {
      const h = host(e.cn![0]!);
      expect(e.networkAddress).toContain(`ncacn_ip_tcp:${h.fqdn}`);
      expect(e.networkAddress).toContain(`ncacn_nb_nb:${h.name}`);
    }
  });

  it('has the Exchange schema: proxyAddresses in the partial attribute set, msExchPoliciesExcluded on users', () => {
    const schema = `CN=Schema,${lab.configurationDn}`;
    const pa = ldapsearch(lab, ldaps(), 'admin', schema, '(lDAPDisplayName=proxyAddresses)', ['isMemberOfPartialAttributeSet']);
    expect(pa[0]!.isMemberOfPartialAttributeSet).toEqual(['TRUE']);
    const pe = ldapsearch(lab, ldaps(), 'admin', schema, '(lDAPDisplayName=msExchPoliciesExcluded)', ['isSingleValued', 'attributeSyntax']);
    expect(pe[0]).toMatchObject({ isSingleValued: ['FALSE'], attributeSyntax: ['2.5.5.12'] });
    const excluded = ldapsearch(lab, ldaps(), 'helpdesk', lab.baseDn, '(msExchPoliciesExcluded={26491CFC-9E50-4857-861B-0CB8DF22B5D7})', ['dn']);
    expect(excluded.length).toBeGreaterThan(20);
  });

  it('the GC (3268, StartTLS) finds an address case-insensitively, prefix included', () => {
    const [prefix, address] = lab.users.collidingAddress.split(/:(.*)/s) as [string, string];
    const filter = `(proxyAddresses=${prefix.toUpperCase()}:${address.toUpperCase()})`;
    const hits = ldapsearch(lab, `ldap://${lab.dc.address}:${lab.dc.gcPort}`, 'helpdesk', '', filter, ['distinguishedName'], ['-ZZ']);
    expect(hits.map((h) => h.dn![0]).sort()).toEqual([...lab.users.collidingUserDns].sort());
    const tls = ldapsearch(lab, `ldaps://${lab.dc.address}:${lab.dc.gcsPort}`, 'helpdesk', '', filter.toLowerCase(), ['distinguishedName']);
    expect(tls).toHaveLength(2);
  });

  it('serves ranged retrieval when asked (Samba returns all values when not asked, unlike AD)', () => {
    const e = ldapsearch(lab, ldaps(), 'helpdesk', lab.users.rangeUserDn, '(objectClass=*)', ['proxyAddresses;range=0-1499'], ['-s', 'base']);
    expect(e[0]!['proxyAddresses;range=0-1499']).toHaveLength(1500);
  });

  it('refuses a simple bind over plain LDAP (strong auth required stays on)', () => {
    const r = spawnSync('ldapsearch', ['-x', '-H', `ldap://${lab.dc.address}`, '-D', lab.admin.downLevel, '-w', lab.admin.password, '-b', '', '-s', 'base'], { encoding: 'utf8', timeout: 10_000 });
    expect(r.status).toBe(8);
    expect(r.stderr).toMatch(/Strong\(er\) authentication required/);
  });

  it('seeds 200+ users in several OUs, a range user with 1,500+ addresses', () => {
    expect(lab.users.count).toBeGreaterThanOrEqual(200);
    const users = ldapsearch(lab, ldaps(), 'helpdesk', `OU=Staff,${lab.baseDn}`, '(&(objectCategory=person)(proxyAddresses=*))', ['dn']);
    expect(users.length).toBe(lab.users.count);
    const range = ldapsearch(lab, ldaps(), 'admin', lab.users.rangeUserDn, '(objectClass=*)', ['proxyAddresses'], ['-s', 'base']);
    expect(range[0]!.proxyAddresses!.length).toBe(lab.users.rangeUserValueCount);
    expect(lab.users.rangeUserValueCount).toBeGreaterThan(1500);
    const types = new Set(ldapsearch(lab, ldaps(), 'helpdesk', lab.users.ouDns[0]!, '(proxyAddresses=*)', ['proxyAddresses']).flatMap((e) => e.proxyAddresses!.map((p) => p.split(':')[0])));
    for (const t of ['SMTP', 'smtp', 'X400', 'X500', 'SIP', 'NOTES']) expect(types).toContain(t);
  });

  it('the DNS answers the SRV records and the hosts', async () => {
    const r = new Resolver({ timeout: 2_000, tries: 1 });
    r.setServers([`${lab.dc.dns!.address}:${lab.dc.dns!.port}`]);
    expect(await r.resolveSrv(`_ldap._tcp.dc._msdcs.${lab.domain}`)).toEqual([expect.objectContaining({ name: lab.dc.fqdn, port: 389 })]);
    expect(await r.resolveSrv(`_gc._tcp.${lab.domain}`)).toEqual([expect.objectContaining({ name: lab.dc.fqdn, port: 3268 })]);
    for (const h of lab.exchangeHosts) expect(await r.resolve4(h.fqdn)).toEqual([h.address]);
  });

  it('lets the helpdesk account write proxyAddresses but nothing unrelated', () => {
    const dn = lab.users.collidingUserDns[0];
    const add = ldapmodify(lab, 'helpdesk', `dn: ${dn}\nchangetype: modify\nadd: proxyAddresses\nproxyAddresses: smtp:selftest@${lab.domain}\n`);
    expect(add.status).toBe(0);
    const del = ldapmodify(lab, 'helpdesk', `dn: ${dn}\nchangetype: modify\ndelete: proxyAddresses\nproxyAddresses: smtp:selftest@${lab.domain}\n`);
    expect(del.status).toBe(0);
    const denied = ldapmodify(lab, 'helpdesk', `dn: ${dn}\nchangetype: modify\nreplace: description\ndescription: not allowed\n`);
    expect(denied.status).toBe(50);
  });

  it('each host answers SMB2 with NTLMv2 for CORP accounts; signing required where lab.json says', () => {
    for (const h of lab.exchangeHosts) {
      const r = probe('smb', h.address, lab.helpdesk.user, lab.helpdesk.password);
      expect(r.error, JSON.stringify(r)).toBeUndefined();
      expect(r.signingRequired).toBe(h.signingRequired === true);
    }
    expect(lab.exchangeHosts.some((h) => h.signingRequired)).toBe(true);
    // smbclient (Samba's client) with the down-level name, as the brief asks.
    const h = lab.exchangeHosts[0]!;
    const r = spawnSync('smbclient', ['-s', lab.clientSmbConf ?? '/dev/null', '-U', `${lab.helpdesk.downLevel}%${lab.helpdesk.password}`, `//${h.address}/IPC$`, '-c', 'exit'], { encoding: 'utf8', timeout: 15_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it('each SCM reports MSExchangeSA RUNNING, and STOPPED with sa-stopped', () => {
    for (const h of lab.exchangeHosts) {
      expectScm([h.address, lab.helpdesk.user, lab.helpdesk.password], SERVICE_RUNNING);
      expectScm([h.address, h.admin.user, h.admin.password], SERVICE_RUNNING);
    }
    const h = lab.exchangeHosts[1]!;
    fault('sa-stopped', true, h.name);
    expectScm([h.address, lab.helpdesk.user, lab.helpdesk.password], SERVICE_STOPPED);
    expectScm([lab.exchangeHosts[0]!.address, lab.helpdesk.user, lab.helpdesk.password], SERVICE_RUNNING);
    fault('sa-stopped', false, h.name);
    expectScm([h.address, lab.helpdesk.user, lab.helpdesk.password], SERVICE_RUNNING);
  });

  it('scm-deny: ACCESS_DENIED to the non-admin, RUNNING to the local administrator', () => {
    const h = lab.exchangeHosts[2]!;
    fault('scm-deny', true, h.name);
    expect(probe('scm', h.address, lab.helpdesk.user, lab.helpdesk.password).error).toBe(ERROR_ACCESS_DENIED);
    expectScm([h.address, h.admin.user, h.admin.password], SERVICE_RUNNING);
    fault('scm-deny', false, h.name);
    expectScm([h.address, lab.helpdesk.user, lab.helpdesk.password], SERVICE_RUNNING);
  });

  it('each endpoint mapper maps the SA to its port, where a bind succeeds; unknown -> ept_s_not_registered', () => {
    const { uuid, major, minor } = lab.systemAttendant;
    expect(uuid).toBe(SA_UUID);
    for (const h of lab.exchangeHosts) {
      expect(probe('epm', h.address, uuid, `${major}.${minor}`)).toMatchObject({ port: h.saPort });
      expect(probe('epm', h.address, UNKNOWN_UUID, '1.0').error).toBe(EPT_S_NOT_REGISTERED);
      expect(probe('bind', h.address, h.saPort, uuid, `${major}.${minor}`)).toEqual({ bound: true });
      expect(probe('bind', h.address, h.saPort, UNKNOWN_UUID, '1.0')).toMatchObject({ bound: false, reason: expect.stringMatching(/abstract_syntax_not_supported/) });
    }
    // The DC's own endpoint mapper does not know the SA either.
    expect(probe('epm', lab.dc.address, uuid, `${major}.${minor}`).error).toBe(EPT_S_NOT_REGISTERED);
  });

  it('sa-unregistered removes the SA from one endpoint mapper only, and off restores it', () => {
    const [a, b] = lab.exchangeHosts as [LabInfo['exchangeHosts'][0], LabInfo['exchangeHosts'][0]];
    const v = `${lab.systemAttendant.major}.${lab.systemAttendant.minor}`;
    fault('sa-unregistered', true, a.name);
    expect(probe('epm', a.address, SA_UUID, v).error).toBe(EPT_S_NOT_REGISTERED);
    expect(probe('epm', b.address, SA_UUID, v)).toMatchObject({ port: b.saPort });
    fault('sa-unregistered', false, a.name);
    expect(probe('epm', a.address, SA_UUID, v)).toMatchObject({ port: a.saPort });
  });

  it('icmp drops pings to one host only; off restores', () => {
    const [a, b] = lab.exchangeHosts as [LabInfo['exchangeHosts'][0], LabInfo['exchangeHosts'][0]];
    expect(ping(a.address)).toBe(true);
    fault('icmp', true, a.name);
    expect(ping(a.address)).toBe(false);
    expect(ping(b.address)).toBe(true);
    fault('icmp', false, a.name);
    expect(ping(a.address)).toBe(true);
  });

  it('sa-drop makes the SA port hang, sa-reject refuses it at once, smb-drop hangs 445', async () => {
    const h = lab.exchangeHosts[0]!;
    fault('sa-drop', true, h.name);
    expect((await tcp(h.address, h.saPort, 1_500)).result).toBe('timeout');
    expect((await tcp(h.address, 445)).result).toBe('connected');
    fault('sa-drop', false, h.name);
    fault('sa-reject', true, h.name);
    const rej = await tcp(h.address, h.saPort);
    expect(rej.result).toBe('refused');
    expect(rej.ms).toBeLessThan(500);
    fault('sa-reject', false, h.name);
    expect((await tcp(h.address, h.saPort)).result).toBe('connected');
    fault('smb-drop', true, h.name);
    expect((await tcp(h.address, 445, 1_500)).result).toBe('timeout');
    expect((await tcp(h.address, 135)).result).toBe('connected');
    fault('smb-drop', false, h.name);
    expect((await tcp(h.address, 445)).result).toBe('connected');
  });

  it('down makes a host unreachable entirely; off restores it', async () => {
    const h = lab.exchangeHosts[2]!;
    fault('down', true, h.name);
    expect(ping(h.address)).toBe(false);
    expect(['unreachable', 'timeout']).toContain((await tcp(h.address, 445, 5_000)).result);
    fault('down', false, h.name);
    expect(ping(h.address)).toBe(true);
    expect((await tcp(h.address, 445)).result).toBe('connected');
    expectScm([h.address, lab.helpdesk.user, lab.helpdesk.password], SERVICE_RUNNING);
  });

  it('dc-unreachable drops all traffic to the DC; off restores LDAP', async () => {
    fault('dc-unreachable', true);
    expect((await tcp(lab.dc.address, lab.dc.ldapPort, 1_500)).result).toBe('timeout');
    expect((await tcp(lab.exchangeHosts[0]!.address, 445)).result).toBe('connected');
    fault('dc-unreachable', false);
    expect(ldapsearch(lab, ldaps(), 'helpdesk', '', '(objectClass=*)', ['defaultNamingContext'], ['-s', 'base'])[0]!.defaultNamingContext).toEqual([lab.baseDn]);
  });

  it('dc stop/start: LDAP refused while stopped, back after start', async () => {
    setDc('stop');
    try {
      expect((await tcp(lab.dc.address, lab.dc.ldapsPort)).result).toBe('refused');
    } finally {
      setDc('start');
    }
    expect((await tcp(lab.dc.address, lab.dc.ldapsPort)).result).toBe('connected');
  });

  it('reset restores the seed data and clears faults', () => {
    const dn = lab.users.collidingUserDns[1];
    expect(ldapmodify(lab, 'admin', `dn: ${dn}\nchangetype: modify\nreplace: mail\nmail: changed@${lab.domain}\n`).status).toBe(0);
    setFault('icmp', true, lab.exchangeHosts[0]!.name);
    const started = Date.now();
    resetLab();
    const ms = Date.now() - started;
    expect(ms).toBeLessThan(30_000);
    expect(ldapsearch(lab, ldaps(), 'helpdesk', dn, '(objectClass=*)', ['mail'], ['-s', 'base'])[0]!.mail).toEqual([`sales.desk.b@${lab.domain}`]);
    expect(ping(lab.exchangeHosts[0]!.address)).toBe(true);
  });
});
