// A proxyAddresses value is `type:address` ([MS-OXLDAP] 2.2.3.4). An upper-case type marks the
// primary (reply) address of that type; a lower-case type a secondary one (CDOEXM ProxyAddresses).

export interface ProxyAddress {
  /** The type in upper case, the key addresses are grouped by: "SMTP", "X400", "SIP", ... */
  type: string;
  /** Everything after the first colon, as stored. */
  address: string;
  /** True when the stored type is written in upper case. */
  isPrimary: boolean;
}

export type ParseResult = { ok: true; value: ProxyAddress } | { ok: false; message: string };

/** Custom address types: 1 to 9 letters or digits (Exchange 2007 help, "Custom Address"); the known types fit too. */
const TYPE_PATTERN = /^[A-Za-z0-9]{1,9}$/;

export function parseProxyAddress(raw: string): ParseResult {
  const colon = raw.indexOf(':');
  if (colon < 0) {
    return { ok: false, message: `"${raw}" has no address type. Write it as TYPE:address, for example SMTP:someone@example.com.` };
  }
  const typeText = raw.slice(0, colon);
  const address = raw.slice(colon + 1);
  if (typeText.length === 0) {
    return { ok: false, message: `"${raw}" has no address type before the colon. Write it as TYPE:address, for example smtp:someone@example.com.` };
  }
  if (!TYPE_PATTERN.test(typeText.replace('.', ''))) {
    return { ok: false, message: `The address type "${typeText}" is not valid: a type is 1 to 9 letters or digits.` };
  }
  if (address.trim().length === 0) {
    return { ok: false, message: `"${raw}" has an address type but no address after the colon.` };
  }
  const upper = typeText.toUpperCase();
  // "X.400"/"X.500" sometimes appear with a dot; they are the same types as X400/X500.
  const type = upper.replace('.', '');
  const isPrimary = typeText === upper && typeText !== typeText.toLowerCase();
  return { ok: true, value: { type, address, isPrimary } };
}

/** Formats back to the stored form: upper-case type for a primary, lower-case for a secondary. */
export function formatProxyAddress(value: ProxyAddress): string {
  return `${value.isPrimary ? value.type.toUpperCase() : value.type.toLowerCase()}:${value.address}`;
}

/**
 * The identity of an address for uniqueness: the type and the address, case-insensitive, without
 * the primary/secondary distinction, so "SMTP:a@b" and "smtp:A@B" are the same address.
 */
export function addressKey(raw: string): string {
  const colon = raw.indexOf(':');
  return colon < 0 ? raw.toLowerCase() : `${raw.slice(0, colon).replace('.', '').toLowerCase()}:${raw.slice(colon + 1).toLowerCase()}`;
}

export function sameAddress(a: string, b: string): boolean {
  return addressKey(a) === addressKey(b);
}

const TYPE_NAMES: Record<string, string> = {
  SMTP: 'SMTP Address',
  X400: 'X.400 Address',
  X500: 'X.500 Address',
  SIP: 'SIP Address',
  EUM: 'Unified Messaging Address',
  MS: 'Microsoft Mail Address',
  CCMAIL: 'cc:Mail Address',
  NOTES: 'Lotus Notes Address',
  GWISE: 'Novell GroupWise Address',
  EX: 'Exchange Address',
};

/** The name the original's type list would show; unknown types are "Custom Address". */
export function addressTypeName(type: string): string {
  return TYPE_NAMES[type.toUpperCase()] ?? 'Custom Address';
}

/** The short type label shown in the list's Type column (the stored prefix in upper case, X.400 with its dot). */
export function addressTypeLabel(type: string): string {
  const upper = type.toUpperCase();
  if (upper === 'X400') return 'X400';
  if (upper === 'X500') return 'X500';
  return upper;
}

const TYPE_ORDER = ['SMTP', 'X400', 'X500'];

/**
 * Display order of the tab: grouped by type (SMTP, X400, X500, then other types alphabetically),
 * the primary first within its type, then addresses alphabetically.
 */
export function compareForDisplay(a: ProxyAddress, b: ProxyAddress): number {
  const rank = (t: string) => {
    const i = TYPE_ORDER.indexOf(t);
    return i < 0 ? TYPE_ORDER.length : i;
  };
  return (
    rank(a.type) - rank(b.type) ||
    a.type.localeCompare(b.type) ||
    Number(b.isPrimary) - Number(a.isPrimary) ||
    a.address.localeCompare(b.address, undefined, { sensitivity: 'base' })
  );
}
