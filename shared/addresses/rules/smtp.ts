// SMTP addresses: RFC 5321 4.1.2 / RFC 5322 3.4.1 dot-atom local part and an RFC 1035 host name,
// narrowed by what Microsoft's directory sync accepts (IdFix, microsoft/idfix
// src/IdFix/Rules/Shared/RFC2822Rule.cs and the multi-tenant character rule `[\s<>\(\);,\[\]"]`).
//
// Decisions (documented for the reader and the tests):
// - Quoted local parts ("john doe"@example.com) are valid RFC 5322 but refused: Microsoft 365 sync
//   rejects quotes and spaces, so such an address could never leave the on-premises directory.
// - `.local` and other non-public top-level domains are accepted: Exchange 2003 organisations
//   commonly use them internally. IdFix flags them (TopLevelDomain) because they cannot be synced
//   to Microsoft 365; smtpWarnings() says so without blocking.
// - Non-ASCII is refused unless the user confirms an internationalised address; it is then
//   allowed in the local part and the domain as UTF-8 (RFC 6531 3.3, `UTF8-non-ascii`).

import { issue, type ValidationIssue } from '../validationIssue.ts';
import { hasControl, hasNonAscii, internationalMessage, quoteList, unique, utf8Length } from './text.ts';

const FIELD = 'address';

export const SMTP_LOCAL_MAX = 64; // RFC 5321 4.5.3.1.1
export const SMTP_DOMAIN_MAX = 255; // RFC 5321 4.5.3.1.2
export const SMTP_VALUE_MAX = 256; // IdFix StringMaxLengthRule(256), prefix included
export const SMTP_LABEL_MAX = 63; // RFC 1035 2.3.4

