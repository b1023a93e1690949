// UUIDs on the wire. [C706] Appendix A / [MS-DTYP] 2.3.4.2: the first three fields are integers in
// the sender's byte order (little-endian for us, drep 0x10), the last eight bytes are sent as is.
import { AppError } from '../../../shared/errors.ts';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export function isUuid(text: string): boolean {
  return UUID_PATTERN.test(text);
}

/** Encodes "e1af8308-5d1f-11c9-91a4-08002b14a0fa" as 16 little-endian (NDR) bytes. */
export function uuidToBytes(uuid: string): Uint8Array {
  if (!isUuid(uuid)) throw new AppError({ kind: 'validation', message: `"${uuid}" is not a UUID.` });
  const hex = uuid.replace(/-/g, '');
  const raw = new Uint8Array(16);
  for (let i = 0; i < 16; i++) raw[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  // time_low (4), time_mid (2), time_hi_and_version (2) are integers: reverse them.
  const out = new Uint8Array(16);
  out.set([raw[3]!, raw[2]!, raw[1]!, raw[0]!, raw[5]!, raw[4]!, raw[7]!, raw[6]!], 0);
  out.set(raw.subarray(8), 8);
  return out;
}

/** Decodes 16 NDR bytes to the lower-case text form. */
export function uuidFromBytes(bytes: Uint8Array, offset = 0): string {
  if (bytes.length < offset + 16) throw new AppError({ kind: 'decode', message: 'A UUID was cut short.' });
  const b = (i: number): string => bytes[offset + i]!.toString(16).padStart(2, '0');
  return (
    b(3) + b(2) + b(1) + b(0) + '-' + b(5) + b(4) + '-' + b(7) + b(6) + '-' + b(8) + b(9) + '-' +
    b(10) + b(11) + b(12) + b(13) + b(14) + b(15)
  );
}
