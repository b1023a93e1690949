// X.400 O/R address fields. Limits: E2K SP2 help "X.400 Address Spaces" (original-flow.md 1.6);
// characters: KB 108732 ("letters, digits, space, ' ( ) + , - . / : = ?", a PrintableString).
// "If you are specifying a recipient address, you must specify a surname (s)."

import { issue, type ValidationIssue } from '../validationIssue.ts';
import type { X400FieldKey, X400Fields } from '../x400.ts';
import { hasControl, quoteList, unique } from './text.ts';

export const x400FieldLabels: Record<X400FieldKey, string> = {
  c: 'Country/Region',
  a: 'ADMD',
  p: 'PRMD',
  o: 'Organization',
  ou1: 'Organizational unit 1',
  ou2: 'Organizational unit 2',
  ou3: 'Organizational unit 3',
  ou4: 'Organizational unit 4',
  s: 'Surname',
  g: 'Given name',
  i: 'Initials',
  q: 'Generation qualifier',
};

/** [min, max] lengths; min 1 means required. */
export const x400FieldLimits: Record<X400FieldKey, readonly [number, number]> = {
  c: [1, 3],
  a: [1, 16],
  p: [1, 16],
  o: [0, 64],
  ou1: [0, 32],
  ou2: [0, 32],
  ou3: [0, 32],
  ou4: [0, 32],
  s: [1, 40],
  g: [0, 16],
  i: [0, 5],
  q: [0, 3],
};

/** Exchange 5.5 help: the common name is 1-64 characters. */
const EXTRA_LIMITS: Record<string, number> = { cn: 64 };
const EXTRA_DEFAULT_MAX = 128; // MAPI SDK: a DDA value is at most 128 characters

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]$/;
const ALLOWED_TEXT = 'letters, digits, spaces and \' ( ) + , - . / : = ?';

function characterIssue(field: string, label: string, value: string): ValidationIssue | null {
  if (hasControl(value)) return issue(field, 'x400.character', `${label} can't contain tabs, line breaks or other control characters.`);
  const bad = unique([...value].filter((ch) => !PRINTABLE.test(ch)));
  if (bad.length === 0) return null;
  return issue(field, 'x400.character', `${label} can't contain ${quoteList(bad)}: X.400 allows only ${ALLOWED_TEXT}.`);
}

function validateField(key: X400FieldKey, value: string): ValidationIssue | null {
  const label = x400FieldLabels[key];
  const [min, max] = x400FieldLimits[key];
  if (value.length === 0) {
    if (min === 0) return null;
    if (key === 'a') return issue(key, 'required', 'ADMD is required; type a single space for a blank ADMD (a= ).');
    return issue(key, 'required', `${label} is required.`);
  }
  const chars = characterIssue(key, label, value);
  if (chars) return chars;
  if (key === 'a' && value === ' ') return null; // Exchange's blank ADMD
  if (value.trim().length === 0) return issue(key, 'x400.blank', `${label} can't be only spaces.`);
  if (value !== value.trim()) return issue(key, 'x400.edgeSpace', `${label} can't start or end with a space.`);
  if (key === 'c' && !/^(?:[A-Za-z]{2}|[0-9]{3})$/.test(value)) {
    return issue(key, 'x400.country', 'Country/Region must be 2 letters (like US) or 3 digits (like 840).');
  }
  if (value.length > max) return issue(key, 'x400.length', `${label} can be at most ${max} characters; it has ${value.length}.`);
  return null;
}

export function validateX400Fields(fields: X400Fields): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const key of Object.keys(x400FieldLabels) as X400FieldKey[]) {
    const found = validateField(key, fields[key]);
    if (found) issues.push(found);
  }
  // Organisational units are a sequence: ou2 without ou1 has no meaning (X.411 OrganizationalUnitNames).
  const ous = ['ou1', 'ou2', 'ou3', 'ou4'] as const;
  for (let n = 1; n < ous.length; n++) {
    const key = ous[n]!;
    const previous = ous[n - 1]!;
    if (fields[key].length > 0 && fields[previous].length === 0) {
      issues.push(issue(key, 'x400.ouOrder', `${x400FieldLabels[key]} needs ${x400FieldLabels[previous]} to be filled in first.`));
    }
  }
  for (const [key, value] of fields.extra ?? []) {
    const label = `The X.400 attribute "${key}"`;
    if (!/^[a-z0-9-]+(?::[A-Za-z0-9 '()+,\-./=?]+)?$/i.test(key)) {
      issues.push(issue('address', 'x400.attributeName', `"${key}" is not an X.400 attribute name.`));
      continue;
    }
    const chars = characterIssue('address', label, value);
    if (chars) {
      issues.push(chars);
      continue;
    }
    const max = EXTRA_LIMITS[key] ?? EXTRA_DEFAULT_MAX;
    if (value.trim().length === 0) issues.push(issue('address', 'x400.blank', `${label} has no value.`));
    else if (value.length > max) issues.push(issue('address', 'x400.length', `${label} can be at most ${max} characters; it has ${value.length}.`));
  }
  return issues;
}
