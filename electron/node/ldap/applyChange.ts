// Writing a user's addresses. Never a replace of the whole list: one modify with value-level
// delete/add operations for exactly the changed values. [RFC 4511] 4.6: a modify is applied
// atomically, and deleting a value that is not there (noSuchAttribute 16) or adding one that is
// (attributeOrValueExists 20) fails the whole request, so a concurrent edit cannot be lost.
import type { AddressChange, AddressSnapshot, UserDetails } from '../../../shared/model/directory.ts';
import { AppError } from '../../../shared/errors.ts';
import type { CallOptions, LdapSession, Modification } from './session.ts';

export type ReadUser = (call: CallOptions) => Promise<UserDetails>;

export interface ApplyHooks {
  /** Test seam: runs after the pre-write comparison and before the modify (a concurrent edit, a DC dying). */
  beforeModify?: () => Promise<void>;
}

export interface ApplyOptions extends CallOptions {
  hooks?: ApplyHooks | undefined;
  /** How long to keep trying to re-read after the connection dropped during the modify. */
  verifyWindowMs?: number | undefined;
}

export type ApplyOutcome =
  /** The modify succeeded. */
  | 'written'
  /** The connection dropped during the modify; a re-read shows the change stored in full. */
  | 'writtenAfterReconnect';

export interface ApplyResult {
  outcome: ApplyOutcome;
  user: UserDetails;
}

const sameMultiset = (a: readonly string[], b: readonly string[], fold = false): boolean => {
  if (a.length !== b.length) return false;
  const norm = (v: string) => (fold ? v.toLowerCase() : v);
  const x = a.map(norm).sort();
  const y = b.map(norm).sort();
  return x.every((v, i) => v === y[i]);
};

/** Does the stored data still equal the snapshot the edit was computed from? Values compare exactly (case marks the primary). */
export function matchesSnapshot(current: UserDetails, expected: AddressSnapshot): boolean {
  return (
    sameMultiset(current.proxyAddresses, expected.proxyAddresses) &&
    (current.mail ?? null) === (expected.mail ?? null) &&
    sameMultiset(current.policyExcluded, expected.policyExcluded, true)
  );
}

/** The value-level operations for a change, deletes before adds (so a case change of one value works). */
export function modificationsFor(change: AddressChange): Modification[] {
  const mods: Modification[] = [];
  const remove = change.removeProxyAddresses.filter((v) => !change.addProxyAddresses.includes(v));
  const add = change.addProxyAddresses.filter((v) => !change.removeProxyAddresses.includes(v));
  if (remove.length) mods.push({ operation: 'delete', attribute: 'proxyAddresses', values: remove });
  if (add.length) mods.push({ operation: 'add', attribute: 'proxyAddresses', values: add });
  if (change.mail !== undefined && change.mail !== change.expected.mail) {
    // Delete the old value by name, not the attribute: if someone changed mail meanwhile this fails (16).
    if (change.expected.mail !== null) mods.push({ operation: 'delete', attribute: 'mail', values: [change.expected.mail] });
    if (change.mail !== null) mods.push({ operation: 'add', attribute: 'mail', values: [change.mail] });
  }
  if (change.removePolicyExcluded.length) mods.push({ operation: 'delete', attribute: 'msExchPoliciesExcluded', values: [...change.removePolicyExcluded] });
  if (change.addPolicyExcluded.length) mods.push({ operation: 'add', attribute: 'msExchPoliciesExcluded', values: [...change.addPolicyExcluded] });
  return mods;
}

/** Is everything the change asked for stored in `current`? */
export function changeIsStored(current: UserDetails, change: AddressChange): boolean {
  const has = (list: readonly string[], v: string) => list.includes(v);
  const hasFolded = (list: readonly string[], v: string) => list.some((x) => x.toLowerCase() === v.toLowerCase());
  const mods = modificationsFor(change);
  for (const mod of mods) {
    const list = mod.attribute === 'proxyAddresses' ? current.proxyAddresses : mod.attribute === 'mail' ? (current.mail === null ? [] : [current.mail]) : current.policyExcluded;
    for (const v of mod.values) {
      if (mod.operation === 'add' && !has(list, v)) return false;
      // A delete of "SMTP:a" plus an add of "smtp:a" leaves "smtp:a": only the exact old value must be gone.
      if (mod.operation === 'delete' && (mod.attribute === 'msExchPoliciesExcluded' ? hasFolded(list, v) : has(list, v))) return false;
    }
  }
  return true;
}

