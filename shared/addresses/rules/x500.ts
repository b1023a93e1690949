// X.500 addresses hold an Exchange DN in legacyExchangeDN form, `/o=Org/ou=Group/cn=Recipients/cn=jdoe`
// (red-gate "Exchange e-mail addresses and the Outlook address cache"; KB 253838).
// Parentheses and spaces are part of real values ("Exchange Administrative Group (FYDIBOHF23SPDLT)")
// and IdFix stopped flagging them in 2.3.0.0. Apostrophes occur in names (cn=o'brien) and are accepted,
// although IdFix's X500 character rule still lists `'`: the directory and Exchange take them.

import { issue, type ValidationIssue } from '../validationIssue.ts';
import { hasControl, hasNonAscii, internationalMessage, quoteList, unique } from './text.ts';

const FIELD = 'address';
const REJECTED = /[[\]"]/g;
const EXAMPLE = '/o=Org/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=jdoe';

export function validateX500Address(address: string, options: { allowInternational?: boolean } = {}): ValidationIssue[] {
  if (address.trim().length === 0) return [issue(FIELD, 'required', 'Type an X.500 address, like /o=Org/ou=Group/cn=Recipients/cn=jdoe.')];
  if (hasControl(address)) {
    return [issue(FIELD, 'x500.control', 'An X.500 address can\'t contain tabs, line breaks or other control characters.')];
  }
  const rejected = unique(address.match(REJECTED) ?? []);
  if (rejected.length > 0) return [issue(FIELD, 'x500.character', `An X.500 address can't contain ${quoteList(rejected)}.`)];
  if (options.allowInternational !== true && hasNonAscii(address)) {
    return [issue(FIELD, 'international', internationalMessage('The X.500 address', address))];
  }
  if (!address.startsWith('/')) {
    return [issue(FIELD, 'x500.leadingSlash', `An X.500 address starts with a slash, like ${EXAMPLE}.`)];
  }
  const parts = address.slice(1).split('/');
  const names: string[] = [];
  for (const part of parts) {
    if (part.length === 0) return [issue(FIELD, 'x500.emptyPart', 'An X.500 address can\'t have an empty part between slashes or end with a slash.')];
    const eq = part.indexOf('=');
    if (eq < 0) return [issue(FIELD, 'x500.partForm', `"${part}" needs the form name=value, like ou=Exchange Administrative Group.`)];
    const name = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (!/^[A-Za-z]{1,16}$/.test(name)) {
      return [issue(FIELD, 'x500.attributeName', `"${name}" is not an attribute name: use letters only, like o, ou or cn.`)];
    }
    if (value.trim().length === 0) return [issue(FIELD, 'x500.emptyValue', `The ${name}= part has no value.`)];
    if (value !== value.trim()) return [issue(FIELD, 'x500.edgeSpace', `The value of ${name}= can't start or end with a space.`)];
    names.push(name.toLowerCase());
  }
  if (names[0] !== 'o') return [issue(FIELD, 'x500.organisationFirst', `An X.500 address starts with the organisation, /o=..., like ${EXAMPLE}.`)];
  if (!names.includes('cn')) return [issue(FIELD, 'x500.noCommonName', 'An X.500 address needs at least one cn= part, normally at the end.')];
  return [];
}
