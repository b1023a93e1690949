import { describe, expect, it } from 'vitest';
import { POLICY_EXCLUDED_GUID, type UserDetails } from '../model/directory.ts';
import { describeConflict } from './conflict.ts';
import {
  add,
  canSetPrimary,
  currentValues,
  edit,
  isDirty,
  primaryCandidates,
  remove,
  removalNeedsNewPrimary,
  replay,
  rows,
  setPolicyEnabled,
  setPrimary,
  startSession,
  toAddressChange,
  type EditSession,
  type SessionResult,
} from './editSession.ts';

function user(patch: Partial<UserDetails> = {}): UserDetails {
  return {
    dn: 'CN=John Doe,OU=Sales,DC=corp,DC=example,DC=test',
    displayName: 'John Doe',
    samAccountName: 'jdoe',
    mail: 'jdoe@corp.example.test',
    ou: 'corp.example.test/Sales',
    proxyAddresses: ['SMTP:jdoe@corp.example.test', 'smtp:john.doe@corp.example.test', 'X400:c=US;a= ;p=Corp;o=Exchange;s=Doe;g=John;'],
    policyExcluded: [],
    legacyExchangeDN: '/o=Corp/ou=First Administrative Group/cn=Recipients/cn=jdoe',
    whenChanged: '2026-12-01T10:00:00.000Z',
    ...patch,
  };
}

function ok(result: SessionResult): EditSession {
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('; '));
  return result.session;
}

const idOf = (s: EditSession, value: string) => {
  const row = rows(s).find((r) => r.value.toLowerCase() === value.toLowerCase());
  if (!row) throw new Error(`no row ${value}`);
  return row.id;
};

describe('starting a session', () => {
  it('shows the stored list, grouped by type with the primary first, nothing pending', () => {
    const s = startSession(user());
    expect(rows(s).map((r) => [r.type, r.address, r.isPrimary, r.state])).toEqual([
      ['SMTP', 'jdoe@corp.example.test', true, 'unchanged'],
      ['SMTP', 'john.doe@corp.example.test', false, 'unchanged'],
      ['X400', 'c=US;a= ;p=Corp;o=Exchange;s=Doe;g=John;', true, 'unchanged'],
    ]);
    expect(isDirty(s)).toBe(false);
  });
  it('reads the policy checkbox from msExchPoliciesExcluded, case-insensitively', () => {
    expect(startSession(user()).policyEnabled).toBe(true);
    expect(startSession(user({ policyExcluded: [POLICY_EXCLUDED_GUID.toLowerCase()] })).policyEnabled).toBe(false);
    expect(startSession(user({ policyExcluded: ['{00000000-0000-0000-0000-000000000001}'] })).policyEnabled).toBe(true);
  });
  it('gives repeated stored values distinct ids', () => {
    const s = startSession(user({ proxyAddresses: ['SMTP:a@x.test', 'smtp:A@x.test'] }));
    expect(new Set(rows(s).map((r) => r.id)).size).toBe(2);
  });
});

describe('adding', () => {
  it('adds a secondary SMTP address as an exact value-level add', () => {
    const s = ok(add(startSession(user()), 'SMTP', 'new@corp.example.test'));
    expect(rows(s).find((r) => r.address === 'new@corp.example.test')).toMatchObject({ state: 'added', isPrimary: false });
    const change = toAddressChange(s);
    expect(change.addProxyAddresses).toEqual(['smtp:new@corp.example.test']);
    expect(change.removeProxyAddresses).toEqual([]);
    expect(change.mail).toBeUndefined();
    expect(change.expected.proxyAddresses).toEqual(user().proxyAddresses);
  });
  it('makes the first address of a new type its primary', () => {
    const s = ok(add(startSession(user()), 'X500', '/o=Corp/ou=Old/cn=Recipients/cn=jdoe'));
    expect(toAddressChange(s).addProxyAddresses).toEqual(['X500:/o=Corp/ou=Old/cn=Recipients/cn=jdoe']);
  });
  it('makes the first SMTP address of a user without one primary, and mail follows', () => {
    const s = ok(add(startSession(user({ proxyAddresses: [], mail: null })), 'SMTP', 'jdoe@corp.example.test'));
    const change = toAddressChange(s);
    expect(change.addProxyAddresses).toEqual(['SMTP:jdoe@corp.example.test']);
    expect(change.mail).toBe('jdoe@corp.example.test');
  });
  it('adds a custom type with its prefix in lower case when secondary', () => {
    let s = ok(add(startSession(user()), 'SIP', 'jdoe@corp.example.test'));
    s = ok(add(s, 'sip', 'john@corp.example.test'));
    expect(toAddressChange(s).addProxyAddresses).toEqual(['SIP:jdoe@corp.example.test', 'sip:john@corp.example.test']);
  });
  it('refuses an invalid address with its message', () => {
    const result = add(startSession(user()), 'SMTP', 'john..x@corp.example.test');
    expect(result).toEqual({ ok: false, issues: [{ field: 'address', rule: 'smtp.localDoubleDot', message: "The part before the @ can't contain two dots in a row." }] });
  });
  it('refuses a duplicate of an existing address regardless of case and prefix', () => {
    const result = add(startSession(user()), 'SMTP', 'JOHN.DOE@corp.example.test');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues[0]?.rule).toBe('duplicate');
  });
  it('needs confirmation for an international address', () => {
    expect(add(startSession(user()), 'SMTP', 'jdoé@corp.example.test').ok).toBe(false);
    const s = ok(add(startSession(user()), 'SMTP', 'jdoé@corp.example.test', { allowInternational: true }));
    expect(toAddressChange(s).addProxyAddresses).toEqual(['smtp:jdoé@corp.example.test']);
  });
  it('adding then removing an added address leaves nothing pending', () => {
    let s = ok(add(startSession(user()), 'SMTP', 'new@corp.example.test'));
    s = ok(remove(s, idOf(s, 'smtp:new@corp.example.test')));
    expect(isDirty(s)).toBe(false);
    expect(rows(s)).toHaveLength(3);
  });
});

