// Reading users: ambiguous name resolution search with paging, and one user's address data with
// every proxyAddresses value (range retrieval).
import type { UserDetails, UserSummary } from '../../../shared/model/directory.ts';
import { AppError } from '../../../shared/errors.ts';
import { containsFilter, equalityFilter, orFilter } from './filter.ts';
import { containerOf } from '../../../shared/model/dn.ts';
import { generalizedTimeToIso } from './generalizedTime.ts';
import { readAllValues } from './rangeRetrieval.ts';
import type { RangeOptions } from './rangeRetrieval.ts';
import { first, values } from './session.ts';
import type { CallOptions, LdapEntry, LdapSession } from './session.ts';

export const SUMMARY_ATTRIBUTES = ['displayName', 'sAMAccountName', 'mail'];
export const DETAIL_ATTRIBUTES = [...SUMMARY_ATTRIBUTES, 'proxyAddresses', 'msExchPoliciesExcluded', 'legacyExchangeDN', 'whenChanged'];

const USERS = '(objectCategory=person)(objectClass=user)';

/**
 * [MS-ADTS] 3.1.1.3.1.3.3 "anr": AD expands (anr=q) over displayName, givenName, sn, sAMAccountName,
 * mail, proxyAddresses ... by prefix. We add explicit substring matches on proxyAddresses and mail
 * so "contoso.com" also finds "smtp:j@contoso.com", which a prefix match would not.
 */
export function userSearchFilter(query: string): string {
  const q = query.trim();
  if (!q) return `(&${USERS})`;
  return `(&${USERS}${orFilter([equalityFilter('anr', q), containsFilter('proxyAddresses', q), containsFilter('mail', q)])})`;
}

export function toSummary(entry: LdapEntry): UserSummary {
  const sam = first(entry, 'sAMAccountName') ?? '';
  return {
    dn: entry.dn,
    displayName: first(entry, 'displayName') ?? sam,
    samAccountName: sam,
    mail: first(entry, 'mail'),
    ou: containerOf(entry.dn),
  };
}

export async function* searchUsers(session: LdapSession, baseDn: string, query: string, pageSize: number, call: CallOptions = {}): AsyncIterable<UserSummary[]> {
  const pages = session.searchPages({ base: baseDn, scope: 'sub', filter: userSearchFilter(query), attributes: SUMMARY_ATTRIBUTES }, pageSize, call);
  for await (const page of pages) yield page.map(toSummary);
}

/** One user's address data; proxyAddresses always complete. */
export async function readUser(session: LdapSession, dn: string, call: CallOptions & Pick<RangeOptions, 'step'> = {}): Promise<UserDetails> {
  const [entry] = await session.search({ base: dn, scope: 'base', filter: '(objectClass=*)', attributes: DETAIL_ATTRIBUTES }, call);
  if (!entry) throw new AppError({ kind: 'notFound', message: `The user ${dn} was not found.`, hint: 'It may have been moved or deleted; search again.' });
  const proxyAddresses = await readAllValues(session, dn, 'proxyAddresses', call.step ? null : entry, call);
  return {
    ...toSummary(entry),
    proxyAddresses,
    policyExcluded: values(entry, 'msExchPoliciesExcluded'),
    legacyExchangeDN: first(entry, 'legacyExchangeDN'),
    whenChanged: generalizedTimeToIso(first(entry, 'whenChanged')),
  };
}
