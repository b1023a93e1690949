import { describe, expect, it } from 'vitest';
import { dnsNameOf, generalizedTimeToIso, parentPath, sameDn, splitDn } from './dn.ts';

describe('dn', () => {
  it('splits on unescaped commas only', () => {
    expect(splitDn('CN=Doe\\, John,OU=Sales,DC=corp,DC=example,DC=test')).toEqual(['CN=Doe\\, John', 'OU=Sales', 'DC=corp', 'DC=example', 'DC=test']);
  });
  it('shows the parent container as ADUC does', () => {
    expect(parentPath('CN=Doe\\, John,OU=Sales,OU=Staff,DC=corp,DC=example,DC=test')).toBe('corp.example.test/Staff/Sales');
    expect(parentPath('CN=Administrator,CN=Users,DC=corp,DC=example,DC=test')).toBe('corp.example.test/Users');
  });
  it('converts naming contexts and times', () => {
    expect(dnsNameOf('DC=corp,DC=example,DC=test')).toBe('corp.example.test');
    expect(generalizedTimeToIso('20261203164518.0Z')).toBe('2026-12-03T16:45:18.000Z');
    expect(generalizedTimeToIso('garbage')).toBeNull();
    expect(sameDn('cn=a, dc=x', 'CN=A,DC=X')).toBe(true);
  });
});
