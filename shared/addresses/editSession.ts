// The pending edits of the E-mail Addresses tab, as pure data. Nothing here talks to a directory:
// the tab starts a session from UserDetails, applies the user's operations, shows rows(), and on
// Apply sends toAddressChange(), which lists exactly the values that change.
//
// Primary rules (E2K SP2 help "Set a Primary Address"; CDOEXM ProxyAddresses): one primary per type,
// written with an upper-case prefix; the first address of a type is its primary; Set as Primary is
// offered only for a secondary address whose type has more than one address. `mail` follows the
// primary SMTP address (MS-OXOABK: the "SMTP:" value MUST match PidTagSmtpAddress).

import { isPolicyExcluded, POLICY_EXCLUDED_GUID, snapshotOf, type AddressChange, type UserDetails } from '../model/directory.ts';
import { addressKey, compareForDisplay, formatProxyAddress, parseProxyAddress, type ProxyAddress } from './proxyAddress.ts';
import { validateNewAddress } from './validate.ts';
import { issue, type ValidationIssue } from './validationIssue.ts';

export type RowState = 'unchanged' | 'added' | 'removed' | 'changed';

interface Entry {
  /** Stable across edits; for stored values derived from the value, so a replay after reload finds it. */
  id: string;
  /** The stored value this entry started from, or null for an added address. */
  original: string | null;
  /** The pending value, or null when removed. Unparseable stored values keep their raw text. */
  current: string | null;
}

/** The user's operations, recorded so they can be re-applied to fresh data after a conflict. */
export type EditOp =
  | { op: 'add'; type: string; address: string; allowInternational: boolean }
  | { op: 'edit'; id: string; address: string; allowInternational: boolean }
  | { op: 'remove'; id: string; newPrimaryId?: string }
  | { op: 'setPrimary'; id: string }
  | { op: 'setPolicyEnabled'; enabled: boolean };

export interface EditSession {
  readonly base: UserDetails;
  readonly entries: readonly Entry[];
  readonly policyEnabled: boolean;
  readonly nextAdded: number;
  readonly ops: readonly EditOp[];
}

export interface AddressRow {
  id: string;
  /** Upper-case type (SMTP, X400, ...); '' for a stored value that cannot be parsed. */
  type: string;
  address: string;
  isPrimary: boolean;
  state: RowState;
  /** The stored value, for a changed or removed row. */
  original: string | null;
  /** The value shown: the pending one, or the stored one for a removed row. */
  value: string;
}

export type SessionResult = { ok: true; session: EditSession } | { ok: false; issues: ValidationIssue[] };

function parse(value: string): ProxyAddress | null {
  const result = parseProxyAddress(value);
  return result.ok ? result.value : null;
}

export function startSession(details: UserDetails): EditSession {
  const used = new Map<string, number>();
  const entries = details.proxyAddresses.map((value) => {
    // A stored list may hold the same address twice (AD does not enforce uniqueness); number repeats.
    const key = addressKey(value);
    const n = (used.get(key) ?? 0) + 1;
    used.set(key, n);
    return { id: n === 1 ? `s:${key}` : `s:${key}#${n}`, original: value, current: value };
  });
  return { base: details, entries, policyEnabled: !isPolicyExcluded(details.policyExcluded), nextAdded: 1, ops: [] };
}

function active(session: EditSession): Array<Entry & { current: string; parsed: ProxyAddress }> {
  const out: Array<Entry & { current: string; parsed: ProxyAddress }> = [];
  for (const e of session.entries) {
    if (e.current === null) continue;
    const parsed = parse(e.current);
    if (parsed) out.push({ ...e, current: e.current, parsed });
  }
  return out;
}

/** The pending proxyAddresses list, in stored order with added values last. */
export function currentValues(session: EditSession): string[] {
  return session.entries.flatMap((e) => (e.current === null ? [] : [e.current]));
}

function find(session: EditSession, id: string): Entry | undefined {
  return session.entries.find((e) => e.id === id);
}

function fail(field: string, rule: string, message: string): SessionResult {
  return { ok: false, issues: [issue(field, rule, message)] };
}

function withOp(session: EditSession, patch: Partial<EditSession>, op: EditOp): SessionResult {
  return { ok: true, session: { ...session, ...patch, ops: [...session.ops, op] } };
}

function replaceEntry(entries: readonly Entry[], id: string, current: string | null): Entry[] {
  return entries.map((e) => (e.id === id ? { ...e, current } : e));
}

/** Adds an address; the first (remaining) address of its type becomes the primary. */
export function add(session: EditSession, type: string, address: string, options: { allowInternational?: boolean } = {}): SessionResult {
  const allowInternational = options.allowInternational === true;
  const issues = validateNewAddress(type, address, { allowInternational, existing: currentValues(session) });
  if (issues.length > 0) return { ok: false, issues };
  const parsedType = parse(`${type}:${address}`)?.type ?? type.toUpperCase();
  const isPrimary = !active(session).some((e) => e.parsed.type === parsedType);
  const value = formatProxyAddress({ type: parsedType, address, isPrimary });
  const entry: Entry = { id: `n${session.nextAdded}`, original: null, current: value };
  return withOp(session, { entries: [...session.entries, entry], nextAdded: session.nextAdded + 1 }, { op: 'add', type, address, allowInternational });
}

