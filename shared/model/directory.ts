// Directory data as it crosses IPC. The same shapes come from the Training directory and from LDAP.

/** One row of the user search. */
export interface UserSummary {
  dn: string;
  displayName: string;
  samAccountName: string;
  mail: string | null;
  /** The parent container in readable form, e.g. "corp.example.test/Sales". */
  ou: string;
}

/** Everything the E-mail Addresses tab shows and edits. */
export interface UserDetails extends UserSummary {
  /** Every stored value, in stored order; never partial (range retrieval completes before this exists). */
  proxyAddresses: string[];
  /** msExchPoliciesExcluded values; the policy checkbox is unticked when it holds POLICY_EXCLUDED_GUID. */
  policyExcluded: string[];
  legacyExchangeDN: string | null;
  /** ISO 8601, or null when the directory does not say. */
  whenChanged: string | null;
}

/** An Exchange server object from the Configuration partition. */
export interface ExchangeServer {
  dn: string;
  name: string;
  /** The host to contact: from networkAddress (ncacn_ip_tcp:) or else the name. */
  host: string;
  /** ISO 8601; the original orders servers by this, oldest first. */
  whenCreated: string;
}

/** An object that already holds one of the addresses asked about. */
export interface AddressHolder {
  /** The address as asked (e.g. "smtp:x@y"). */
  address: string;
  /** The value as stored on the holder. */
  storedValue: string;
  dn: string;
  displayName: string;
}

/** The snapshot an edit was computed from; a write succeeds only if the directory still matches it. */
export interface AddressSnapshot {
  proxyAddresses: string[];
  mail: string | null;
  policyExcluded: string[];
}

/** Exactly the values that change; never a replacement of the whole list. */
export interface AddressChange {
  dn: string;
  expected: AddressSnapshot;
  addProxyAddresses: string[];
  removeProxyAddresses: string[];
  /** The new `mail`, when it changes (null clears it). Absent = unchanged. */
  mail?: string | null;
  addPolicyExcluded: string[];
  removePolicyExcluded: string[];
}

/** KB 318072: this value in msExchPoliciesExcluded unticks "Automatically update e-mail addresses based on recipient policy". */
export const POLICY_EXCLUDED_GUID = '{26491CFC-9E50-4857-861B-0CB8DF22B5D7}';

export function isPolicyExcluded(values: readonly string[]): boolean {
  return values.some((v) => v.toLowerCase() === POLICY_EXCLUDED_GUID.toLowerCase());
}

/** The snapshot of a user's address data that an edit is computed from (copies, never aliases). */
export function snapshotOf(user: Pick<UserDetails, 'proxyAddresses' | 'mail' | 'policyExcluded'>): AddressSnapshot {
  return { proxyAddresses: [...user.proxyAddresses], mail: user.mail, policyExcluded: [...user.policyExcluded] };
}

/** A change of `user` computed from what was just read: empty unless `edit` says what to add or remove. */
export function changeOf(
  user: Pick<UserDetails, 'dn' | 'proxyAddresses' | 'mail' | 'policyExcluded'>,
  edit: Partial<Omit<AddressChange, 'dn' | 'expected'>> = {},
): AddressChange {
  return { dn: user.dn, expected: snapshotOf(user), addProxyAddresses: [], removeProxyAddresses: [], addPolicyExcluded: [], removePolicyExcluded: [], ...edit };
}
