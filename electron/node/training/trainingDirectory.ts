// The built-in Training directory: a simulated organisation behind the same Directory interface as
// LDAP. Changes persist as JSON in the app's data folder; reset() restores the seed.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { addressKey } from '../../../shared/addresses/proxyAddress.ts';
import { containerOf } from '../../../shared/model/dn.ts';
import {
  snapshotOf,
  type AddressChange,
  type AddressHolder,
  type AddressSnapshot,
  type ExchangeServer,
  type UserDetails,
  type UserSummary,
} from '../../../shared/model/directory.ts';
import type { Directory, DirectoryCallOptions } from '../directory/directory.ts';
import { createSeed, type TrainingData, type TrainingUser } from './seed.ts';

export class TrainingDirectory implements Directory {
  readonly label = 'Training directory';
  readonly kind = 'training' as const;
  private data: TrainingData;

  /** `file` null keeps everything in memory (tests). */
  constructor(private readonly file: string | null) {
    this.data = file ? (load(file) ?? createSeed()) : createSeed();
  }

  reset(): void {
    this.data = createSeed();
    this.save();
  }

  async *searchUsers(query: string, options: DirectoryCallOptions & { pageSize?: number } = {}): AsyncIterable<UserSummary[]> {
    const needle = query.trim().toLowerCase();
    const pageSize = options.pageSize ?? 100;
    const matches = this.data.users
      .filter((u) => needle === '' || matchesUser(u, needle))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
    for (let i = 0; i < matches.length; i += pageSize) {
      options.signal?.throwIfAborted();
      yield matches.slice(i, i + pageSize).map(toSummary);
    }
  }

  async getUser(dn: string): Promise<UserDetails> {
    return toDetails(this.find(dn));
  }

  async listExchangeServers(options: DirectoryCallOptions = {}): Promise<ExchangeServer[]> {
    options.transcript?.add(
      'clientToServer',
      'LDAP',
      'Search Request, BaseObject: cn=Microsoft Exchange,cn=Services,cn=Configuration,dc=corp,dc=example,dc=test, SearchScope: WholeSubtree, SearchAlias: neverDerefAliases Filter: (objectCategory=msExchExchangeServer)',
    );
    const servers = [...this.data.servers]
      .sort((a, b) => a.whenCreated.localeCompare(b.whenCreated))
      .map((s) => ({
        dn: s.dn,
        name: s.name,
        host: s.networkAddress.find((a) => a.startsWith('ncacn_ip_tcp:'))?.slice('ncacn_ip_tcp:'.length) ?? s.name,
        whenCreated: s.whenCreated,
      }));
    options.transcript?.add('serverToClient', 'LDAP', `Search Result Done, ${servers.length} entries, Status: Success`);
    return servers;
  }

  async findAddressHolders(addresses: readonly string[], options: DirectoryCallOptions = {}): Promise<AddressHolder[]> {
    const filter = addresses.length === 1 ? `(proxyAddresses=${addresses[0]})` : `(|${addresses.map((a) => `(proxyAddresses=${a})`).join('')})`;
    options.transcript?.add('clientToServer', 'MSFTGC', `Search Request, BaseObject: NULL, SearchScope: WholeSubtree, Filter: ${filter}, Attributes: ( distinguishedName )`);
    const wanted = new Map(addresses.map((a) => [addressKey(a), a]));
    const holders: AddressHolder[] = [];
    for (const user of this.data.users) {
      for (const stored of user.proxyAddresses) {
        const asked = wanted.get(addressKey(stored));
        if (asked !== undefined) holders.push({ address: asked, storedValue: stored, dn: user.dn, displayName: user.displayName });
      }
    }
    options.transcript?.add('serverToClient', 'MSFTGC', `Search Result Done, ${holders.length} entries, Status: Success`);
    return holders;
  }

  async applyChange(change: AddressChange): Promise<UserDetails> {
    const user = this.find(change.dn);
    const current = snapshotOf(user);
    const changedBySomeoneElse = !sameSnapshot(current, change.expected);
    // Value-level checks as LDAP applies them, in order and case-insensitively (String(Unicode)):
    // deleting a value that is gone, or adding one that exists, means the list moved under us.
    const lower = (v: string) => v.toLowerCase();
    const removed = new Set(change.removeProxyAddresses.map(lower));
    const stored = new Set(user.proxyAddresses.map(lower));
    const missing = [...removed].filter((v) => !stored.has(v));
    const remaining = user.proxyAddresses.filter((v) => !removed.has(lower(v)));
    const remainingSet = new Set(remaining.map(lower));
    const present = change.addProxyAddresses.filter((v) => remainingSet.has(lower(v)));
    if (changedBySomeoneElse || missing.length > 0 || present.length > 0) {
      throw new AppError({
        kind: 'conflict',
        message: `${user.displayName} was changed by someone else after you opened it. Nothing was saved.`,
        hint: 'Reload to see the current addresses, then make your change again.',
        details: { current: toDetails(user), expected: change.expected },
      });
    }
    user.proxyAddresses = [...remaining, ...change.addProxyAddresses];
    if (change.mail !== undefined) user.mail = change.mail;
    const excludedRemoved = new Set(change.removePolicyExcluded.map((v) => v.toLowerCase()));
    user.policyExcluded = [...user.policyExcluded.filter((v) => !excludedRemoved.has(v.toLowerCase())), ...change.addPolicyExcluded];
    user.whenChanged = new Date().toISOString();
    this.save();
    return toDetails(user);
  }

  async close(): Promise<void> {}

  private find(dn: string): TrainingUser {
    const user = this.data.users.find((u) => u.dn.toLowerCase() === dn.toLowerCase());
    if (!user) throw new AppError({ kind: 'notFound', message: `No user "${dn}" exists in the Training directory.`, hint: 'Search again; the object may have been removed by a reset.' });
    return user;
  }

  private save(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    // Write-then-rename so a crash mid-write never leaves a half-written directory behind.
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.data, null, 1));
    renameSync(temp, this.file);
  }
}

function load(file: string): TrainingData | null {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as TrainingData;
    return data.version === 1 && Array.isArray(data.users) ? data : null;
  } catch {
    return null;
  }
}

function matchesUser(user: TrainingUser, needle: string): boolean {
  return (
    user.displayName.toLowerCase().includes(needle) ||
    user.samAccountName.toLowerCase().includes(needle) ||
    (user.mail?.toLowerCase().includes(needle) ?? false) ||
    user.proxyAddresses.some((a) => a.toLowerCase().includes(needle))
  );
}

function toSummary(user: TrainingUser): UserSummary {
  return { dn: user.dn, displayName: user.displayName, samAccountName: user.samAccountName, mail: user.mail, ou: containerOf(user.dn) };
}

function toDetails(user: TrainingUser): UserDetails {
  return {
    ...toSummary(user),
    proxyAddresses: [...user.proxyAddresses],
    policyExcluded: [...user.policyExcluded],
    legacyExchangeDN: user.legacyExchangeDN,
    whenChanged: user.whenChanged,
  };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((v) => set.has(v));
}

function sameSnapshot(a: AddressSnapshot, b: AddressSnapshot): boolean {
  return sameSet(a.proxyAddresses, b.proxyAddresses) && a.mail === b.mail && sameSet(a.policyExcluded, b.policyExcluded);
}
