import { describe, expect, it } from 'vitest';
import { containerOf, dnsNameOf, rdnValue, sameDn, splitDn } from './dn.ts';

describe('dn helpers', () => {
  it('splits on unescaped commas only', () => {
    expect(splitDn('CN=Doe\\, John,OU=Sales,DC=corp,DC=example,DC=test')).toEqual(['CN=Doe\\, John', 'OU=Sales', 'DC=corp', 'DC=example', 'DC=test']);
  });
  it('unescapes RDN values, hex pairs included', () => {
    expect(rdnValue('CN=Doe\\, John')).toBe('Doe, John');
    expect(rdnValue('CN=M\\c3\\bcller')).toBe('Müller');
    expect(rdnValue('CN=a\\\\41')).toBe('a\\41');
  });
  it('shows the container like a canonical name', () => {
    expect(containerOf('CN=Doe\\, John,OU=Sales,OU=Staff,DC=corp,DC=example,DC=test')).toBe('corp.example.test/Staff/Sales');
    expect(containerOf('CN=Administrator,CN=Users,DC=corp,DC=example,DC=test')).toBe('corp.example.test/Users');
  });
  it('converts naming contexts and compares DNs', () => {
    expect(dnsNameOf('DC=corp,DC=example,DC=test')).toBe('corp.example.test');
    expect(sameDn('cn=a, dc=x', 'CN=A,DC=X')).toBe(true);
    expect(sameDn('cn=a,dc=x', 'cn=b,dc=x')).toBe(false);
  });
});
