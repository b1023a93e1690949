// X.400 O/R addresses as Exchange stores them after the `X400:` prefix:
// `c=US;a= ;p=Corp;o=Exchange;ou1=Sales;s=Doe;g=John;i=J;q=Jr;` (CDOEXM ProxyAddresses sample,
// KB 147413). Attributes are `key=value` pairs ended by `;`; keys are case-insensitive (KB 108732).

/** The attributes the X.400 address dialog edits (E2K SP2 help, "X.400 Address Spaces"). */
export const x400FieldKeys = ['c', 'a', 'p', 'o', 'ou1', 'ou2', 'ou3', 'ou4', 's', 'g', 'i', 'q'] as const;
export type X400FieldKey = (typeof x400FieldKeys)[number];

export type X400Fields = Record<X400FieldKey, string> & {
  /** Attributes the dialog does not edit (cn, dda:..., ...), kept in stored order so an edit loses nothing. */
  extra?: ReadonlyArray<readonly [key: string, value: string]>;
};

export function emptyX400Fields(): X400Fields {
  return { c: '', a: '', p: '', o: '', ou1: '', ou2: '', ou3: '', ou4: '', s: '', g: '', i: '', q: '' };
}

export type X400ParseResult = { ok: true; fields: X400Fields } | { ok: false; message: string };

function isFieldKey(key: string): key is X400FieldKey {
  return (x400FieldKeys as readonly string[]).includes(key);
}

/**
 * Reads the part after `X400:`. The `;` after the last attribute is optional. A value may itself
 * contain `=` (an allowed X.400 character), so only the first `=` of each attribute separates.
 */
export function parseX400(text: string): X400ParseResult {
  const fields = emptyX400Fields();
  const extra: Array<readonly [string, string]> = [];
  const seen = new Set<string>();
  const body = text.endsWith(';') ? text.slice(0, -1) : text;
  if (body.trim().length === 0) return { ok: false, message: 'The X.400 address is empty.' };
  for (const part of body.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) {
      return { ok: false, message: `"${part}" is not an X.400 attribute: write each one as key=value followed by a semicolon, for example c=US;.` };
    }
    const key = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1);
    if (seen.has(key)) return { ok: false, message: `The X.400 attribute "${key}" appears twice.` };
    seen.add(key);
    if (isFieldKey(key)) fields[key] = value;
    else extra.push([key, value] as const);
  }
  if (extra.length > 0) fields.extra = extra;
  return { ok: true, fields };
}

/**
 * Writes the fields in Exchange's order (country first, then the domains, organisation, units,
 * and the personal name), skipping empty optional attributes. `a` is always written: Exchange
 * writes a blank ADMD as `a= ` (a single space).
 */
export function formatX400(fields: X400Fields): string {
  let out = '';
  for (const key of x400FieldKeys) {
    const value = fields[key];
    if (key === 'a' || value.length > 0) out += `${key}=${value};`;
  }
  for (const [key, value] of fields.extra ?? []) out += `${key}=${value};`;
  return out;
}
