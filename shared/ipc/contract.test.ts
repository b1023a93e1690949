import { describe, expect, it } from 'vitest';
import { channels, operationNames } from './channels.ts';
import { addressChangeSchema, requestSchemas } from './contract.ts';

const change = {
  dn: 'CN=Jane Doe,OU=Helpdesk,DC=corp,DC=example,DC=test',
  expected: { proxyAddresses: ['SMTP:jane@corp.example.test'], mail: 'jane@corp.example.test', policyExcluded: [] },
  addProxyAddresses: ['smtp:j.doe@corp.example.test'],
  removeProxyAddresses: [],
  addPolicyExcluded: [],
  removePolicyExcluded: [],
};

describe('IPC contract', () => {
  it('has one schema per operation and unique feature:verb channel names', () => {
    expect(Object.keys(requestSchemas).sort()).toEqual([...operationNames].sort());
    const names = Object.values(channels);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z]+:[a-zA-Z]+$/);
  });

  it('accepts a well-formed address change', () => {
    expect(addressChangeSchema.parse(change)).toEqual(change);
    expect(addressChangeSchema.parse({ ...change, mail: null }).mail).toBeNull();
  });

  it.each([
    ['an empty value to add', { ...change, addProxyAddresses: [''] }],
    ['a missing expected snapshot', { ...change, expected: undefined }],
    ['an extra field', { ...change, replaceAll: true }],
    ['a DN that is too short', { ...change, dn: 'x' }],
    ['a non-array removal list', { ...change, removeProxyAddresses: 'smtp:a@b' }],
  ])('rejects a change with %s', (_label, payload) => {
    expect(addressChangeSchema.safeParse(payload).success).toBe(false);
  });

  it('bounds every request so a hostile renderer cannot make main allocate without limit', () => {
    expect(requestSchemas.searchUsers.safeParse({ query: 'a'.repeat(257) }).success).toBe(false);
    expect(requestSchemas.findAddressHolders.safeParse({ addresses: Array(101).fill('smtp:a@b') }).success).toBe(false);
    expect(requestSchemas.applyChange.safeParse({ jobId: '', change }).success).toBe(false);
  });
});