describe('editing', () => {
  it('replaces a secondary with a delete and an add, type kept', () => {
    const s0 = startSession(user());
    const s = ok(edit(s0, idOf(s0, 'smtp:john.doe@corp.example.test'), 'j.doe@corp.example.test'));
    const change = toAddressChange(s);
    expect(change.removeProxyAddresses).toEqual(['smtp:john.doe@corp.example.test']);
    expect(change.addProxyAddresses).toEqual(['smtp:j.doe@corp.example.test']);
    expect(rows(s).find((r) => r.address === 'j.doe@corp.example.test')).toMatchObject({ state: 'changed', original: 'smtp:john.doe@corp.example.test' });
  });
  it('editing the primary SMTP address changes mail with it', () => {
    const s0 = startSession(user());
    const s = ok(edit(s0, idOf(s0, 'SMTP:jdoe@corp.example.test'), 'john@corp.example.test'));
    const change = toAddressChange(s);
    expect(change.removeProxyAddresses).toEqual(['SMTP:jdoe@corp.example.test']);
    expect(change.addProxyAddresses).toEqual(['SMTP:john@corp.example.test']);
    expect(change.mail).toBe('john@corp.example.test');
  });
  it('editing back to the stored value leaves nothing pending', () => {
    const s0 = startSession(user());
    const id = idOf(s0, 'smtp:john.doe@corp.example.test');
    const s = ok(edit(ok(edit(s0, id, 'x@corp.example.test')), id, 'john.doe@corp.example.test'));
    expect(isDirty(s)).toBe(false);
  });
  it('edits an X.400 address', () => {
    const s0 = startSession(user());
    const s = ok(edit(s0, idOf(s0, 'X400:c=US;a= ;p=Corp;o=Exchange;s=Doe;g=John;'), 'c=US;a= ;p=Corp;o=Exchange;s=Doe;g=Jon;'));
    expect(toAddressChange(s).addProxyAddresses).toEqual(['X400:c=US;a= ;p=Corp;o=Exchange;s=Doe;g=Jon;']);
  });
  it('refuses an invalid edit and an edit onto another address', () => {
    const s0 = startSession(user());
    const id = idOf(s0, 'smtp:john.doe@corp.example.test');
    expect(edit(s0, id, 'no-at-sign').ok).toBe(false);
    const dup = edit(s0, id, 'JDOE@corp.example.test');
    expect(!dup.ok && dup.issues[0]?.rule).toBe('duplicate');
  });
  it('refuses an edit of a removed address', () => {
    const s0 = startSession(user());
    const id = idOf(s0, 'smtp:john.doe@corp.example.test');
    const s = ok(remove(s0, id));
    expect(edit(s, id, 'x@corp.example.test').ok).toBe(false);
  });
});

