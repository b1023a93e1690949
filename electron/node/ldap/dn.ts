// Distinguished names as AD writes them ([RFC 4514]): split on unescaped commas, readable paths.

/** RDNs of a DN, left to right, still escaped. */
export function splitDn(dn: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < dn.length; i++) {
    const ch = dn[i]!;
    if (ch === '\\' && i + 1 < dn.length) {
      current += ch + dn[i + 1]!;
      i++;
    } else if (ch === ',') {
      parts.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

/** The value of an RDN with RFC 4514 escapes removed ("CN=Doe\, John" -> "Doe, John"). */
export function rdnValue(rdn: string): string {
  const eq = rdn.indexOf('=');
  const raw = eq >= 0 ? rdn.slice(eq + 1) : rdn;
  return raw.replace(/\\([0-9a-fA-F]{2}|.)/g, (_m, esc: string) => (esc.length === 2 ? String.fromCharCode(parseInt(esc, 16)) : esc));
}

/** "CN=John,OU=Sales,OU=Staff,DC=corp,DC=example,DC=test" -> "corp.example.test/Staff/Sales". */
export function parentPath(dn: string): string {
  const rdns = splitDn(dn).slice(1);
  const domain = rdns.filter((r) => /^dc=/i.test(r)).map(rdnValue).join('.');
  const containers = rdns.filter((r) => !/^dc=/i.test(r)).map(rdnValue).reverse();
  return [domain, ...containers].filter(Boolean).join('/');
}

/** "DC=corp,DC=example,DC=test" -> "corp.example.test". */
export function dnsNameOf(namingContext: string): string {
  return splitDn(namingContext)
    .filter((r) => /^dc=/i.test(r))
    .map(rdnValue)
    .join('.');
}

export function sameDn(a: string, b: string): boolean {
  return splitDn(a).join(',').toLowerCase() === splitDn(b).join(',').toLowerCase();
}

/** LDAP GeneralizedTime ("20261203163008.0Z") to ISO 8601, or null. */
export function generalizedTimeToIso(value: string | null): string | null {
  if (!value) return null;
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:[.,](\d+))?Z$/.exec(value);
  if (!m) return null;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, ms)).toISOString();
}
