// [MS-NLMP] 2.2.2.1 AV_PAIR list (the server's TargetInfo), kept in wire order.
import { AppError } from '../../../shared/errors.ts';
import { AvId } from './flags.ts';

export interface AvPair {
  id: number;
  value: Buffer;
}

export function decodeAvPairs(data: Buffer): AvPair[] {
  const pairs: AvPair[] = [];
  let offset = 0;
  while (offset + 4 <= data.length) {
    const id = data.readUInt16LE(offset);
    const length = data.readUInt16LE(offset + 2);
    if (offset + 4 + length > data.length) break;
    if (id === AvId.MsvAvEOL) return pairs;
    pairs.push({ id, value: Buffer.from(data.subarray(offset + 4, offset + 4 + length)) });
    offset += 4 + length;
  }
  throw new AppError({ kind: 'decode', message: 'The NTLM target information has no end marker (MsvAvEOL).' });
}

/** Encodes pairs and appends MsvAvEOL. */
export function encodeAvPairs(pairs: readonly AvPair[]): Buffer {
  const parts: Buffer[] = [];
  for (const pair of pairs) {
    const head = Buffer.alloc(4);
    head.writeUInt16LE(pair.id, 0);
    head.writeUInt16LE(pair.value.length, 2);
    parts.push(head, pair.value);
  }
  parts.push(Buffer.alloc(4));
  return Buffer.concat(parts);
}

export function findAvPair(pairs: readonly AvPair[], id: number): Buffer | undefined {
  return pairs.find((p) => p.id === id)?.value;
}
