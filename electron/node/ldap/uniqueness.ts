// Step 7 of the original flow: is an address already used anywhere in the forest? The original
// asked the Global Catalog (base "" = the whole forest, subtree, equality on proxyAddresses). We
// check every new address in one OR filter, so the cost does not grow with their number.
import type { AddressHolder } from '../../../shared/model/directory.ts';
import { equalityFilter, orFilter } from './filter.ts';
import { readAllValues } from './rangeRetrieval.ts';
import { first, values } from './session.ts';
import type { CallOptions, LdapEntry, LdapSession } from './session.ts';
import { sameDn } from '../../../shared/model/dn.ts';

export const HOLDER_ATTRIBUTES = ['distinguishedName', 'displayName', 'proxyAddresses'];

/**
 * The values to ask for per address: the typed one, and its prefix in upper and lower case.
 * AD's String(Unicode) matching is case-insensitive already; the variants make the check hold on
 * a server that compares the type prefix exactly, at no extra round trip.
 */
export function addressVariants(address: string): string[] {
  const colon = address.indexOf(':');
  const variants = [address];
  if (colon > 0) {
    const type = address.slice(0, colon);
    const rest = address.slice(colon);
    for (const v of [type.toUpperCase() + rest, type.toLowerCase() + rest]) if (!variants.includes(v)) variants.push(v);
  }
  return variants;
}

/** `(|(proxyAddresses=a)(proxyAddresses=A)...)`, each value escaped per RFC 4515. */
export function holderFilter(addresses: readonly string[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const address of addresses) {
    for (const variant of addressVariants(address)) {
      if (seen.has(variant)) continue;
      seen.add(variant);
      parts.push(equalityFilter('proxyAddresses', variant));
    }
  }
  return orFilter(parts);
}

export function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export interface HolderSearchOptions extends CallOptions {
  /** The user being edited: his own values are not conflicts. */
  excludeDn?: string | undefined;
}

/** Matches entries back to the addresses asked; completes a ranged proxyAddresses first. */
export async function holdersFromEntries(
  session: LdapSession,
  entries: readonly LdapEntry[],
  addresses: readonly string[],
  options: HolderSearchOptions,
): Promise<AddressHolder[]> {
  const holders: AddressHolder[] = [];
  for (const entry of entries) {
    const dn = first(entry, 'distinguishedName') ?? entry.dn;
    if (options.excludeDn && sameDn(dn, options.excludeDn)) continue;
    const stored = await readAllValues(session, entry.dn, 'proxyAddresses', entry, options);
    const displayName = first(entry, 'displayName') ?? dn;
    let matched = false;
    for (const address of addresses) {
      const value = stored.find((v) => sameAddress(v, address));
      if (value === undefined) continue;
      matched = true;
      holders.push({ address, storedValue: value, dn, displayName });
    }
    // The server matched but we cannot see which value (attribute not readable): report it against every address.
    if (!matched && values(entry, 'proxyAddresses').length === 0) {
      for (const address of addresses) holders.push({ address, storedValue: address, dn, displayName });
    }
  }
  return holders;
}

/** One search over `base` (the GC: "", a domain: its NC) for all addresses at once. */
export async function searchHolders(
  session: LdapSession,
  base: string,
  addresses: readonly string[],
  options: HolderSearchOptions = {},
): Promise<AddressHolder[]> {
  if (addresses.length === 0) return [];
  const entries = await session.search({ base, scope: 'sub', filter: holderFilter(addresses), attributes: HOLDER_ATTRIBUTES }, options);
  return holdersFromEntries(session, entries, addresses, options);
}

/** [MS-ADTS] 3.1.1.2.3: only attributes with isMemberOfPartialAttributeSet=TRUE are on the GC. */
export async function isInPartialAttributeSet(session: LdapSession, schemaNc: string, attribute: string, call: CallOptions = {}): Promise<boolean> {
  const [entry] = await session.search(
    { base: schemaNc, scope: 'one', filter: `(&(objectClass=attributeSchema)${equalityFilter('lDAPDisplayName', attribute)})`, attributes: ['isMemberOfPartialAttributeSet'] },
    call,
  );
  return (entry ? first(entry, 'isMemberOfPartialAttributeSet') ?? '' : '').toUpperCase() === 'TRUE';
}

export interface ForestDomain {
  nc: string;
  dnsRoot: string;
}

/** [MS-ADTS] 6.1.1.2.1.1.5: crossRef objects under CN=Partitions with systemFlags FLAG_CR_NTDS_DOMAIN (2) are the forest's domains. */
export async function listForestDomains(session: LdapSession, configurationNc: string, call: CallOptions = {}): Promise<ForestDomain[]> {
  const entries = await session.search(
    {
      base: `CN=Partitions,${configurationNc}`,
      scope: 'one',
      filter: '(&(objectClass=crossRef)(systemFlags:1.2.840.113556.1.4.803:=2))',
      attributes: ['nCName', 'dnsRoot'],
    },
    call,
  );
  return entries
    .map((e) => ({ nc: first(e, 'nCName') ?? '', dnsRoot: first(e, 'dnsRoot') ?? '' }))
    .filter((d) => d.nc && d.dnsRoot)
    .sort((a, b) => a.dnsRoot.localeCompare(b.dnsRoot));
}
