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

/** The value of an RDN with RFC 4514 escapes removed ("CN=Doe\\, John" -> "Doe, John"; "\\c3\\bc" -> "ü"). */
export function rdnValue(rdn: string): string {
  const eq = rdn.indexOf('=');
  const raw = eq >= 0 ? rdn.slice(eq + 1) : rdn;
  let out = '';
  let bytes = ''; // pending hex pairs, as %XX, decoded together because they are UTF-8
  const flush = () => {
    if (!bytes) return;
    try {
      out += decodeURIComponent(bytes);
    } catch {
      // Not UTF-8 (legacy data): keep each byte as its own character rather than fail.
      out += bytes.split('%').slice(1).map((hex) => String.fromCharCode(parseInt(hex, 16))).join('');
    }
    bytes = '';
  };
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '\\' && /^[0-9a-fA-F]{2}$/.test(raw.slice(i + 1, i + 3))) {
      bytes += `%${raw.slice(i + 1, i + 3)}`;
      i += 2;
      continue;
    }
    flush();
    if (ch === '\\' && i + 1 < raw.length) {
      out += raw[i + 1]!;
      i++;
    } else {
      out += ch;
    }
  }
  flush();
  return out;
}

/** The object's container as ADUC's canonical name shows it: "CN=John,OU=Sales,OU=Staff,DC=corp,..." -> "corp.example.test/Staff/Sales". */
export function containerOf(dn: string): string {
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

/** DNs compare case-insensitively, ignoring spaces around the separators. */
export function sameDn(a: string, b: string): boolean {
  return splitDn(a).join(',').toLowerCase() === splitDn(b).join(',').toLowerCase();
}
