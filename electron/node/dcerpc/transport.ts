// The byte pipe under the DCE/RPC client: a TCP connection ([MS-RPCE] ncacn_ip_tcp) or an SMB2
// named pipe ([MS-RPCE] ncacn_np). Each receive() yields exactly one PDU fragment.
import { AppError } from '../../../shared/errors.ts';

export interface RpcTransport {
  /** "10.250.0.11:135" or "\\\\EXCH01\\PIPE\\svcctl" */
  readonly description: string;
  /** Preferred max_xmit_frag / max_recv_frag for the bind. */
  readonly maxFragment?: number;
  send(pdu: Uint8Array, signal?: AbortSignal): Promise<void>;
  /** Exactly one PDU fragment, framed by its frag_length. */
  receive(signal?: AbortSignal): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** [C706] 12.6.1: every connection-oriented PDU starts with a 16-byte common header. */
export const COMMON_HEADER_LENGTH = 16;

/**
 * The frag_length of the PDU at the start of `data`, or undefined when fewer than 10 bytes are
 * there. frag_length sits at offset 8 in the byte order named by drep[0] ([C706] 12.6.3.1).
 */
export function peekFragLength(data: Uint8Array): number | undefined {
  if (data.length < 10) return undefined;
  const bigEndian = (data[4]! & 0xf0) === 0;
  const length = bigEndian ? (data[8]! << 8) | data[9]! : data[8]! | (data[9]! << 8);
  if (data[0] !== 5 || length < COMMON_HEADER_LENGTH) {
    throw new AppError({
      kind: 'decode',
      message: `The peer sent something that is not a DCE/RPC v5 PDU (version ${data[0]}, frag_length ${length}).`,
    });
  }
  return length;
}

/**
 * Splits a byte stream into PDU fragments. Stream transports push bytes in; whole fragments come out.
 */
export class FragmentFramer {
  private pending: Uint8Array = new Uint8Array(0);

  push(chunk: Uint8Array): Uint8Array[] {
    const joined = new Uint8Array(this.pending.length + chunk.length);
    joined.set(this.pending, 0);
    joined.set(chunk, this.pending.length);
    const out: Uint8Array[] = [];
    let start = 0;
    for (;;) {
      const rest = joined.subarray(start);
      const length = peekFragLength(rest);
      if (length === undefined || rest.length < length) break;
      out.push(rest.slice(0, length));
      start += length;
    }
    this.pending = joined.slice(start);
    return out;
  }

  get buffered(): number {
    return this.pending.length;
  }
}
