// LdapDirectory against the lab's Samba AD DC. Every write is checked with OpenLDAP's ldapsearch
// (an independent client) and undone at the end of its test.
import { execFileSync, spawn } from 'node:child_process';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeLab, requireLab } from '../../../e2e/lab/lab.ts';
import { setDc, setFault } from '../../../e2e/lab/faults.ts';
import type { LabInfo } from '../../../e2e/lab/labInfo.ts';
import { ldapmodify, ldapsearch, modifyLdif, valuesOf } from '../../../e2e/bench/openldap.ts';
import { AppError } from '../../../shared/errors.ts';
import { changeOf, type UserDetails } from '../../../shared/model/directory.ts';
import { connectionProfileSchema } from '../../../shared/model/connectionProfile.ts';
import type { ConnectionProfile, ConnectionProfileInput } from '../../../shared/model/connectionProfile.ts';
import { Transcript } from '../../../shared/transcript.ts';
import { openLdapDirectory } from './ldapDirectory.ts';
import type { LdapDirectory } from './ldapDirectory.ts';
import { testConnection } from './testConnection.ts';
import { labProfileInput } from './profileArgs.ts';

function profile(as: 'admin' | 'helpdesk' = 'admin', over: Partial<ConnectionProfileInput> = {}): ConnectionProfile {
  return connectionProfileSchema.parse({ ...labProfileInput(as), timeoutSeconds: 10, ...over });
}


const sorted = (values: readonly string[]) => [...values].sort();

