// Address rules for the E-mail Addresses editor and for the main process, which checks the whole
// resulting list before any write. Per-type rules live in ./rules/; this module routes by type and
// adds the rules that span a value (the attribute's length) or a list (duplicates, primaries).

import { addressKey, addressTypeLabel, parseProxyAddress } from './proxyAddress.ts';
import { validateCustomAddress, validateCustomType } from './rules/custom.ts';
import { smtpWarnings, validateSmtpAddress } from './rules/smtp.ts';
import { validateX400Fields } from './rules/x400.ts';
import { validateX500Address } from './rules/x500.ts';
import { issue, type ValidationIssue } from './validationIssue.ts';
import { formatX400, parseX400, type X400Fields } from './x400.ts';

export type { ValidationIssue } from './validationIssue.ts';

/** [MS-ADA3] 2.169 proxyAddresses: rangeUpper 1123. */
export const PROXY_ADDRESS_MAX = 1123;

export interface NewAddressOptions {
  /** The user confirmed an internationalised (RFC 6531) address: non-ASCII is then allowed. */
  allowInternational?: boolean;
  /** The user's current list (stored form, `type:address`), to refuse a duplicate. */
  existing?: readonly string[];
  /** When editing: the stored value being replaced, which is not a duplicate of itself. */
  replacing?: string;
}

/** Canonical type for routing: `X.400` and `x400` are X400; anything else is a custom type as typed. */
function canonicalType(type: string): string {
  const upper = type.toUpperCase();
  return upper === 'X.400' ? 'X400' : upper === 'X.500' ? 'X500' : upper;
}

/** The value part as it will be stored after `type:`. */
export function addressText(type: string, input: string | X400Fields): string {
  return typeof input === 'string' ? input : formatX400(input);
}

/**
 * Validates one address the user is adding or editing. `type` is SMTP, X400, X500 or a custom type
 * (then the type itself is validated too); `input` is the text after the prefix, or the X.400 fields.
 */
export function validateNewAddress(type: string, input: string | X400Fields, options: NewAddressOptions = {}): ValidationIssue[] {
  const kind = canonicalType(type);
  const text = addressText(kind, input);
  let issues: ValidationIssue[];
  if (kind === 'SMTP') issues = validateSmtpAddress(text, options);
  else if (kind === 'X400') issues = validateX400(input);
  else if (kind === 'X500') issues = validateX500Address(text, options);
  else issues = [...validateCustomType(type), ...validateCustomAddress(text, options)];
  if (issues.length > 0) return issues;

  const value = `${kind}:${text}`;
  if (value.length > PROXY_ADDRESS_MAX) {
    return [issue('address', 'valueLength', `The whole value with its ${kind}: prefix can be at most 1,123 characters (the proxyAddresses limit); it has ${value.length.toLocaleString('en-US')}.`)];
  }
  if (options.existing) {
    const key = addressKey(value);
    const replacing = options.replacing === undefined ? null : addressKey(options.replacing);
    if (key !== replacing && options.existing.some((v) => addressKey(v) === key)) {
      return [issue('address', 'duplicate', 'This address is already in the list.')];
    }
  }
  return [];
}

function validateX400(input: string | X400Fields): ValidationIssue[] {
  // X.400 is a PrintableString: no confirmation makes non-ASCII valid, so the field rules refuse it.
  if (typeof input !== 'string') return validateX400Fields(input);
  const parsed = parseX400(input);
  if (!parsed.ok) return [issue('address', 'x400.format', parsed.message)];
  return validateX400Fields(parsed.fields);
}

/**
 * The Custom Address dialog: the type is checked as typed first, so "SMTP" typed there is sent to
 * its own dialog instead of being validated as SMTP.
 */
export function validateCustomEntry(type: string, address: string, options: NewAddressOptions = {}): ValidationIssue[] {
  const typeIssues = validateCustomType(type);
  if (typeIssues.length === 0) return validateNewAddress(type, address, options);
  return [...typeIssues, ...validateCustomAddress(address, options)];
}

/** Advice shown next to a valid address that does not block saving (e.g. a `.local` domain). */
export function addressWarnings(type: string, input: string | X400Fields): ValidationIssue[] {
  return canonicalType(type) === 'SMTP' && typeof input === 'string' ? smtpWarnings(input) : [];
}

