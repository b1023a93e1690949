// ncacn_np ([MS-RPCE] 2.1.1.2): DCE/RPC PDUs over an SMB2 named pipe. A fragment goes out as a
// WRITE, or, in 'transceive' mode, the last fragment of a bind or request goes out as
// FSCTL_PIPE_TRANSCEIVE ([MS-FSCC] 2.3.49), which also brings the first answer back, as Windows
// does. receive() READs until a whole fragment is there (a pipe READ returns at most one pipe
// message, STATUS_BUFFER_OVERFLOW when it did not fit).
import { AppError } from '../../../shared/errors.ts';
import type { TranscriptSink } from '../../../shared/transcript.ts';
import type { NtlmCredentials } from '../ntlm/credentials.ts';
import { FragmentFramer, type RpcTransport } from '../dcerpc/transport.ts';
import { Smb2Session, type Smb2File } from './smb2Session.ts';

/** Windows' max_xmit_frag / max_recv_frag over named pipes. */
export const PIPE_MAX_FRAGMENT = 4280;

export type PipeMode = 'writeRead' | 'transceive';

/** [C706] 12.6.3.1 pfc_flags: PFC_LAST_FRAG */
const PFC_LAST_FRAG = 0x02;
/** [C706] 12.6.4: PDU types that the server answers (request, bind, alter_context); others (auth3, orphaned) get no reply. */
const ANSWERED_TYPES = new Set([0, 11, 14]);

export class PipeTransport implements RpcTransport {
  readonly description: string;
  readonly maxFragment = PIPE_MAX_FRAGMENT;
  private readonly framer = new FragmentFramer();
  private readonly ready: Uint8Array[] = [];
  private closed = false;

  constructor(
    readonly session: Smb2Session,
    readonly file: Smb2File,
    readonly mode: PipeMode = 'writeRead',
  ) {
    this.description = `\\\\${session.host}\\PIPE\\${file.name}`;
  }

  async send(pdu: Uint8Array, signal?: AbortSignal): Promise<void> {
    if (this.mode === 'transceive' && ANSWERED_TYPES.has(pdu[2]!) && (pdu[3]! & PFC_LAST_FRAG) !== 0) {
      let answer = await this.session.transceive(this.file, pdu, this.maxFragment, signal);
      this.ready.push(...this.framer.push(answer.data));
      // Bounded: the rest of one pipe message, read in maxFragment pieces (a fragment is at most 64 KiB).
      for (let reads = 0; answer.more && reads < 64; reads++) {
        answer = await this.session.read(this.file, this.maxFragment, signal);
        this.ready.push(...this.framer.push(answer.data));
      }
      return;
    }
    await this.session.write(this.file, pdu, signal);
  }

  async receive(signal?: AbortSignal): Promise<Uint8Array> {
    // Bounded: each READ either completes a fragment or adds bytes; a fragment is at most 64 KiB.
    for (let reads = 0; this.ready.length === 0 && reads < 64; reads++) {
      const { data } = await this.session.read(this.file, this.maxFragment, signal);
      this.ready.push(...this.framer.push(data));
    }
    const pdu = this.ready.shift();
    if (!pdu) throw new AppError({ kind: 'decode', message: `${this.description} sent no complete DCE/RPC fragment in 64 reads.` });
    return pdu;
  }

  /** CLOSE the pipe, TREE_DISCONNECT, LOGOFF and close TCP; never throws. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.session.closeFile(this.file);
      await this.session.treeDisconnect(this.file.tree);
    } catch {
      // Closing is best effort; the LOGOFF and TCP close below still run.
    } finally {
      await this.session.close();
    }
  }
}

export interface OpenPipeOptions {
  host: string;
  port?: number;
  credentials: NtlmCredentials;
  /** The server's NetBIOS name for the TREE_CONNECT path and the SPN; `host` by default. */
  serverName?: string;
  /** Pipe name without \PIPE\, e.g. "svcctl". */
  pipe: string;
  timeoutMs: number;
  signal?: AbortSignal;
  transcript?: TranscriptSink;
  /** [MS-SMB2] 2.2.3 ClientGuid; a fresh one by default. */
  clientGuid?: string;
  /** How fragments travel (default 'writeRead'). */
  mode?: PipeMode;
  /** Progress: TCP connected and logging on, then opening the pipe. */
  onStage?: (stage: 'logon' | 'pipe') => void;
}

/** Logs on to host, connects to IPC$ and opens the pipe; everything is undone on failure. */
export async function openPipeTransport(options: OpenPipeOptions): Promise<PipeTransport> {
  const session = await Smb2Session.open({
    host: options.host,
    credentials: options.credentials,
    timeoutMs: options.timeoutMs,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.transcript ? { transcript: options.transcript } : {}),
    ...(options.onStage ? { onStage: options.onStage } : {}),
    ...(options.clientGuid ? { clientGuid: options.clientGuid } : {}),
    ...(options.serverName ? { serverName: options.serverName } : {}),
  });
  try {
    options.onStage?.('pipe');
    const tree = await session.treeConnect('IPC$', options.serverName ?? options.host);
    const file = await session.openPipe(tree, options.pipe);
    return new PipeTransport(session, file, options.mode);
  } catch (error) {
    await session.close();
    throw error;
  }
}
