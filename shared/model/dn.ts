// Distinguished-name helpers for display (RFC 4514 escaping respected when splitting).

/** Splits a DN into its RDNs, honouring backslash escapes ("CN=Doe\, John,OU=Sales,..."). */
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

function rdnValue(rdn: string): string {
  return rdn.slice(rdn.indexOf('=') + 1).replace(/\\(.)/g, '$1');
}

/** The object's container as ADUC's "canonical name" shows it: "corp.example.test/Sales/Europe". */
export function containerOf(dn: string): string {
  const rdns = splitDn(dn);
  const domain = rdns.filter((r) => /^DC=/i.test(r)).map(rdnValue).join('.');
  const containers = rdns
    .slice(1)
    .filter((r) => !/^DC=/i.test(r))
    .map(rdnValue)
    .reverse();
  return [domain, ...containers].filter(Boolean).join('/');
}
