import { describe, expect, it } from 'vitest';
import { ResultCodeError, NoSuchAttributeError, TypeOrValueExistsError, InsufficientAccessError } from 'ldapts';
import { AppError } from '../../../shared/errors.ts';
import type { AddressChange, UserDetails } from '../../../shared/model/directory.ts';
import { POLICY_EXCLUDED_GUID } from '../../../shared/model/directory.ts';
import { applyAddressChange, changeIsStored, matchesSnapshot, modificationsFor } from './applyChange.ts';
import { toLdapAppError } from './ldapErrors.ts';
import { ReplaySession } from './replaySession.ts';

const DN = 'CN=Sales Desk A,OU=Sales,OU=Staff,DC=corp,DC=example,DC=test';
const user = (proxyAddresses: string[], mail: string | null = 'a@corp.example.test', policyExcluded: string[] = []): UserDetails => ({
  dn: DN,
  displayName: 'Sales Desk A',
  samAccountName: 'sales.desk.a',
  mail,
  ou: 'corp.example.test/Staff/Sales',
  proxyAddresses,
  policyExcluded,
  legacyExchangeDN: null,
  whenChanged: null,
});
const base = ['SMTP:a@corp.example.test', 'smtp:b@corp.example.test'];
const change = (over: Partial<AddressChange> = {}): AddressChange => ({
  dn: DN,
  expected: { proxyAddresses: base, mail: 'a@corp.example.test', policyExcluded: [] },
  addProxyAddresses: ['smtp:new@corp.example.test'],
  removeProxyAddresses: [],
  addPolicyExcluded: [],
  removePolicyExcluded: [],
  ...over,
});
const endpoint = 'dc01 (LDAPS)';
const ldapFail = (e: ResultCodeError) => {
  throw toLdapAppError(e, { endpoint, operation: 'modify' });
};

describe('modificationsFor', () => {
  it('adds exactly the new value and never replaces the list', () => {
    expect(modificationsFor(change())).toEqual([{ operation: 'add', attribute: 'proxyAddresses', values: ['smtp:new@corp.example.test'] }]);
  });

  it('makes a new primary with delete-then-add of the two values, and deletes the old mail by value', () => {
    const mods = modificationsFor(
      change({
        addProxyAddresses: ['smtp:a@corp.example.test', 'SMTP:b@corp.example.test'],
        removeProxyAddresses: ['SMTP:a@corp.example.test', 'smtp:b@corp.example.test'],
        mail: 'b@corp.example.test',
      }),
    );
    expect(mods).toEqual([
      { operation: 'delete', attribute: 'proxyAddresses', values: ['SMTP:a@corp.example.test', 'smtp:b@corp.example.test'] },
      { operation: 'add', attribute: 'proxyAddresses', values: ['smtp:a@corp.example.test', 'SMTP:b@corp.example.test'] },
      { operation: 'delete', attribute: 'mail', values: ['a@corp.example.test'] },
      { operation: 'add', attribute: 'mail', values: ['b@corp.example.test'] },
    ]);
    expect(mods.some((m) => m.operation === 'replace')).toBe(false);
  });

  it('ticks the policy box off by adding the GUID value', () => {
    expect(modificationsFor(change({ addProxyAddresses: [], addPolicyExcluded: [POLICY_EXCLUDED_GUID] }))).toEqual([
      { operation: 'add', attribute: 'msExchPoliciesExcluded', values: [POLICY_EXCLUDED_GUID] },
    ]);
  });
});

describe('snapshots', () => {
  it('compares values exactly (case marks the primary) and in any order', () => {
    expect(matchesSnapshot(user([...base].reverse()), change().expected)).toBe(true);
    expect(matchesSnapshot(user(['smtp:a@corp.example.test', 'smtp:b@corp.example.test']), change().expected)).toBe(false);
    expect(matchesSnapshot(user(base, 'x@corp.example.test'), change().expected)).toBe(false);
  });

  it('knows when a change is stored', () => {
    expect(changeIsStored(user([...base, 'smtp:new@corp.example.test']), change())).toBe(true);
    expect(changeIsStored(user(base), change())).toBe(false);
  });
});