/** Replaces the address text of an entry; its type and primary flag stay (the type is locked). */
export function edit(session: EditSession, id: string, address: string, options: { allowInternational?: boolean } = {}): SessionResult {
  const allowInternational = options.allowInternational === true;
  const entry = find(session, id);
  const parsed = entry?.current ? parse(entry.current) : null;
  if (!entry || entry.current === null || !parsed) return fail('address', 'unknownAddress', 'That address is no longer in the list.');
  const typeText = entry.current.slice(0, entry.current.indexOf(':'));
  const issues = validateNewAddress(typeText, address, { allowInternational, existing: currentValues(session), replacing: entry.current });
  if (issues.length > 0) return { ok: false, issues };
  // Keep the stored spelling of the prefix (e.g. "X.400") unless only the case marks the primary.
  const value = `${typeText}:${address}`;
  return withOp(session, { entries: replaceEntry(session.entries, id, value) }, { op: 'edit', id, address, allowInternational });
}

/** True when removing this entry needs the user to choose the new primary of its type. */
export function removalNeedsNewPrimary(session: EditSession, id: string): boolean {
  return primaryCandidates(session, id).length > 0 && isActivePrimary(session, id);
}

function isActivePrimary(session: EditSession, id: string): boolean {
  return active(session).some((e) => e.id === id && e.parsed.isPrimary);
}

/** The other addresses of the same type, which could become primary when `id` goes. */
export function primaryCandidates(session: EditSession, id: string): AddressRow[] {
  const entry = active(session).find((e) => e.id === id);
  if (!entry) return [];
  const ids = new Set(active(session).filter((e) => e.id !== id && e.parsed.type === entry.parsed.type).map((e) => e.id));
  return rows(session).filter((r) => ids.has(r.id));
}

export function remove(session: EditSession, id: string, newPrimaryId?: string): SessionResult {
  const entry = find(session, id);
  if (!entry || entry.current === null) return fail('address', 'unknownAddress', 'That address is no longer in the list.');
  let entries: Entry[] = entry.original === null ? session.entries.filter((e) => e.id !== id) : replaceEntry(session.entries, id, null);
  if (isActivePrimary(session, id)) {
    const candidates = primaryCandidates(session, id);
    if (candidates.length > 0) {
      const chosen = candidates.find((c) => c.id === newPrimaryId);
      if (!chosen) {
        return fail('newPrimary', 'newPrimaryRequired', `Choose which ${candidates[0]!.type} address becomes the primary before removing the primary one.`);
      }
      entries = setPrimaryFlag(entries, chosen.id, true);
    }
  }
  const op: EditOp = newPrimaryId === undefined ? { op: 'remove', id } : { op: 'remove', id, newPrimaryId };
  return withOp(session, { entries }, op);
}

function setPrimaryFlag(entries: readonly Entry[], id: string, primary: boolean): Entry[] {
  return entries.map((e) => {
    if (e.id !== id || e.current === null) return e;
    const parsed = parse(e.current);
    return parsed ? { ...e, current: formatProxyAddress({ ...parsed, isPrimary: primary }) } : e;
  });
}

/** Set as Primary is offered only for a secondary address whose type has more than one address. */
export function canSetPrimary(session: EditSession, id: string): boolean {
  const list = active(session);
  const entry = list.find((e) => e.id === id);
  if (!entry || entry.parsed.isPrimary) return false;
  return list.filter((e) => e.parsed.type === entry.parsed.type).length > 1;
}

export function setPrimary(session: EditSession, id: string): SessionResult {
  if (!canSetPrimary(session, id)) {
    return fail('address', 'setPrimaryNotAllowed', 'Only a secondary address of a type with more than one address can be set as primary.');
  }
  const list = active(session);
  const type = list.find((e) => e.id === id)!.parsed.type;
  let entries: Entry[] = [...session.entries];
  for (const e of list) {
    if (e.parsed.type === type && e.parsed.isPrimary) entries = setPrimaryFlag(entries, e.id, false);
  }
  entries = setPrimaryFlag(entries, id, true);
  return withOp(session, { entries }, { op: 'setPrimary', id });
}

export function setPolicyEnabled(session: EditSession, enabled: boolean): SessionResult {
  return withOp(session, { policyEnabled: enabled }, { op: 'setPolicyEnabled', enabled });
}

function rowState(e: Entry): RowState {
  if (e.original === null) return 'added';
  if (e.current === null) return 'removed';
  return e.current === e.original ? 'unchanged' : 'changed';
}

