// LDAP filter strings built from user input. [RFC 4515] 3: in an assertion value the characters
// '*' (2A), '(' (28), ')' (29), '\' (5C) and NUL (00) MUST be escaped as '\' + two hex digits; we
// also escape every non-printable ASCII byte so a transcript line never hides a control character.
// Non-ASCII stays as UTF-8 text, which RFC 4515 allows (UTF1SUBSET/UTFMB).

export function escapeFilterValue(value: string): string {
  let out = '';
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x2a || cp === 0x28 || cp === 0x29 || cp === 0x5c || cp < 0x20 || cp === 0x7f) {
      out += `\\${cp.toString(16).padStart(2, '0')}`;
    } else {
      out += ch;
    }
  }
  return out;
}

/** `(attr=value)` with the value escaped: an equality assertion that matches only itself. */
export function equalityFilter(attribute: string, value: string): string {
  return `(${attribute}=${escapeFilterValue(value)})`;
}

/** `(attr=*value*)`: a substring assertion whose value parts are escaped. */
export function containsFilter(attribute: string, value: string): string {
  return `(${attribute}=*${escapeFilterValue(value)}*)`;
}

/** One OR over several filters; a single filter stays as it is. */
export function orFilter(filters: readonly string[]): string {
  if (filters.length === 0) throw new Error('orFilter needs at least one filter');
  return filters.length === 1 ? filters[0]! : `(|${filters.join('')})`;
}