describe('Set as Primary', () => {
  it('is offered only for a secondary whose type has more than one address', () => {
    const s = startSession(user());
    expect(canSetPrimary(s, idOf(s, 'smtp:john.doe@corp.example.test'))).toBe(true);
    expect(canSetPrimary(s, idOf(s, 'SMTP:jdoe@corp.example.test'))).toBe(false);
    expect(canSetPrimary(s, idOf(s, 'X400:c=US;a= ;p=Corp;o=Exchange;s=Doe;g=John;'))).toBe(false);
  });
  it('switches primaries as delete smtp:x + add SMTP:x (and the reverse), never a replace; mail follows', () => {
    const s0 = startSession(user());
    const s = ok(setPrimary(s0, idOf(s0, 'smtp:john.doe@corp.example.test')));
    const change = toAddressChange(s);
    expect(change.removeProxyAddresses.sort()).toEqual(['SMTP:jdoe@corp.example.test', 'smtp:john.doe@corp.example.test']);
    expect(change.addProxyAddresses.sort()).toEqual(['SMTP:john.doe@corp.example.test', 'smtp:jdoe@corp.example.test']);
    expect(change.mail).toBe('john.doe@corp.example.test');
    expect(rows(s).filter((r) => r.isPrimary).map((r) => r.value)).toEqual(['SMTP:john.doe@corp.example.test', 'X400:c=US;a= ;p=Corp;o=Exchange;s=Doe;g=John;']);
  });
  it('switching back leaves nothing pending', () => {
    const s0 = startSession(user());
    const s1 = ok(setPrimary(s0, idOf(s0, 'smtp:john.doe@corp.example.test')));
    const s2 = ok(setPrimary(s1, idOf(s1, 'smtp:jdoe@corp.example.test')));
    expect(isDirty(s2)).toBe(false);
  });
  it('refuses a primary or an only address', () => {
    const s = startSession(user());
    expect(setPrimary(s, idOf(s, 'SMTP:jdoe@corp.example.test')).ok).toBe(false);
  });
  it('makes an added secondary primary: the add is written upper-case', () => {
    const s0 = ok(add(startSession(user()), 'SMTP', 'new@corp.example.test'));
    const s = ok(setPrimary(s0, idOf(s0, 'smtp:new@corp.example.test')));
    const change = toAddressChange(s);
    expect(change.addProxyAddresses.sort()).toEqual(['SMTP:new@corp.example.test', 'smtp:jdoe@corp.example.test']);
    expect(change.removeProxyAddresses).toEqual(['SMTP:jdoe@corp.example.test']);
    expect(change.mail).toBe('new@corp.example.test');
  });
  it('leaves a mail that was already out of step alone when the primary does not change', () => {
    const s0 = startSession(user({ mail: 'other@corp.example.test' }));
    const s = ok(add(s0, 'SMTP', 'new@corp.example.test'));
    expect(toAddressChange(s).mail).toBeUndefined();
  });
});

describe('removing', () => {
  it('removes a secondary as one value-level delete', () => {
    const s0 = startSession(user());
    const s = ok(remove(s0, idOf(s0, 'smtp:john.doe@corp.example.test')));
    expect(toAddressChange(s)).toMatchObject({ removeProxyAddresses: ['smtp:john.doe@corp.example.test'], addProxyAddresses: [] });
    expect(rows(s).find((r) => r.address === 'john.doe@corp.example.test')).toMatchObject({ state: 'removed', isPrimary: false });
    expect(currentValues(s)).not.toContain('smtp:john.doe@corp.example.test');
  });
  it('needs a new primary when the primary goes and others of its type remain', () => {
    const s0 = startSession(user());
    const primary = idOf(s0, 'SMTP:jdoe@corp.example.test');
    expect(removalNeedsNewPrimary(s0, primary)).toBe(true);
    expect(primaryCandidates(s0, primary).map((r) => r.value)).toEqual(['smtp:john.doe@corp.example.test']);
    expect(remove(s0, primary)).toEqual({
      ok: false,
      issues: [{ field: 'newPrimary', rule: 'newPrimaryRequired', message: 'Choose which SMTP address becomes the primary before removing the primary one.' }],
    });
  });
  it('removes the primary and promotes the chosen one; mail follows', () => {
    const s0 = startSession(user());
    const s = ok(remove(s0, idOf(s0, 'SMTP:jdoe@corp.example.test'), idOf(s0, 'smtp:john.doe@corp.example.test')));
    const change = toAddressChange(s);
    expect(change.removeProxyAddresses.sort()).toEqual(['SMTP:jdoe@corp.example.test', 'smtp:john.doe@corp.example.test']);
    expect(change.addProxyAddresses).toEqual(['SMTP:john.doe@corp.example.test']);
    expect(change.mail).toBe('john.doe@corp.example.test');
  });
  it('removes the only address of a type without asking', () => {
    const s0 = startSession(user());
    const id = idOf(s0, 'X400:c=US;a= ;p=Corp;o=Exchange;s=Doe;g=John;');
    expect(removalNeedsNewPrimary(s0, id)).toBe(false);
    expect(toAddressChange(ok(remove(s0, id))).removeProxyAddresses).toEqual(['X400:c=US;a= ;p=Corp;o=Exchange;s=Doe;g=John;']);
  });
  it('clears mail when the last SMTP address goes', () => {
    const s0 = startSession(user({ proxyAddresses: ['SMTP:jdoe@corp.example.test'] }));
    expect(toAddressChange(ok(remove(s0, idOf(s0, 'SMTP:jdoe@corp.example.test')))).mail).toBeNull();
  });
  it('a re-added removed value cancels out', () => {
    const s0 = startSession(user());
    const s1 = ok(remove(s0, idOf(s0, 'smtp:john.doe@corp.example.test')));
    const s2 = ok(add(s1, 'SMTP', 'john.doe@corp.example.test'));
    expect(isDirty(s2)).toBe(false);
  });
  it('an added address of a type whose only address was removed becomes its primary', () => {
    const s0 = startSession(user());
    const s1 = ok(remove(s0, idOf(s0, 'X400:c=US;a= ;p=Corp;o=Exchange;s=Doe;g=John;')));
    const s2 = ok(add(s1, 'X400', 'c=US;a= ;p=Corp;o=Exchange;s=Roe;g=Jane;'));
    expect(toAddressChange(s2).addProxyAddresses).toEqual(['X400:c=US;a= ;p=Corp;o=Exchange;s=Roe;g=Jane;']);
  });
});

