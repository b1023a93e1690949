// The connection layer against the lab DC: account states named by AD's sub-codes, timeouts and
// cancellation, and a fresh bind after the server dropped the connection (AD's idle disconnect).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeLab, requireLab } from '../../../e2e/lab/lab.ts';
import { setDc, setFault } from '../../../e2e/lab/faults.ts';
import type { LabInfo } from '../../../e2e/lab/labInfo.ts';
import { ldapmodify, ldapsearch } from '../../../e2e/bench/openldap.ts';
import { AppError } from '../../../shared/errors.ts';
import { connectionProfileSchema } from '../../../shared/model/connectionProfile.ts';
import type { ConnectionProfile, ConnectionProfileInput } from '../../../shared/model/connectionProfile.ts';
import { Transcript } from '../../../shared/transcript.ts';
import { openLdapDirectory } from './ldapDirectory.ts';
import { testConnection } from './testConnection.ts';

const TEMP_SAM = 'h4.state.test';
const TEMP_PASSWORD = 'Temp-State-2026!';

function profile(lab: LabInfo, over: Partial<ConnectionProfileInput> = {}): ConnectionProfile {
  return connectionProfileSchema.parse({
    dcHost: lab.dc.fqdn,
    dcAddress: lab.dc.address,
    tls: 'ldaps',
    user: lab.helpdesk.upn,
    password: lab.helpdesk.password,
    caPem: readFileSync(lab.dc.caCertPath, 'utf8'),
    timeoutSeconds: 10,
    ...over,
  });
}

/** LDIF for an admin change; unicodePwd is the quoted password in UTF-16LE ([MS-ADTS] 3.1.1.3.1.5.1). */
function ldif(lines: string[]): string {
  return `${lines.join('\n')}\n\n`;
}

describeLab('LdapConnection against the lab DC', () => {
  let lab: LabInfo;
  let tempDn: string;

  beforeAll(() => {
    lab = requireLab();
    tempDn = `CN=H4 State Test,CN=Users,${lab.baseDn}`;
    ldapmodify(lab, 'admin', ldif([`dn: ${tempDn}`, 'changetype: delete']));
    const pwd = Buffer.from(`"${TEMP_PASSWORD}"`, 'utf16le').toString('base64');
    const r = ldapmodify(
      lab,
      'admin',
      ldif([`dn: ${tempDn}`, 'changetype: add', 'objectClass: user', `sAMAccountName: ${TEMP_SAM}`, `userPrincipalName: ${TEMP_SAM}@${lab.domain}`, `unicodePwd:: ${pwd}`, 'userAccountControl: 512']),
    );
    if (r.status !== 0) throw new Error(`could not create the temporary user: ${r.stderr}`);
  });

  afterAll(() => {
    ldapmodify(lab, 'admin', ldif([`dn: ${tempDn}`, 'changetype: delete']));
  });

  const bindError = async () => {
    const report = await testConnection(profile(lab, { user: `${TEMP_SAM}@${lab.domain}`, password: TEMP_PASSWORD }));
    return report.checks.find((c) => c.check === 'bind')!;
  };

  it('binds as a fresh account, then names it disabled (533) and expired (701)', async () => {
    expect((await bindError()).status).toBe('ok');

    expect(ldapmodify(lab, 'admin', ldif([`dn: ${tempDn}`, 'changetype: modify', 'replace: userAccountControl', 'userAccountControl: 514', '-'])).status).toBe(0);
    const disabled = await bindError();
    expect(disabled.error).toMatchObject({ kind: 'auth', code: 49 });
    expect(disabled.error?.message).toMatch(/disabled.*data 533/);

    expect(ldapmodify(lab, 'admin', ldif([`dn: ${tempDn}`, 'changetype: modify', 'replace: userAccountControl', 'userAccountControl: 512', '-', 'replace: accountExpires', 'accountExpires: 116444736000000000', '-'])).status).toBe(0);
    const expired = await bindError();
    expect(expired.error).toMatchObject({ kind: 'auth', code: 49 });
    expect(expired.error?.message).toMatch(/expired.*data 701/);
  });

  it('names a closed port', async () => {
    const report = await testConnection(profile(lab, { ldapPort: 1636 }));
    const tcp = report.checks.find((c) => c.check === 'tcp')!;
    expect(tcp.status).toBe('failed');
    expect(tcp.error).toMatchObject({ kind: 'connect' });
    expect(tcp.error?.message).toMatch(/1636.*port is closed \(ECONNREFUSED\)/);
    expect(report.checks.filter((c) => c.status === 'skipped').map((c) => c.check)).toEqual(['tls', 'bind', 'rootDse']);
  });

  it('times out within the profile timeout when the DC stops answering', async () => {
    const dir = await openLdapDirectory(profile(lab, { timeoutSeconds: 2 }));
    try {
      setFault('dc-unreachable', true);
      const started = Date.now();
      const error = (await dir.getUser(lab.helpdesk.dn).catch((e: unknown) => e)) as AppError;
      const took = Date.now() - started;
      expect(error).toBeInstanceOf(AppError);
      expect(error.kind).toBe('timeout');
      expect(error.hint).toBeTruthy();
      expect(took).toBeGreaterThanOrEqual(1900);
      expect(took).toBeLessThan(6000);
    } finally {
      setFault('dc-unreachable', false);
      await dir.close();
    }
  });

  it('cancels a hanging operation at once through its AbortSignal', async () => {
    const dir = await openLdapDirectory(profile(lab, { timeoutSeconds: 20 }));
    try {
      setFault('dc-unreachable', true);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const started = Date.now();
      const error = (await dir.listExchangeServers({ signal: controller.signal }).catch((e: unknown) => e)) as AppError;
      expect(error.kind).toBe('cancelled');
      expect(Date.now() - started).toBeLessThan(1500);
      setFault('dc-unreachable', false);
      // The directory is usable again afterwards, on a new connection.
      expect((await dir.listExchangeServers()).length).toBe(lab.exchangeHosts.length);
    } finally {
      setFault('dc-unreachable', false);
      await dir.close();
    }
  });

  it('binds afresh when the server dropped the connection (DC restart, like the idle disconnect)', async () => {
    const transcript = new Transcript();
    const dir = await openLdapDirectory(profile(lab), { transcript });
    try {
      await dir.getUser(lab.helpdesk.dn, { transcript });
      setDc('stop');
      setDc('start');
      const user = await dir.getUser(lab.helpdesk.dn, { transcript });
      expect(user.samAccountName.toLowerCase()).toBe(lab.helpdesk.user.toLowerCase());
      expect(transcript.lines.filter((l) => /^Bind Request/.test(l.text))).toHaveLength(2);
      // Still the helpdesk account, not an anonymous connection: it can read what anonymous cannot.
      const self = ldapsearch(lab, 'helpdesk', lab.helpdesk.dn, '(objectClass=*)', ['sAMAccountName'], { scope: 'base' });
      expect(self[0]?.attrs['samaccountname']?.[0]?.toLowerCase()).toBe(user.samAccountName.toLowerCase());
    } finally {
      await dir.close();
    }
  }, 90_000);
});
