import { describe, expect, it } from 'vitest';
import { EqualityFilter, FilterParser, OrFilter } from 'ldapts';
import { addressVariants, holderFilter, searchHolders } from './uniqueness.ts';
import { entry, ReplaySession } from './replaySession.ts';

const A = 'CN=Sales Desk A,OU=Sales,OU=Staff,DC=corp,DC=example,DC=test';
const B = 'CN=Sales Desk B,OU=Sales,OU=Staff,DC=corp,DC=example,DC=test';

describe('holderFilter', () => {
  it('asks for the typed value and both prefix cases', () => {
    expect(addressVariants('smtp:X@y')).toEqual(['smtp:X@y', 'SMTP:X@y']);
    expect(addressVariants('X400:c=US;a= ;p=Org')).toEqual(['X400:c=US;a= ;p=Org', 'x400:c=US;a= ;p=Org']);
  });

  it('checks 20 addresses in one OR filter of escaped equality assertions', () => {
    const addresses = Array.from({ length: 20 }, (_, i) => `smtp:user${i}*)(@corp.example.test`);
    const parsed = FilterParser.parseString(holderFilter(addresses)) as OrFilter;
    expect(parsed).toBeInstanceOf(OrFilter);
    expect(parsed.filters).toHaveLength(40);
    expect(parsed.filters.every((f) => f instanceof EqualityFilter && f.attribute === 'proxyAddresses')).toBe(true);
    expect(new Set(parsed.filters.map((f) => String((f as EqualityFilter).value).toLowerCase())).size).toBe(20);
  });
});

describe('searchHolders', () => {
  it('names each holder, matches case-insensitively, skips the user being edited, in one search', async () => {
    const session = new ReplaySession(() => [
      entry(A, { distinguishedName: A, displayName: 'Sales Desk A', proxyAddresses: ['SMTP:sales.desk.a@corp.example.test', 'smtp:sales.team@corp.example.test'] }),
      entry(B, { distinguishedName: B, displayName: 'Sales Desk B', proxyAddresses: ['SMTP:Sales.Team@corp.example.test'] }),
    ]);
    const holders = await searchHolders(session, '', ['SMTP:SALES.TEAM@corp.example.test', 'smtp:free@corp.example.test'], { excludeDn: A.toUpperCase() });
    expect(holders).toEqual([{ address: 'SMTP:SALES.TEAM@corp.example.test', storedValue: 'SMTP:Sales.Team@corp.example.test', dn: B, displayName: 'Sales Desk B' }]);
    expect(session.requests).toHaveLength(1);
    expect(session.requests[0]).toMatchObject({ op: 'search', params: { base: '', scope: 'sub' } });
  });

  it('completes a ranged proxyAddresses before deciding which address matched', async () => {
    const many = Array.from({ length: 1600 }, (_, i) => `smtp:r${i}@corp.example.test`);
    const session = new ReplaySession((r) => {
      if (r.op !== 'search') return [];
      if (r.params.base === '') return [entry(A, { distinguishedName: A, displayName: 'Range', 'proxyAddresses;range=0-1499': many.slice(0, 1500) })];
      return [entry(A, { 'proxyAddresses;range=1500-*': many.slice(1500) })];
    });
    const holders = await searchHolders(session, '', ['smtp:R1599@corp.example.test']);
    expect(holders).toEqual([{ address: 'smtp:R1599@corp.example.test', storedValue: 'smtp:r1599@corp.example.test', dn: A, displayName: 'Range' }]);
  });
});
