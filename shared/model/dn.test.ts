import { describe, expect, it } from 'vitest';
import { containerOf, splitDn } from './dn.ts';

describe('dn helpers', () => {
  it('splits honouring escaped commas', () => {
    expect(splitDn('CN=Doe\\, John,OU=Sales,DC=corp,DC=example,DC=test')).toEqual([
      'CN=Doe\\, John',
      'OU=Sales',
      'DC=corp',
      'DC=example',
      'DC=test',
    ]);
  });
  it('shows the container like a canonical name', () => {
    expect(containerOf('CN=Doe\\, John,OU=Europe,OU=Sales,DC=corp,DC=example,DC=test')).toBe('corp.example.test/Sales/Europe');
    expect(containerOf('CN=Administrator,CN=Users,DC=corp,DC=example,DC=test')).toBe('corp.example.test/Users');
  });
});