describe('the policy checkbox', () => {
  it('unticking adds only the exclusion GUID', () => {
    const s = ok(setPolicyEnabled(startSession(user({ policyExcluded: ['{11111111-1111-1111-1111-111111111111}'] })), false));
    expect(toAddressChange(s)).toMatchObject({ addPolicyExcluded: [POLICY_EXCLUDED_GUID], removePolicyExcluded: [], addProxyAddresses: [], removeProxyAddresses: [] });
  });
  it('ticking removes only that value, in the case it is stored', () => {
    const other = '{11111111-1111-1111-1111-111111111111}';
    const stored = POLICY_EXCLUDED_GUID.toLowerCase();
    const s = ok(setPolicyEnabled(startSession(user({ policyExcluded: [other, stored] })), true));
    expect(toAddressChange(s)).toMatchObject({ addPolicyExcluded: [], removePolicyExcluded: [stored] });
  });
  it('toggling twice leaves nothing pending', () => {
    const s = ok(setPolicyEnabled(ok(setPolicyEnabled(startSession(user()), false)), true));
    expect(isDirty(s)).toBe(false);
    expect(toAddressChange(s).addPolicyExcluded).toEqual([]);
  });
});

describe('after a conflict', () => {
  it('describes what the other person changed', () => {
    const before = user();
    const after = user({ proxyAddresses: ['SMTP:jdoe@corp.example.test', 'smtp:other@corp.example.test', 'X400:c=US;a= ;p=Corp;o=Exchange;s=Doe;g=John;'], policyExcluded: [POLICY_EXCLUDED_GUID] });
    expect(describeConflict(before, after)).toEqual({
      addedByOther: ['smtp:other@corp.example.test'],
      removedByOther: ['smtp:john.doe@corp.example.test'],
      mail: null,
      policyEnabled: { before: true, after: false },
    });
  });
  it('re-applies pending edits to fresh data and reports what no longer applies', () => {
    const s0 = startSession(user());
    let s = ok(add(s0, 'SMTP', 'new@corp.example.test'));
    s = ok(setPrimary(s, idOf(s, 'smtp:john.doe@corp.example.test')));
    s = ok(add(s, 'SMTP', 'other@corp.example.test'));
    s = ok(setPrimary(s, idOf(s, 'smtp:new@corp.example.test')));
    // Meanwhile someone else added other@ and removed nothing.
    const fresh = user({ proxyAddresses: [...user().proxyAddresses, 'smtp:other@corp.example.test'] });
    const { session, skipped } = replay(fresh, s.ops);
    expect(skipped.map((x) => x.op.op)).toEqual(['add']);
    expect(skipped[0]?.issues[0]?.rule).toBe('duplicate');
    const change = toAddressChange(session);
    expect(change.expected.proxyAddresses).toEqual(fresh.proxyAddresses);
    expect(change.addProxyAddresses.sort()).toEqual(['SMTP:new@corp.example.test', 'smtp:jdoe@corp.example.test']);
    expect(change.mail).toBe('new@corp.example.test');
  });
});