// RFC 5322 3.2.3 atext: ALPHA / DIGIT / "!#$%&'*+-/=?^_`{|}~".
const ATEXT_ASCII = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]$/;
// The characters IdFix (and Entra Connect) reject in any SMTP proxy address.
const SYNC_REJECTED = /[<>();,[\]"]/g;
const WHITESPACE = /\s/;

export interface SmtpOptions {
  allowInternational?: boolean;
}

function isAtext(ch: string, international: boolean): boolean {
  return ATEXT_ASCII.test(ch) || (international && ch.charCodeAt(0) > 0x7f && !WHITESPACE.test(ch));
}

function isLabelChar(ch: string, international: boolean): boolean {
  if (/^[A-Za-z0-9-]$/.test(ch)) return true;
  // An IDNA U-label is made of letters, marks and digits (RFC 5892); punctuation is not allowed.
  return international && ch.charCodeAt(0) > 0x7f && /^[\p{L}\p{M}\p{N}]$/u.test(ch);
}

/** Checks the part after `SMTP:`. Stops at the first structural problem so the message is the one that matters. */
export function validateSmtpAddress(address: string, options: SmtpOptions = {}): ValidationIssue[] {
  const international = options.allowInternational === true;
  if (address.trim().length === 0) return [issue(FIELD, 'required', 'Type an e-mail address.')];
  if (/^smtp:/i.test(address)) {
    return [issue(FIELD, 'smtp.prefix', 'Leave out the "smtp:" prefix: the address type is added for you.')];
  }
  if (address.includes(':')) {
    return [issue(FIELD, 'smtp.colon', 'An SMTP address can\'t contain a colon.')];
  }
  if (hasControl(address)) {
    return [issue(FIELD, 'smtp.control', 'An e-mail address can\'t contain tabs, line breaks or other control characters.')];
  }
  if (WHITESPACE.test(address)) return [issue(FIELD, 'smtp.whitespace', 'An e-mail address can\'t contain spaces.')];
  if (address.startsWith('"')) {
    return [
      issue(FIELD, 'smtp.quoted', 'Quoted names before the @ (like "john doe"@example.com) aren\'t allowed: Microsoft 365 directory sync rejects quotes.'),
    ];
  }
  const rejected = unique(address.match(SYNC_REJECTED) ?? []);
  if (rejected.length > 0) {
    return [issue(FIELD, 'smtp.character', `An e-mail address can't contain ${quoteList(rejected)}.`)];
  }
  if (!international && hasNonAscii(address)) {
    return [issue(FIELD, 'international', internationalMessage('The address', address))];
  }

  const at = address.indexOf('@');
  if (at < 0) return [issue(FIELD, 'smtp.noAt', 'An e-mail address needs an @ between the name and the domain, like jdoe@example.com.')];
  if (address.indexOf('@', at + 1) >= 0) return [issue(FIELD, 'smtp.manyAt', 'An e-mail address can have only one @.')];

  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const issues = [...validateLocalPart(local, international), ...validateDomain(domain, international)];
  if (issues.length > 0) return issues;

  const whole = `SMTP:${address}`.length;
  if (whole > SMTP_VALUE_MAX) {
    return [
      issue(FIELD, 'smtp.valueLength', `The whole address with its SMTP: prefix can be at most ${SMTP_VALUE_MAX} characters; it has ${whole}.`),
    ];
  }
  return [];
}

function validateLocalPart(local: string, international: boolean): ValidationIssue[] {
  if (local.length === 0) return [issue(FIELD, 'smtp.localEmpty', 'Type the part before the @.')];
  const octets = utf8Length(local);
  if (octets > SMTP_LOCAL_MAX) {
    return [issue(FIELD, 'smtp.localLength', `The part before the @ can be at most ${SMTP_LOCAL_MAX} characters; it has ${octets}.`)];
  }
  if (local.startsWith('.') || local.endsWith('.')) {
    return [issue(FIELD, 'smtp.localDotEnds', 'The part before the @ can\'t start or end with a dot.')];
  }
  if (local.includes('..')) return [issue(FIELD, 'smtp.localDoubleDot', 'The part before the @ can\'t contain two dots in a row.')];
  const bad = unique([...local].filter((ch) => ch !== '.' && !isAtext(ch, international)));
  if (bad.length > 0) return [issue(FIELD, 'smtp.localCharacter', `The part before the @ can't contain ${quoteList(bad)}.`)];
  return [];
}

function validateDomain(domain: string, international: boolean): ValidationIssue[] {
  if (domain.length === 0) return [issue(FIELD, 'smtp.domainEmpty', 'Type the domain after the @, like example.com.')];
  const octets = utf8Length(domain);
  if (octets > SMTP_DOMAIN_MAX) {
    return [issue(FIELD, 'smtp.domainLength', `The domain after the @ can be at most ${SMTP_DOMAIN_MAX} characters; it has ${octets}.`)];
  }
  if (domain.startsWith('.') || domain.endsWith('.')) {
    return [issue(FIELD, 'smtp.domainDotEnds', 'The domain after the @ can\'t start or end with a dot.')];
  }
  if (domain.includes('..')) return [issue(FIELD, 'smtp.domainDoubleDot', 'The domain after the @ can\'t contain two dots in a row.')];
  const bad = unique([...domain].filter((ch) => ch !== '.' && !isLabelChar(ch, international)));
  if (bad.length > 0) {
    return [issue(FIELD, 'smtp.domainCharacter', `The domain after the @ can only contain letters, digits, hyphens and dots, not ${quoteList(bad)}.`)];
  }
  const labels = domain.split('.');
  if (labels.length < 2) {
    return [issue(FIELD, 'smtp.domainSingleLabel', 'The domain after the @ needs at least two parts separated by a dot, like example.com.')];
  }
  for (const label of labels) {
    if (utf8Length(label) > SMTP_LABEL_MAX) {
      return [issue(FIELD, 'smtp.labelLength', `Each part of the domain can be at most ${SMTP_LABEL_MAX} characters; "${label.slice(0, 20)}..." is longer.`)];
    }
    if (label.startsWith('-') || label.endsWith('-')) {
      return [issue(FIELD, 'smtp.labelHyphen', `A part of the domain can't start or end with a hyphen ("${label}").`)];
    }
  }
  const tld = labels[labels.length - 1] ?? '';
  if (/^[0-9]+$/.test(tld)) {
    return [issue(FIELD, 'smtp.tldNumeric', 'The last part of the domain can\'t be only digits (IP addresses aren\'t allowed).')];
  }
  return [];
}

/** Advice that does not block saving. */
export function smtpWarnings(address: string): ValidationIssue[] {
  const tld = address.slice(address.lastIndexOf('.') + 1).toLowerCase();
  if (address.includes('@') && ['local', 'lan', 'internal', 'localdomain', 'corp'].includes(tld)) {
    return [
      issue(FIELD, 'smtp.nonRoutableDomain', `".${tld}" isn't a public top-level domain: mail from the internet can't reach it, and IdFix flags it before a Microsoft 365 sync.`),
    ];
  }
  return [];
}