function conflict(current: UserDetails, message: string, cause?: unknown): AppError {
  return new AppError(
    {
      kind: 'conflict',
      message,
      hint: 'Someone else changed this user\'s addresses. Review the current values and apply your change again.',
      details: { current },
    },
    { cause },
  );
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function applyAddressChange(session: LdapSession, readUser: ReadUser, change: AddressChange, options: ApplyOptions = {}): Promise<ApplyResult> {
  const call: CallOptions = { signal: options.signal, transcript: options.transcript };
  // 1. Re-read and compare: the edit must have been computed from what is stored now.
  const before = await readUser(call);
  if (!matchesSnapshot(before, change.expected)) {
    throw conflict(before, 'This user\'s addresses were changed by someone else after you opened them; nothing was written.');
  }
  const mods = modificationsFor(change);
  if (mods.length === 0) return { outcome: 'written', user: before };
  await options.hooks?.beforeModify?.();

  // 2. One modify; the value-level operations guard the race that remains after the comparison.
  try {
    await session.modify(change.dn, mods, call);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.kind === 'conflict' || (error.kind === 'validation' && error.code === 19)) {
      const current = await readUser(call);
      if (!matchesSnapshot(current, change.expected)) {
        throw conflict(current, `This user's addresses were changed by someone else while writing (LDAP ${error.code}); nothing was written.`, error);
      }
      throw error;
    }
    if (error.kind === 'connect' || error.kind === 'timeout') return verifyAfterDrop(session, readUser, change, options, error);
    throw error;
  }

  // 3. Read back what is stored.
  return { outcome: 'written', user: await readUser(call) };
}

/** The connection dropped during the modify: reconnect, read, and say whether the change is stored in full or not at all. */
async function verifyAfterDrop(session: LdapSession, readUser: ReadUser, change: AddressChange, options: ApplyOptions, dropped: AppError): Promise<ApplyResult> {
  const call: CallOptions = { signal: options.signal, transcript: options.transcript };
  call.transcript?.add('note', 'LDAP', `The connection dropped during the modify (${dropped.message}); reconnecting to check what was stored.`);
  const deadline = Date.now() + (options.verifyWindowMs ?? 30_000);
  let lastError: unknown = dropped;
  for (let attempt = 0; attempt < 30 && Date.now() < deadline; attempt++) {
    if (attempt > 0) await sleep(Math.max(0, Math.min(1000 * attempt, 3000, deadline - Date.now())));
    if (options.signal?.aborted) break;
    session.reset();
    try {
      const current = await readUser(call);
      if (changeIsStored(current, change)) return { outcome: 'writtenAfterReconnect', user: current };
      if (matchesSnapshot(current, change.expected)) {
        throw new AppError(
          {
            kind: 'connect',
            message: 'The connection to the domain controller dropped during the write. The change was not written: the user is as it was.',
            hint: 'Apply again when the domain controller answers.',
            details: { outcome: 'notWritten', current },
          },
          { cause: dropped },
        );
      }
      throw conflict(current, 'The connection dropped during the write, and the user now differs both from before and from your change: someone else changed it.', dropped);
    } catch (error) {
      if (error instanceof AppError && (error.kind === 'conflict' || (error.details as { outcome?: string } | undefined)?.outcome)) throw error;
      lastError = error;
    }
  }
  throw new AppError(
    {
      kind: 'unavailable',
      message: 'The connection to the domain controller dropped during the write, and it could not be reached again to check the result.',
      hint: 'A modify is applied in full or not at all. Open the user again when the domain controller answers to see which.',
      details: { outcome: 'unknown' },
    },
    { cause: lastError },
  );
}