describeLab('LdapDirectory against the lab DC', () => {
  let lab: LabInfo;
  let admin: LdapDirectory;
  let writeDn: string;
  let original: { proxyAddresses: string[]; mail: string[] };

  beforeAll(async () => {
    lab = requireLab();
    admin = await openLdapDirectory(profile());
    writeDn = lab.users.collidingUserDns[0];
    original = { proxyAddresses: valuesOf(lab, writeDn, 'proxyAddresses'), mail: valuesOf(lab, writeDn, 'mail') };
  });

  afterEach(() => {
    // Whatever a test did, the write user goes back to how the lab made it.
    const now = { proxyAddresses: valuesOf(lab, writeDn, 'proxyAddresses'), mail: valuesOf(lab, writeDn, 'mail') };
    if (JSON.stringify(sorted(now.proxyAddresses)) !== JSON.stringify(sorted(original.proxyAddresses)) || now.mail.join() !== original.mail.join()) {
      const r = ldapmodify(
        lab,
        'admin',
        modifyLdif(writeDn, [
          { op: 'replace', attribute: 'proxyAddresses', values: original.proxyAddresses },
          { op: 'replace', attribute: 'mail', values: original.mail },
        ]),
      );
      if (r.status !== 0) throw new Error(`restore failed: ${r.stderr}`);
    }
  });

  afterAll(async () => {
    await admin?.close();
  });

  // --- connection test ------------------------------------------------------------------------

  it('connects with LDAPS and with StartTLS: every check passes', async () => {
    for (const tls of ['ldaps', 'starttls'] as const) {
      const report = await testConnection(profile('helpdesk', { tls }));
      expect(report.checks.map((c) => [c.check, c.status])).toEqual([
        ['dns', 'ok'],
        ['tcp', 'ok'],
        ['tls', 'ok'],
        ['bind', 'ok'],
        ['rootDse', 'ok'],
      ]);
      expect(report.endpoint?.port).toBe(tls === 'ldaps' ? 636 : 389);
      expect(report.rootDse?.defaultNamingContext).toBe(lab.baseDn);
    }
  });

  it('refuses plain LDAP unless allowed, and then explains "strong authentication required"', async () => {
    await expect(openLdapDirectory({ ...profile(), tls: 'none', allowPlain: false })).rejects.toMatchObject({ kind: 'validation' });
    const report = await testConnection(profile('helpdesk', { tls: 'none', allowPlain: true }));
    const bind = report.checks.find((c) => c.check === 'bind')!;
    expect(bind.status).toBe('failed');
    expect(bind.error).toMatchObject({ kind: 'strongAuthRequired', code: 8 });
    expect(bind.error?.hint).toMatch(/LDAP signing/);
    expect(bind.error?.hint).toMatch(/LDAPS|StartTLS/);
  });

  it('names a wrong password with AD data 52e', async () => {
    const report = await testConnection(profile('helpdesk', { password: 'not-the-password' }));
    const bind = report.checks.find((c) => c.check === 'bind')!;
    expect(bind.error).toMatchObject({ kind: 'auth', code: 49 });
    expect(bind.error?.message).toMatch(/password is wrong.*data 52e/);
    await expect(openLdapDirectory(profile('helpdesk', { password: 'nope' }))).rejects.toMatchObject({ kind: 'auth', code: 49 });
  });

  it('shows an untrusted certificate (no CA given) with issuer, subject and SHA-256 fingerprint', async () => {
    const report = await testConnection(profile('helpdesk', { caPem: undefined }));
    const tls = report.checks.find((c) => c.check === 'tls')!;
    expect(tls.status).toBe('failed');
    expect(tls.error?.kind).toBe('tls');
    expect(report.checks.find((c) => c.check === 'bind')!.status).toBe('skipped');
    // The fingerprint as openssl computes it from the DC's certificate file.
    const certPath = lab.dc.caCertPath.replace(/ca\.pem$/, 'cert.pem');
    const openssl = execFileSync('openssl', ['x509', '-in', certPath, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' });
    const fingerprint = openssl.trim().split('=')[1]!;
    expect(report.certificate?.sha256).toBe(fingerprint);
    expect(report.certificate?.subject).toContain(`CN=${lab.dc.fqdn.replace(/^[^.]+/, (h) => h.toUpperCase())}`);
    expect(report.certificate?.issuer).toMatch(/CA/);
    expect(tls.error?.message).toContain(fingerprint);
    // And the directory itself refuses to connect.
    await expect(openLdapDirectory(profile('helpdesk', { caPem: undefined }))).rejects.toMatchObject({ kind: 'tls' });
  });

  it('finds the DC and GC through DNS SRV records, and names a missing domain', async () => {
    if (!lab.dc.dns) throw new Error('the lab has no DNS server');
    const dnsServer = `${lab.dc.dns.address}:${lab.dc.dns.port}`;
    const transcript = new Transcript();
    const byDomain = await openLdapDirectory(
      profile('helpdesk', { dcHost: undefined, dcAddress: undefined, gcHost: undefined, gcAddress: undefined, domain: lab.domain, dnsServer }),
      { transcript },
    );
    try {
      expect(byDomain.dc.endpoint).toMatchObject({ host: lab.dc.fqdn, address: lab.dc.address, port: 636 });
      const gc = await byDomain.globalCatalog();
      expect(gc.endpoint).toMatchObject({ role: 'gc', host: lab.dc.fqdn, port: 3269 });
    } finally {
      await byDomain.close();
    }
    const report = await testConnection(profile('helpdesk', { dcHost: undefined, dcAddress: undefined, domain: 'missing.example.test', dnsServer }));
    expect(report.checks[0]).toMatchObject({ check: 'dns', status: 'failed' });
    expect(report.checks[0]!.error?.message).toMatch(/_ldap\._tcp\.dc\._msdcs\.missing\.example\.test was not found/);
  });

  // --- reading --------------------------------------------------------------------------------

  it('pages through every user and agrees with ldapsearch', async () => {
    const pages: number[] = [];
    const dns: string[] = [];
    for await (const page of admin.searchUsers('', { pageSize: 50 })) {
      pages.push(page.length);
      dns.push(...page.map((u) => u.dn));
    }
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(lab.users.count / 50));
    expect(pages.every((n) => n <= 50)).toBe(true);
    const reference = ldapsearch(lab, 'admin', lab.baseDn, '(&(objectCategory=person)(objectClass=user))', ['1.1'], { extra: ['-E', 'pr=100/noprompt'] });
    expect(sorted(dns)).toEqual(sorted(reference.map((e) => e.dn)));
    expect(dns.length).toBeGreaterThanOrEqual(lab.users.count);
  });

  it('finds users by name (anr) and by any proxy address', async () => {
    const collect = async (q: string) => {
      const out: string[] = [];
      for await (const page of admin.searchUsers(q)) out.push(...page.map((u) => u.dn));
      return out;
    };
    expect(await collect('Sales Desk')).toEqual(expect.arrayContaining(lab.users.collidingUserDns));
    const address = lab.users.collidingAddress.replace(/^[^:]+:/, '');
    expect(sorted(await collect(address.split('@')[0]!))).toEqual(expect.arrayContaining(lab.users.collidingUserDns));
    expect(await collect('no-such-person-xyz*)(')).toEqual([]);
  });

  it('reads the 1,500+ values user whole, also through explicit range windows', async () => {
    const reference = valuesOf(lab, lab.users.rangeUserDn, 'proxyAddresses');
    expect(reference.length).toBe(lab.users.rangeUserValueCount);
    const plain = await admin.getUser(lab.users.rangeUserDn);
    expect(sorted(plain.proxyAddresses)).toEqual(sorted(reference));
    const transcript = new Transcript();
    const ranged = await admin.getUser(lab.users.rangeUserDn, { rangeStep: 500, transcript });
    expect(ranged.proxyAddresses).toEqual(plain.proxyAddresses);
    const rangeRequests = transcript.lines.filter((l) => l.direction === 'clientToServer' && /Search Request/.test(l.text));
    expect(rangeRequests.length).toBe(1 + Math.ceil(lab.users.rangeUserValueCount / 500));
  });

  it('throws notFound for a DN that does not exist', async () => {
    await expect(admin.getUser(`CN=Nobody Here,${lab.users.ouDns[0]}`)).rejects.toMatchObject({ kind: 'notFound', code: 32 });
  });

  it('lists the Exchange servers in the original order with the original request', async () => {
    const transcript = new Transcript();
    const servers = await admin.listExchangeServers({ transcript });
    expect(servers.map((s) => s.name)).toEqual(lab.exchangeHosts.map((h) => h.name));
    expect(servers.map((s) => s.host.toLowerCase())).toEqual(lab.exchangeHosts.map((h) => h.fqdn.toLowerCase()));
    expect(servers.map((s) => s.whenCreated)).toEqual([...servers.map((s) => s.whenCreated)].sort());
    expect(transcript.lines.map((l) => l.text)).toContain(
      `Search Request, BaseObject: CN=Microsoft Exchange,CN=Services,${lab.configurationDn}, SearchScope: WholeSubtree, SearchAlias: neverDerefAliases Filter: (objectCategory=msExchExchangeServer)`,
    );
  });

  // --- uniqueness -----------------------------------------------------------------------------

  it('finds an address in use case- and prefix-insensitively on the GC, naming the holders', async () => {
    const local = lab.users.collidingAddress.replace(/^[^:]+:/, '');
    for (const asked of [`smtp:${local}`, `SMTP:${local.toUpperCase()}`, `Smtp:${local}`]) {
      const report = await admin.checkAddresses([asked]);
      expect(report.method).toBe('gc');
      expect(report.partialAttributeSet).toBe(true);
      expect(sorted(report.holders.map((h) => h.dn))).toEqual(sorted(lab.users.collidingUserDns));
      expect(report.holders.every((h) => h.address === asked && h.storedValue.toLowerCase() === `smtp:${local}`.toLowerCase())).toBe(true);
      expect(report.holders.every((h) => h.displayName.length > 0)).toBe(true);
    }
    // The user being edited is not a conflict with himself.
    const excluded = await admin.findAddressHolders([lab.users.collidingAddress], { excludeDn: lab.users.collidingUserDns[0] });
    expect(excluded.map((h) => h.dn)).toEqual([lab.users.collidingUserDns[1]]);
  });

  it('matches injection strings only literally', async () => {
    const local = lab.users.collidingAddress.replace(/^[^:]+:/, '');
    const tricky = ['smtp:*', 'SMTP:*', `smtp:${local.slice(0, 4)}*`, `smtp:*)(proxyAddresses=*`, 'smtp:\\2a', `smtp:${local}\u0000`, `smtp:${local})(|(cn=*`, '*', ')(', '\\'];
    const report = await admin.checkAddresses(tricky);
    expect(report.holders).toEqual([]);
    const onDcs = await admin.checkAddresses(tricky, { mode: 'domains' });
    expect(onDcs.holders).toEqual([]);
  });

  it('checks 20 addresses in one GC query, the same as the per-domain fallback', async () => {
    const addresses = Array.from({ length: 19 }, (_, i) => `smtp:batch.free.${i}@${lab.domain}`);
    addresses.splice(7, 0, lab.users.collidingAddress.toUpperCase());
    const transcript = new Transcript();
    const report = await admin.checkAddresses(addresses, { transcript });
    const gcSearches = transcript.lines.filter((l) => l.direction === 'clientToServer' && /BaseObject: NULL, SearchScope: WholeSubtree/.test(l.text));
    expect(gcSearches).toHaveLength(1);
    expect(report.holders.map((h) => h.address)).toEqual([addresses[7], addresses[7]]);
    const fallback = await admin.checkAddresses(addresses, { mode: 'domains' });
    expect(fallback.method).toBe('domains');
    expect(fallback.searchedBases).toEqual([lab.baseDn]);
    expect(sorted(fallback.holders.map((h) => h.dn))).toEqual(sorted(report.holders.map((h) => h.dn)));
  });

  // --- writing --------------------------------------------------------------------------------

  it('lets the non-admin helpdesk account add and remove one value, as ldapsearch confirms', async () => {
    const helpdesk = await openLdapDirectory(profile('helpdesk'));
    try {
      const added = `smtp:helpdesk.added@${lab.domain}`;
      const before = await helpdesk.getUser(writeDn);
      const transcript = new Transcript();
      const after = await helpdesk.applyChange(changeOf(before, { addProxyAddresses: [added] }), { transcript });
      expect(after.proxyAddresses).toContain(added);
      expect(sorted(valuesOf(lab, writeDn, 'proxyAddresses'))).toEqual(sorted([...before.proxyAddresses, added]));
      const modify = transcript.lines.find((l) => /Modify Request/.test(l.text))!;
      expect(modify.text).toContain(`add proxyAddresses [${added}]`);
      expect(modify.text).not.toMatch(/replace/);

      const removed = await helpdesk.applyChange(changeOf(after, { removeProxyAddresses: [added] }));
      expect(sorted(removed.proxyAddresses)).toEqual(sorted(before.proxyAddresses));
      expect(sorted(valuesOf(lab, writeDn, 'proxyAddresses'))).toEqual(sorted(before.proxyAddresses));
    } finally {
      await helpdesk.close();
    }
  });

  it('maps insufficient rights (50) and an over-long value (19) to clear errors, writing nothing', async () => {
    const helpdesk = await openLdapDirectory(profile('helpdesk'));
    try {
      // The helpdesk's rights are delegated on user objects only; a group's addresses are not his.
      const groupDn = `CN=Domain Users,CN=Users,${lab.baseDn}`;
      const group = await helpdesk.getUser(groupDn);
      const denied = (await helpdesk.applyChange(changeOf(group, { addProxyAddresses: [`smtp:not.allowed@${lab.domain}`] })).catch((e: unknown) => e)) as AppError;
      expect(denied).toBeInstanceOf(AppError);
      expect(denied.kind).toBe('accessDenied');
      expect(denied.code).toBe(50);
      expect(denied.message).toMatch(/LDAP 50/);
      expect(valuesOf(lab, groupDn, 'proxyAddresses')).not.toContain(`smtp:not.allowed@${lab.domain}`);

      const before = await helpdesk.getUser(writeDn);
      const tooLong = `smtp:${'x'.repeat(1200)}@${lab.domain}`; // rangeUpper of proxyAddresses is 1123
      const refused = (await helpdesk.applyChange(changeOf(before, { addProxyAddresses: [tooLong] })).catch((e: unknown) => e)) as AppError;
      expect(refused).toBeInstanceOf(AppError);
      expect(refused.kind).toBe('validation');
      // AD answers constraintViolation (19) for a value over rangeUpper; Samba 4.17 invalidAttributeSyntax (21).
      expect([19, 21]).toContain(refused.code);
      expect(refused.hint).toMatch(/1123/);
      expect(sorted(valuesOf(lab, writeDn, 'proxyAddresses'))).toEqual(sorted(before.proxyAddresses));
    } finally {
      await helpdesk.close();
    }
  });

  it('unticks and reticks "update based on recipient policy" (msExchPoliciesExcluded)', async () => {
    const guid = '{26491CFC-9E50-4857-861B-0CB8DF22B5D7}';
    const before = await admin.getUser(writeDn);
    expect(before.policyExcluded).toEqual([]);
    const off = await admin.applyChange(changeOf(before, { addPolicyExcluded: [guid] }));
    expect(off.policyExcluded).toEqual([guid]);
    expect(valuesOf(lab, writeDn, 'msExchPoliciesExcluded')).toEqual([guid]);
    const on = await admin.applyChange(changeOf(off, { removePolicyExcluded: [guid] }));
    expect(on.policyExcluded).toEqual([]);
    expect(valuesOf(lab, writeDn, 'msExchPoliciesExcluded')).toEqual([]);
  });

  it('swaps the primary and mail in one modify', async () => {
    const before = await admin.getUser(writeDn);
    const primary = before.proxyAddresses.find((v) => v.startsWith('SMTP:'))!;
    const secondary = before.proxyAddresses.find((v) => v.startsWith('smtp:'))!;
    const newPrimary = `SMTP:${secondary.slice(5)}`;
    const after = await admin.applyChange(
      changeOf(before, {
        removeProxyAddresses: [primary, secondary],
        addProxyAddresses: [`smtp:${primary.slice(5)}`, newPrimary],
        mail: secondary.slice(5),
      }),
    );
    expect(after.proxyAddresses).toContain(newPrimary);
    expect(valuesOf(lab, writeDn, 'proxyAddresses')).toContain(newPrimary);
    expect(valuesOf(lab, writeDn, 'proxyAddresses')).toContain(`smtp:${primary.slice(5)}`);
    expect(valuesOf(lab, writeDn, 'mail')).toEqual([secondary.slice(5)]);
  });

  it('reports a concurrent ldapmodify between read and write and loses nothing', async () => {
    const theirs = `smtp:someone.else@${lab.domain}`;
    const ours = `smtp:ours@${lab.domain}`;
    const before = await admin.getUser(writeDn);
    expect(ldapmodify(lab, 'admin', modifyLdif(writeDn, [{ op: 'add', attribute: 'proxyAddresses', values: [theirs] }])).status).toBe(0);
    const error = (await admin.applyChange(changeOf(before, { addProxyAddresses: [ours] })).catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.kind).toBe('conflict');
    expect((error.details as { current: UserDetails }).current.proxyAddresses).toContain(theirs);
    const stored = valuesOf(lab, writeDn, 'proxyAddresses');
    expect(stored).toContain(theirs);
    expect(stored).not.toContain(ours);
  });

  it('catches the race after the comparison through the value-level delete (LDAP 16)', async () => {
    const before = await admin.getUser(writeDn);
    const secondary = before.proxyAddresses.find((v) => v.startsWith('smtp:'))!;
    const ours = `smtp:replacement@${lab.domain}`;
    const error = (await admin
      .applyChangeDetailed(changeOf(before, { removeProxyAddresses: [secondary], addProxyAddresses: [ours] }), {
        hooks: {
          // Another admin removes the same value after our comparison, just before our modify.
          beforeModify: async () => {
            expect(ldapmodify(lab, 'admin', modifyLdif(writeDn, [{ op: 'delete', attribute: 'proxyAddresses', values: [secondary] }])).status).toBe(0);
          },
        },
      })
      .catch((e: unknown) => e)) as AppError;
    expect(error.kind).toBe('conflict');
    expect(error.message).toMatch(/LDAP 16/);
    expect((error.details as { current: UserDetails }).current.proxyAddresses).not.toContain(secondary);
    // The modify was refused whole: our add did not happen either.
    expect(valuesOf(lab, writeDn, 'proxyAddresses')).not.toContain(ours);
  });

  it('catches a concurrent mail change through delete-old-value', async () => {
    const before = await admin.getUser(writeDn);
    const error = (await admin
      .applyChangeDetailed(changeOf(before, { mail: `new.mail@${lab.domain}` }), {
        hooks: {
          beforeModify: async () => {
            expect(ldapmodify(lab, 'admin', modifyLdif(writeDn, [{ op: 'replace', attribute: 'mail', values: [`their.mail@${lab.domain}`] }])).status).toBe(0);
          },
        },
      })
      .catch((e: unknown) => e)) as AppError;
    expect(error.kind).toBe('conflict');
    expect(valuesOf(lab, writeDn, 'mail')).toEqual([`their.mail@${lab.domain}`]);
  });

  it('says "not written" when the DC dies during the write, once it is back', async () => {
    const before = await admin.getUser(writeDn);
    const ours = `smtp:during.outage@${lab.domain}`;
    let restart: Promise<void> | null = null;
    const result = await admin
      .applyChangeDetailed(changeOf(before, { addProxyAddresses: [ours] }), {
        verifyWindowMs: 45_000,
        hooks: {
          beforeModify: async () => {
            setDc('stop');
            // Bring it back in the background while our client is trying to verify.
            restart = new Promise((resolve) => {
              setTimeout(() => {
                const child = spawn('bash', [lab.controlScript, 'dc', 'start'], { stdio: 'ignore' });
                child.once('close', () => resolve());
              }, 1500);
            });
          },
        },
      })
      .catch((e: unknown) => e);
    await restart;
    expect(result).toBeInstanceOf(AppError);
    expect((result as AppError).details).toMatchObject({ outcome: 'notWritten' });
    expect(valuesOf(lab, writeDn, 'proxyAddresses')).not.toContain(ours);
    // The same directory object works again on a fresh connection.
    expect((await admin.getUser(writeDn)).proxyAddresses).toEqual(expect.arrayContaining(before.proxyAddresses));
  }, 90_000);

  it('says "not written" when the DC stops answering mid-write (packets dropped)', async () => {
    const dir = await openLdapDirectory(profile('admin', { timeoutSeconds: 3 }));
    try {
      const before = await dir.getUser(writeDn);
      const ours = `smtp:during.drop@${lab.domain}`;
      const faultSetAt = Date.now();
      const result = await dir
        .applyChangeDetailed(changeOf(before, { addProxyAddresses: [ours] }), {
          verifyWindowMs: 40_000,
          hooks: {
            beforeModify: async () => {
              setFault('dc-unreachable', true);
              setTimeout(() => setFault('dc-unreachable', false), 5000);
            },
          },
        })
        .catch((e: unknown) => e);
      expect(result).toBeInstanceOf(AppError);
      expect((result as AppError).details).toMatchObject({ outcome: 'notWritten' });
      expect(valuesOf(lab, writeDn, 'proxyAddresses')).not.toContain(ours);
      // The abandoned request must not arrive late either: our client resets (RST) the dead
      // connection, so the kernel does not retransmit the modify once the path is back.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, faultSetAt + 12_000 - Date.now())));
      expect(valuesOf(lab, writeDn, 'proxyAddresses')).not.toContain(ours);
    } finally {
      setFault('dc-unreachable', false);
      await dir.close();
    }
  }, 90_000);
});
