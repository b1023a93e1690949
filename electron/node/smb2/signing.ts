// [MS-SMB2] 3.1.4.1 signing for dialects 2.0.2 and 2.1: HMAC-SHA256 over the whole message with
// the Signature field zeroed, keyed with Session.SessionKey, truncated to 16 bytes.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { HeaderFlag } from './header.ts';

const SIGNATURE_OFFSET = 48;

function mac(sessionKey: Buffer, message: Buffer): Buffer {
  const copy = Buffer.from(message);
  copy.fill(0, SIGNATURE_OFFSET, SIGNATURE_OFFSET + 16);
  return createHmac('sha256', sessionKey).update(copy).digest().subarray(0, 16);
}

/** Sets SMB2_FLAGS_SIGNED and writes the signature in place. */
export function signMessage(sessionKey: Buffer, message: Buffer): Buffer {
  message.writeUInt32LE((message.readUInt32LE(16) | HeaderFlag.SIGNED) >>> 0, 16);
  mac(sessionKey, message).copy(message, SIGNATURE_OFFSET);
  return message;
}

export function verifyMessage(sessionKey: Buffer, message: Buffer): boolean {
  return timingSafeEqual(mac(sessionKey, message), message.subarray(SIGNATURE_OFFSET, SIGNATURE_OFFSET + 16));
}
