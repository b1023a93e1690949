// Character helpers shared by the per-type rules.

/** RFC 6531 limits are in octets of UTF-8, not in characters. */
export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

export function hasNonAscii(text: string): boolean {
  return /[^\x00-\x7f]/.test(text);
}

export function nonAsciiCharacters(text: string): string[] {
  return unique([...text].filter((ch) => ch.charCodeAt(0) > 0x7f));
}

// C0, DEL, C1 controls, and the Unicode line/paragraph separators.
const CONTROL = /[\x00-\x1f\x7f-\x9f\u2028\u2029]/;
export function hasControl(text: string): boolean {
  return CONTROL.test(text);
}

export function unique(chars: readonly string[]): string[] {
  return [...new Set(chars)];
}

/** `"<", ">" and ";"`: the way a person lists characters in a sentence. */
export function quoteList(chars: readonly string[]): string {
  const quoted = chars.map((c) => `"${c}"`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The international confirmation message, shared so every type words it the same way. */
export function internationalMessage(what: string, text: string): string {
  return `${what} contains characters outside ASCII (${quoteList(nonAsciiCharacters(text))}). Confirm it as an internationalised address to use it.`;
}
