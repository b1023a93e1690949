// Custom address types (Exchange 2007 help, "Custom Address": "The e-mail address type cannot exceed
// 9 characters"). Their addresses are opaque to us, so only what would corrupt the stored value or a
// MAPI one-off address `[type:address]` is refused.
//
// Decision: unlike IdFix's rule for "other" types (`[\s<>\(\),\[\]"]`), spaces, parentheses and commas
// are accepted: real Lotus Notes and GroupWise addresses contain them ("NOTES:John Doe/Sales/Corp@Corp",
// KB 888614 on parentheses in Notes proxies).

import { issue, type ValidationIssue } from '../validationIssue.ts';
import { hasControl, hasNonAscii, internationalMessage, quoteList, unique } from './text.ts';

const RESERVED: Record<string, string> = {
  SMTP: 'SMTP Address',
  X400: 'X.400 Address',
  X500: 'X.500 Address',
};

export function validateCustomType(type: string): ValidationIssue[] {
  if (type.trim().length === 0) return [issue('type', 'required', 'Type the address type, like SIP or NOTES.')];
  if (!/^[A-Za-z0-9]{1,9}$/.test(type)) {
    return [issue('type', 'custom.typeFormat', 'The address type can be 1 to 9 letters or digits, with no spaces or punctuation.')];
  }
  if (!/[A-Za-z]/.test(type)) {
    return [
      issue('type', 'custom.typeLetter', 'The address type needs at least one letter: upper and lower case tell primary and secondary addresses apart.'),
    ];
  }
  const reserved = RESERVED[type.toUpperCase()];
  if (reserved) return [issue('type', 'custom.reservedType', `Choose "${reserved}" in the type list for ${type.toUpperCase()} addresses.`)];
  return [];
}

const REJECTED = /[<>[\]"]/g;

export function validateCustomAddress(address: string, options: { allowInternational?: boolean } = {}): ValidationIssue[] {
  if (address.trim().length === 0) return [issue('address', 'required', 'Type the address.')];
  if (hasControl(address)) {
    return [issue('address', 'custom.control', 'The address can\'t contain tabs, line breaks or other control characters.')];
  }
  if (address !== address.trim()) return [issue('address', 'custom.edgeSpace', 'The address can\'t start or end with a space.')];
  const rejected = unique(address.match(REJECTED) ?? []);
  if (rejected.length > 0) return [issue('address', 'custom.character', `The address can't contain ${quoteList(rejected)}.`)];
  if (options.allowInternational !== true && hasNonAscii(address)) {
    return [issue('address', 'international', internationalMessage('The address', address))];
  }
  return [];
}