/** The list as the tab shows it: grouped by type, primary first (compareForDisplay), removed rows included. */
export function rows(session: EditSession): AddressRow[] {
  const out = session.entries.map((e): AddressRow => {
    const value = (e.current ?? e.original)!;
    const parsed = parse(value);
    return {
      id: e.id,
      type: parsed?.type ?? '',
      address: parsed?.address ?? value,
      isPrimary: e.current !== null && (parsed?.isPrimary ?? false),
      state: rowState(e),
      original: e.current === e.original ? null : e.original,
      value,
    };
  });
  return out.sort(
    (a, b) =>
      compareForDisplay({ type: a.type, address: a.address, isPrimary: a.isPrimary }, { type: b.type, address: b.address, isPrimary: b.isPrimary }) ||
      Number(a.state === 'removed') - Number(b.state === 'removed'),
  );
}

function primarySmtp(values: readonly string[]): string | null {
  for (const value of values) {
    const parsed = parse(value);
    if (parsed && parsed.type === 'SMTP' && parsed.isPrimary) return parsed.address;
  }
  return null;
}

/**
 * The `mail` the session would store. Unchanged unless the primary SMTP address changed: a stored
 * `mail` that already differs from the primary is left as the directory has it.
 */
export function pendingMail(session: EditSession): string | null {
  const before = primarySmtp(session.base.proxyAddresses);
  const after = primarySmtp(currentValues(session));
  return before === after ? session.base.mail : after;
}

export function isDirty(session: EditSession): boolean {
  const change = toAddressChange(session);
  return (
    change.addProxyAddresses.length > 0 ||
    change.removeProxyAddresses.length > 0 ||
    change.mail !== undefined ||
    change.addPolicyExcluded.length > 0 ||
    change.removePolicyExcluded.length > 0
  );
}

/**
 * Exactly the values that change, never a replacement of the list. A primary switch is a delete of
 * `smtp:x` plus an add of `SMTP:x`; a value removed and added back unchanged cancels out.
 */
export function toAddressChange(session: EditSession): AddressChange {
  const { base } = session;
  const removed: string[] = [];
  const added: string[] = [];
  for (const e of session.entries) {
    if (e.original !== null && e.current !== e.original) removed.push(e.original);
    if (e.current !== null && e.current !== e.original) added.push(e.current);
  }
  const addProxyAddresses = added.filter((v) => !removed.includes(v));
  const removeProxyAddresses = removed.filter((v) => !added.includes(v));

  const wasEnabled = !isPolicyExcluded(base.policyExcluded);
  const guid = POLICY_EXCLUDED_GUID.toLowerCase();
  const addPolicyExcluded = wasEnabled && !session.policyEnabled ? [POLICY_EXCLUDED_GUID] : [];
  // Ticking removes only the exclusion GUID (in whatever case it is stored), never other values.
  const removePolicyExcluded = !wasEnabled && session.policyEnabled ? base.policyExcluded.filter((v) => v.toLowerCase() === guid) : [];

  const change: AddressChange = {
    dn: base.dn,
    expected: snapshotOf(base),
    addProxyAddresses,
    removeProxyAddresses,
    addPolicyExcluded,
    removePolicyExcluded,
  };
  const mail = pendingMail(session);
  if (mail !== base.mail) change.mail = mail;
  return change;
}

export interface ReplayResult {
  session: EditSession;
  /** Operations that no longer apply to the fresh data, with why. */
  skipped: Array<{ op: EditOp; issues: ValidationIssue[] }>;
}

/** Starts over from fresh data and re-applies the user's operations, for "Reload and keep my changes". */
export function replay(fresh: UserDetails, ops: readonly EditOp[]): ReplayResult {
  let session = startSession(fresh);
  const skipped: ReplayResult['skipped'] = [];
  for (const op of ops) {
    const result = applyOp(session, op);
    if (result.ok) {
      session = result.session;
    } else {
      skipped.push({ op, issues: result.issues });
      // Later operations name added entries by number; keep the numbering as it was.
      if (op.op === 'add') session = { ...session, nextAdded: session.nextAdded + 1 };
    }
  }
  return { session, skipped };
}

export function applyOp(session: EditSession, op: EditOp): SessionResult {
  switch (op.op) {
    case 'add':
      return add(session, op.type, op.address, { allowInternational: op.allowInternational });
    case 'edit':
      return edit(session, op.id, op.address, { allowInternational: op.allowInternational });
    case 'remove':
      return remove(session, op.id, op.newPrimaryId);
    case 'setPrimary':
      return setPrimary(session, op.id);
    case 'setPolicyEnabled':
      return setPolicyEnabled(session, op.enabled);
  }
}

/** How many things are pending, for "2 changes have not been applied": changed rows plus the checkbox. */
export function pendingCount(session: EditSession): number {
  const policyChanged = session.policyEnabled !== !isPolicyExcluded(session.base.policyExcluded);
  return rows(session).filter((r) => r.state !== 'unchanged').length + (policyChanged ? 1 : 0);
}