describe('applyAddressChange', () => {
  it('re-reads, compares, sends one value-level modify, reads back', async () => {
    const reads = [user(base), user([...base, 'smtp:new@corp.example.test'])];
    const session = new ReplaySession(() => undefined);
    const result = await applyAddressChange(session, async () => reads.shift()!, change());
    expect(result.outcome).toBe('written');
    expect(result.user.proxyAddresses).toContain('smtp:new@corp.example.test');
    expect(session.requests).toEqual([{ op: 'modify', dn: DN, changes: modificationsFor(change()) }]);
  });

  it('refuses to write when the stored data changed since it was read', async () => {
    const session = new ReplaySession(() => undefined);
    const current = user([...base, 'smtp:someone.else@corp.example.test']);
    const error = (await applyAddressChange(session, async () => current, change()).catch((e: unknown) => e)) as AppError;
    expect(error.kind).toBe('conflict');
    expect((error.details as { current: UserDetails }).current).toEqual(current);
    expect(session.requests).toHaveLength(0);
  });

  it.each([
    ['noSuchAttribute (16)', new NoSuchAttributeError('00002A01: value not there')],
    ['attributeOrValueExists (20)', new TypeOrValueExistsError('00002083: value exists')],
  ])('turns %s from a race after the comparison into a conflict with a fresh read', async (_name, ldapError) => {
    const fresh = user([...base, 'smtp:new@corp.example.test'], 'a@corp.example.test');
    const reads = [user(base), fresh];
    const session = new ReplaySession(() => ldapFail(ldapError));
    const error = (await applyAddressChange(session, async () => reads.shift()!, change()).catch((e: unknown) => e)) as AppError;
    expect(error.kind).toBe('conflict');
    expect(error.code).toBeUndefined();
    expect((error.details as { current: UserDetails }).current).toBe(fresh);
  });

  it('maps insufficient rights to accessDenied', async () => {
    const session = new ReplaySession(() => ldapFail(new InsufficientAccessError('00002098: Insufficient access')));
    const error = (await applyAddressChange(session, async () => user(base), change()).catch((e: unknown) => e)) as AppError;
    expect(error.kind).toBe('accessDenied');
    expect(error.code).toBe(50);
  });

  it('after a dropped connection, reports a change found stored as written', async () => {
    const reads = [user(base), user([...base, 'smtp:new@corp.example.test'])];
    const session = new ReplaySession(() => {
      throw new AppError({ kind: 'connect', message: 'The connection to dc01 was lost during the modify.' });
    });
    const result = await applyAddressChange(session, async () => reads.shift()!, change());
    expect(result.outcome).toBe('writtenAfterReconnect');
    expect(session.resets).toBeGreaterThan(0);
  });

  it('after a dropped connection, reports an unchanged user as not written', async () => {
    const session = new ReplaySession(() => {
      throw new AppError({ kind: 'timeout', message: 'dc01 did not answer the modify in time.' });
    });
    const error = (await applyAddressChange(session, async () => user(base), change()).catch((e: unknown) => e)) as AppError;
    expect(error.kind).toBe('connect');
    expect((error.details as { outcome: string }).outcome).toBe('notWritten');
  });

  it('when the DC stays away, says the outcome is unknown', async () => {
    let reads = 0;
    const session = new ReplaySession(() => {
      throw new AppError({ kind: 'connect', message: 'The connection to dc01 was lost during the modify.' });
    });
    const readUser = async () => {
      if (reads++ === 0) return user(base);
      throw new AppError({ kind: 'connect', message: 'refused' });
    };
    const error = (await applyAddressChange(session, readUser, change(), { verifyWindowMs: 50 }).catch((e: unknown) => e)) as AppError;
    expect(error.kind).toBe('unavailable');
    expect((error.details as { outcome: string }).outcome).toBe('unknown');
  });
});