export interface AddressListOptions {
  /**
   * Defaults to true: an internationalised address in a list was confirmed when it was added,
   * and an existing one must not make every later write of the user fail.
   */
  allowInternational?: boolean;
}

/**
 * Validates a whole proxyAddresses list as it would be stored: each value by its type, no
 * duplicates (case- and prefix-insensitive), exactly one primary per type that has addresses.
 * Issues are reported per value with `field` = `proxyAddresses[i]`, and per type (the one-primary
 * rule) with `field` = `proxyAddresses(TYPE)`, e.g. `proxyAddresses(SMTP)`.
 */
export function validateAddressList(values: readonly string[], options: AddressListOptions = {}): ValidationIssue[] {
  const allowInternational = options.allowInternational ?? true;
  const issues: ValidationIssue[] = [];
  const seen = new Map<string, number>();
  const byType = new Map<string, { primaries: string[]; count: number }>();

  values.forEach((value, index) => {
    const field = `proxyAddresses[${index}]`;
    const parsed = parseProxyAddress(value);
    if (!parsed.ok) {
      issues.push(issue(field, 'format', parsed.message));
      return;
    }
    const { type, address, isPrimary } = parsed.value;
    const typeText = value.slice(0, value.indexOf(':'));
    for (const found of validateNewAddress(type === 'X400' || type === 'X500' || type === 'SMTP' ? type : typeText, address, { allowInternational })) {
      issues.push(issue(field, found.rule, `${value}: ${found.message}`));
    }
    const key = addressKey(value);
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push(issue(field, 'duplicate', `${value} is the same address as ${values[first]} (addresses are compared ignoring case and primary/secondary).`));
    } else {
      seen.set(key, index);
    }
    const group = byType.get(type) ?? { primaries: [], count: 0 };
    group.count++;
    if (isPrimary) group.primaries.push(value);
    byType.set(type, group);
  });

  for (const [type, group] of byType) {
    const label = addressTypeLabel(type);
    if (group.primaries.length === 0) {
      issues.push(issue(`proxyAddresses(${label})`, 'noPrimary', `There is no primary ${label} address: set one ${label} address as primary.`));
    } else if (group.primaries.length > 1) {
      issues.push(
        issue(`proxyAddresses(${label})`, 'manyPrimaries', `There are ${group.primaries.length} primary ${label} addresses (${group.primaries.join(', ')}); a type has exactly one.`),
      );
    }
  }
  return issues;
}

/** The list a change leaves behind: deletes match case-insensitively, as LDAP matches String(Unicode). */
export function resultingList(stored: readonly string[], remove: readonly string[], add: readonly string[]): string[] {
  const removed = new Set(remove.map((v) => v.toLowerCase()));
  return [...stored.filter((v) => !removed.has(v.toLowerCase())), ...add];
}

/**
 * For the main process before a write: validates the list a change leaves behind, but judges only
 * what the change touches. Added values get every rule; duplicates count when an added value is
 * involved; the one-primary rule applies to the types the change adds or removes. Values already
 * stored and left alone are not re-judged, so one odd legacy value can't block every later edit.
 */
export function validateAddressChange(
  change: { expected: { proxyAddresses: readonly string[] }; addProxyAddresses: readonly string[]; removeProxyAddresses: readonly string[] },
  options: AddressListOptions = {},
): ValidationIssue[] {
  const list = resultingList(change.expected.proxyAddresses, change.removeProxyAddresses, change.addProxyAddresses);
  const firstAdded = list.length - change.addProxyAddresses.length;
  const touchedTypes = new Set(
    [...change.addProxyAddresses, ...change.removeProxyAddresses].flatMap((v) => {
      const parsed = parseProxyAddress(v);
      return parsed.ok ? [addressTypeLabel(parsed.value.type)] : [];
    }),
  );
  return validateAddressList(list, options).filter((found) => {
    const index = /^proxyAddresses\[(\d+)\]$/.exec(found.field)?.[1];
    if (index !== undefined) return Number(index) >= firstAdded;
    const type = /^proxyAddresses\((.+)\)$/.exec(found.field)?.[1];
    return type !== undefined && touchedTypes.has(type);
  });
}
