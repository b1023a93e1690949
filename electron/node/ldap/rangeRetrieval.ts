// [MS-ADTS] 3.1.1.3.1.3.3 Range retrieval of attribute values. AD returns at most MaxValRange
// (1500) values of one attribute per search: a plain request then yields "attr;range=0-1499" and
// an empty "attr", and the client asks for "attr;range=1500-*" and so on until the high bound is
// "*". A write must never be computed from a partial list, so an unfinished loop is an error.
import { AppError } from '../../../shared/errors.ts';
import type { CallOptions, LdapEntry, LdapSession } from './session.ts';

/** Upper bound on round trips: 10,000 ranges of at least one value each. */
const MAX_RANGE_REQUESTS = 10_000;

export interface RangedPart {
  low: number;
  /** null for "*" (the last part). */
  high: number | null;
  values: string[];
}

/** Finds "attr;range=low-high" among an entry's attributes (names are lower case). */
export function rangedPart(entry: LdapEntry, attribute: string): RangedPart | null {
  const prefix = `${attribute.toLowerCase()};range=`;
  for (const [name, vals] of Object.entries(entry.attributes)) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(\d+)-(\d+|\*)$/.exec(name.slice(prefix.length));
    if (!match) throw new AppError({ kind: 'decode', message: `The server sent a malformed range option: ${name}` });
    return { low: Number(match[1]), high: match[2] === '*' ? null : Number(match[2]), values: vals };
  }
  return null;
}

export interface RangeOptions extends CallOptions {
  /** Ask for explicit windows of this many values even when the server would send all at once (Samba). */
  step?: number;
  /** Called per received part (tests and transcript). */
  onPart?: (part: RangedPart) => void;
}

function rangeSpec(next: number, step: number | undefined): string {
  return step ? `${next}-${next + step - 1}` : `${next}-*`;
}

/**
 * Every value of `attribute` on `dn`. When `entry` (an earlier read of that object) is given and
 * holds the attribute unranged and no explicit step is asked, its values are complete already.
 */
export async function readAllValues(session: LdapSession, dn: string, attribute: string, entry: LdapEntry | null, options: RangeOptions = {}): Promise<string[]> {
  const lower = attribute.toLowerCase();
  let collected: string[] = [];
  let next = 0;
  let part: RangedPart | null = entry ? rangedPart(entry, attribute) : null;
  if (entry && !part && !options.step) return entry.attributes[lower] ?? [];
  for (let request = 0; request < MAX_RANGE_REQUESTS; request++) {
    if (!part) {
      const [fresh] = await session.search(
        { base: dn, scope: 'base', filter: '(objectClass=*)', attributes: [`${attribute};range=${rangeSpec(next, options.step)}`] },
        options,
      );
      if (!fresh) throw new AppError({ kind: 'notFound', message: `The object ${dn} disappeared while its ${attribute} values were being read.` });
      part = rangedPart(fresh, attribute);
      if (!part) {
        // No ranged answer: on the first request the attribute is absent (or the server sent it whole).
        if (next === 0) return fresh.attributes[lower] ?? [];
        // Asking past the last value: a server may omit the attribute instead of sending "N-*".
        return collected;
      }
    }
    if (part.low !== next) {
      throw new AppError({
        kind: 'decode',
        message: `Range retrieval of ${attribute} on ${dn} returned values from ${part.low} when ${next} was expected; the list would be incomplete.`,
        hint: 'Open the user again.',
      });
    }
    options.onPart?.(part);
    collected = collected.concat(part.values);
    if (part.high === null) return collected;
    if (part.high < part.low - 1 || part.values.length === 0) {
      throw new AppError({ kind: 'decode', message: `Range retrieval of ${attribute} on ${dn} made no progress at ${next}.` });
    }
    next = part.high + 1;
    part = null;
  }
  throw new AppError({ kind: 'decode', message: `Range retrieval of ${attribute} on ${dn} did not finish after ${MAX_RANGE_REQUESTS} requests.` });
}
