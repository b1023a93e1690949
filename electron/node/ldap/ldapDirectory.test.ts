import { describe, expect, it } from 'vitest';
import { connectionProfileSchema } from '../../../shared/model/connectionProfile.ts';
import { LdapDirectory } from './ldapDirectory.ts';
import { entry, ReplaySession } from './replaySession.ts';
import type { ReplayRequest } from './replaySession.ts';
import type { RootDse } from './rootDse.ts';

const FOREST = 'DC=corp,DC=example,DC=test';
const CHILD = 'DC=emea,DC=corp,DC=example,DC=test';
const CONFIG = `CN=Configuration,${FOREST}`;
const rootDse: RootDse = {
  defaultNamingContext: FOREST,
  rootDomainNamingContext: FOREST,
  configurationNamingContext: CONFIG,
  schemaNamingContext: `CN=Schema,${CONFIG}`,
  dnsHostName: 'dc01.corp.example.test',
  isGlobalCatalogReady: true,
  supportedLdapVersion: ['3'],
};
const profile = connectionProfileSchema.parse({ dcHost: 'dc01.corp.example.test', user: 'helpdesk1@corp.example.test', password: 'x' });
const holder = (dn: string, value: string) => entry(dn, { distinguishedName: dn, displayName: dn.slice(3, dn.indexOf(',')), proxyAddresses: [value] });

function forest(pas: boolean) {
  return (request: ReplayRequest) => {
    if (request.op !== 'search') return [];
    const { base, filter } = request.params;
    if (base === rootDse.schemaNamingContext) return [entry(`CN=Proxy-Addresses,${base}`, { isMemberOfPartialAttributeSet: pas ? 'TRUE' : 'FALSE' })];
    if (base === `CN=Partitions,${CONFIG}`) {
      expect(filter).toBe('(&(objectClass=crossRef)(systemFlags:1.2.840.113556.1.4.803:=2))');
      return [entry(`CN=CORP,${base}`, { nCName: FOREST, dnsRoot: 'corp.example.test' }), entry(`CN=EMEA,${base}`, { nCName: CHILD, dnsRoot: 'emea.corp.example.test' })];
    }
    if (base === FOREST) return [holder(`CN=A,OU=Sales,${FOREST}`, 'smtp:x@corp.example.test')];
    if (base === CHILD) return [holder(`CN=B,OU=Users,${CHILD}`, 'SMTP:X@corp.example.test')];
    if (base === '') return [holder(`CN=A,OU=Sales,${FOREST}`, 'smtp:x@corp.example.test'), holder(`CN=B,OU=Users,${CHILD}`, 'SMTP:X@corp.example.test')];
    return [];
  };
}

describe('LdapDirectory.checkAddresses', () => {
  it('asks the GC once when proxyAddresses is in the partial attribute set', async () => {
    const dc = new ReplaySession(forest(true));
    const gc = new ReplaySession(forest(true), { role: 'gc', host: 'dc01.corp.example.test', address: '192.0.2.10', port: 3269, tls: 'ldaps' });
    const directory = new LdapDirectory(profile, dc, rootDse, () => gc);
    const report = await directory.checkAddresses(['smtp:x@corp.example.test']);
    expect(report.method).toBe('gc');
    expect(report.holders.map((h) => h.dn)).toEqual([`CN=A,OU=Sales,${FOREST}`, `CN=B,OU=Users,${CHILD}`]);
    expect(gc.requests).toHaveLength(1);
  });

  it('says so and searches every domain on its DC when it is not', async () => {
    const dc = new ReplaySession(forest(false));
    const made: string[] = [];
    const directory = new LdapDirectory(
      profile,
      dc,
      rootDse,
      (endpoint) => {
        made.push(endpoint.host);
        return new ReplaySession(forest(false), endpoint);
      },
      async (dnsRoot) => ({ role: 'dc', host: `dc01.${dnsRoot}`, address: '192.0.2.20', port: 636, tls: 'ldaps' }),
    );
    const report = await directory.checkAddresses(['smtp:x@corp.example.test']);
    expect(report.method).toBe('domains');
    expect(report.partialAttributeSet).toBe(false);
    expect(report.warning).toMatch(/not in the Global Catalog's partial attribute set/);
    expect(report.searchedBases).toEqual([FOREST, CHILD]);
    expect(report.holders.map((h) => [h.dn, h.storedValue])).toEqual([
      [`CN=A,OU=Sales,${FOREST}`, 'smtp:x@corp.example.test'],
      [`CN=B,OU=Users,${CHILD}`, 'SMTP:X@corp.example.test'],
    ]);
    // The forest root is searched on the connected DC; only the child domain needs a new connection.
    expect(made).toEqual(['dc01.emea.corp.example.test']);
  });
});
