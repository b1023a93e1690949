// A connection-oriented DCE/RPC client ([C706] chapter 12, [MS-RPCE] 3.3.1): one association over
// one transport, presentation contexts added by bind / alter_context, calls one at a time.
// Deterministic: assoc_group_id 0 in the bind, call ids 1, 2, 3 ..., context ids 0, 1, 2 ...
import { AppError, hex32 } from '../../../shared/errors.ts';
import { nullTranscript, type TranscriptSink, type WireProtocol } from '../../../shared/transcript.ts';
import { abortError, deadlineSignal } from './deadline.ts';
import { interfaceName } from './interfaces/knownInterfaces.ts';
import { decodePdu, encodePdu, NDR_SYNTAX, PFC, type BindAckPdu, type Pdu, type SyntaxId } from './pdu.ts';
import { contextResultName, faultStatusName, providerReasonName, rejectReasonName } from './statusNames.ts';
import type { RpcTransport } from './transport.ts';

export interface InterfaceId {
  uuid: string;
  major: number;
  minor: number;
  name?: string;
}

export interface BindAccepted {
  contextId: number;
  assocGroupId: number;
  /** Largest fragment we may send (the server's max_recv_frag, capped by ours). */
  maxXmitFrag: number;
  /** Largest fragment the server will send (its max_xmit_frag). */
  maxRecvFrag: number;
  /** The bind_ack's port_spec, e.g. "4560" or "\\PIPE\\svcctl". */
  secondaryAddress: string;
  transferSyntax: SyntaxId;
}

export interface RpcClientOptions {
  transcript?: TranscriptSink;
  /** Deadline for each bind and each call (request sent to last response fragment). */
  timeoutMs: number;
  /**
   * Who decodes the calls for the transcript. 'MSRPC' (default): this client writes a generic
   * "c/o Request" / "c/o Response" line per call. Any other label (EPM, SVCCTL): the interface
   * layer writes its own decoded line, and this client writes only binds and faults.
   */
  protocolLabel?: WireProtocol;
}

/** [C706] 12.6.3.1: request header 16 + alloc_hint 4 + p_cont_id 2 + opnum 2. */
const REQUEST_HEADER_LENGTH = 24;
/** The smallest max_xmit_frag [C706] 12.6.3.1 allows a server to choose. */
const MIN_FRAGMENT = 1432;

export function hexShort(n: number): string {
  return `0x${(n >>> 0).toString(16).toUpperCase()}`;
}

function interfaceLabel(iface: InterfaceId): string {
  return iface.name ?? interfaceName(iface.uuid) ?? 'unknown';
}

export class RpcClient {
  private nextCallId = 1;
  private nextContextId = 0;
  private readonly contexts = new Map<number, { iface: InterfaceId; accepted: BindAccepted }>();
  private currentContext: number | undefined;
  private maxXmitFrag: number;
  private maxRecvFrag: number;
  private assocGroupId = 0;
  private secondaryAddress = '';
  private bound = false;
  private broken: AppError | undefined;
  private readonly transcript: TranscriptSink;
  private readonly label: WireProtocol;

  constructor(
    private readonly transport: RpcTransport,
    private readonly options: RpcClientOptions,
  ) {
    this.transcript = options.transcript ?? nullTranscript;
    this.label = options.protocolLabel ?? 'MSRPC';
    this.maxXmitFrag = transport.maxFragment ?? 0x16d0;
    this.maxRecvFrag = transport.maxFragment ?? 0x16d0;
  }

  get description(): string {
    return this.transport.description;
  }

  /** Binds the first interface, or adds it with alter_context when the association exists. */
  async bind(iface: InterfaceId, signal?: AbortSignal): Promise<BindAccepted> {
    this.checkUsable();
    const alter = this.bound;
    const contextId = this.nextContextId++;
    const callId = this.nextCallId++;
    const name = interfaceLabel(iface);
    const verb = alter ? 'Alter Cont' : 'Bind';
    this.transcript.add(
      'clientToServer',
      'MSRPC',
      `c/o ${verb}: UUID{${iface.uuid.toUpperCase()}} ${name} Call=${hexShort(callId)} Assoc Grp=${hexShort(this.assocGroupId)} Xmit=${hexShort(this.maxXmitFrag)} Recv=${hexShort(this.maxRecvFrag)}`,
    );
    const pdu = encodePdu({
      type: alter ? 'alterContext' : 'bind',
      callId,
      maxXmitFrag: this.maxXmitFrag,
      maxRecvFrag: this.maxRecvFrag,
      assocGroupId: this.assocGroupId,
      contexts: [{ contextId, abstractSyntax: { uuid: iface.uuid, major: iface.major, minor: iface.minor }, transferSyntaxes: [NDR_SYNTAX] }],
    });
    const deadline = deadlineSignal(this.options.timeoutMs, signal);
    const reply = await this.exchange([pdu], deadline, `The ${verb.toLowerCase()} to ${name} on ${this.transport.description}`);
    if (reply.callId !== callId && reply.type !== 'bindNak') throw this.protocolError(`answered call ${reply.callId} instead of ${callId}`);
    if (reply.type === 'bindNak') {
      const reason = rejectReasonName(reply.rejectReason);
      this.transcript.add('serverToClient', 'MSRPC', `c/o Bind Nak: Call=${hexShort(reply.callId)} Reject Reason=${reason} (${reply.rejectReason})`);
      throw new AppError({
        kind: 'rpcBindRejected',
        code: reply.rejectReason,
        message: `${this.transport.description} refused the bind to ${name} (bind_nak ${reason}, code ${reply.rejectReason}).`,
        details: { pdu: 'bind_nak', reason, interface: { ...iface } },
      });
    }
    if (reply.type === 'fault') throw this.faultError(reply.status, reply.callId, `bind to ${name}`);
    if (reply.type !== (alter ? 'alterContextResp' : 'bindAck')) throw this.protocolError(`answered the ${verb.toLowerCase()} with PDU type ${reply.type}`);
    const ack = reply as BindAckPdu;
    const result = ack.results[0];
    const ackVerb = alter ? 'Alter Cont Resp' : 'Bind Ack';
    let line = `c/o ${ackVerb}: Call=${hexShort(ack.callId)} Assoc Grp=${hexShort(ack.assocGroupId)} Xmit=${hexShort(ack.maxXmitFrag)} Recv=${hexShort(ack.maxRecvFrag)}`;
    if (result && result.result !== 0) line += ` Result=${contextResultName(result.result)} Reason=${providerReasonName(result.reason)}`;
    this.transcript.add('serverToClient', 'MSRPC', line);
    if (!alter) {
      // The association exists once a bind_ack arrives, even one that rejects every context: more
      // interfaces then go in alter_context PDUs ([C706] 12.6.4.1 / 12.6.4.3).
      this.bound = true;
      this.assocGroupId = ack.assocGroupId;
      this.secondaryAddress = ack.secondaryAddress;
      // The server's max_recv_frag bounds what we send, its max_xmit_frag what it sends.
      this.maxXmitFrag = Math.max(MIN_FRAGMENT, Math.min(this.maxXmitFrag, ack.maxRecvFrag));
      this.maxRecvFrag = Math.min(this.maxRecvFrag, ack.maxXmitFrag);
    }
    if (!result) throw this.protocolError('sent a bind_ack without a result');
    if (result.result !== 0) {
      const reason = providerReasonName(result.reason);
      throw new AppError({
        kind: 'rpcBindRejected',
        code: result.reason,
        message: `${this.transport.description} rejected the interface ${name} v${iface.major}.${iface.minor} (${contextResultName(result.result)}: ${reason}, code ${result.reason}).`,
        hint: result.reason === 1 ? 'The server does not offer this interface or version: check the interface UUID and version settings.' : undefined,
        details: { pdu: ackVerb === 'Bind Ack' ? 'bind_ack' : 'alter_context_resp', result: contextResultName(result.result), reason, interface: { ...iface } },
      });
    }
    const accepted: BindAccepted = {
      contextId,
      assocGroupId: this.assocGroupId,
      maxXmitFrag: this.maxXmitFrag,
      maxRecvFrag: this.maxRecvFrag,
      secondaryAddress: this.secondaryAddress,
      transferSyntax: result.transferSyntax,
    };
    this.contexts.set(contextId, { iface, accepted });
    this.currentContext = contextId;
    return accepted;
  }

  /** Calls `opnum` on the most recently bound interface and returns the reassembled response stub. */
  async call(opnum: number, stub: Uint8Array, signal?: AbortSignal, opName?: string): Promise<Uint8Array> {
    return this.callOn(this.currentContext, opnum, stub, signal, opName);
  }

  /** Calls `opnum` in a given presentation context (from `bind`). */
  async callOn(contextId: number | undefined, opnum: number, stub: Uint8Array, signal?: AbortSignal, opName?: string): Promise<Uint8Array> {
    this.checkUsable();
    const context = contextId === undefined ? undefined : this.contexts.get(contextId);
    if (!context) throw new AppError({ kind: 'internal', message: 'An RPC call was made before a successful bind.' });
    const callId = this.nextCallId++;
    const name = interfaceLabel(context.iface);
    const what = opName ? `${name} ${opName}` : `${name} opnum ${opnum}`;
    // [C706] 12.6.3.1: each request fragment carries at most max_xmit_frag bytes; alloc_hint is what
    // remains of the stub from this fragment on.
    const room = this.maxXmitFrag - REQUEST_HEADER_LENGTH;
    const fragments: Uint8Array[] = [];
    for (let start = 0; start === 0 || start < stub.length; start += room) {
      const piece = stub.subarray(start, start + room);
      let flags = 0;
      if (start === 0) flags |= PFC.firstFrag;
      if (start + room >= stub.length) flags |= PFC.lastFrag;
      fragments.push(encodePdu({ type: 'request', callId, flags, allocHint: stub.length - start, contextId: context.accepted.contextId, opnum, stub: piece }));
    }
    if (this.label === 'MSRPC') {
      this.transcript.add(
        'clientToServer',
        'MSRPC',
        `c/o Request: ${name}${opName ? ` ${opName}` : ''} Call=${hexShort(callId)} Opnum=${hexShort(opnum)} Context=${hexShort(context.accepted.contextId)} Hint=${hexShort(stub.length)}${fragments.length > 1 ? ` Fragments=${fragments.length}` : ''}`,
      );
    }
    const parts: Uint8Array[] = [];
    const deadline = deadlineSignal(this.options.timeoutMs, signal);
    let first = true;
    let pdu: Pdu = await this.exchange(fragments, deadline, `The call ${what} on ${this.transport.description}`);
    for (;;) {
      if (pdu.callId !== callId) throw this.protocolError(`answered call ${pdu.callId} while call ${callId} was pending`);
      if (pdu.type === 'fault') {
        throw this.faultError(pdu.status, callId, what, (pdu.flags ?? 0) & PFC.didNotExecute ? 'did not execute' : undefined);
      }
      if (pdu.type !== 'response') throw this.protocolError(`answered ${what} with PDU type ${pdu.type}`);
      if (first && !((pdu.flags ?? 0) & PFC.firstFrag)) throw this.protocolError('sent a response whose first fragment lacks PFC_FIRST_FRAG');
      first = false;
      parts.push(pdu.stub);
      if ((pdu.flags ?? 0) & PFC.lastFrag) break;
      pdu = await this.receive(deadline, `The rest of ${what} from ${this.transport.description}`);
    }
    const total = parts.reduce((n, p) => n + p.length, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    if (this.label === 'MSRPC') {
      this.transcript.add(
        'serverToClient',
        'MSRPC',
        `c/o Response: ${name}${opName ? ` ${opName}` : ''} Call=${hexShort(callId)} Context=${hexShort(context.accepted.contextId)} Hint=${hexShort(total)}${parts.length > 1 ? ` Fragments=${parts.length}` : ''}`,
      );
    }
    return out;
  }

  async close(): Promise<void> {
    this.broken ??= new AppError({ kind: 'internal', message: 'The RPC connection is closed.' });
    await this.transport.close();
  }

  private checkUsable(): void {
    if (this.broken) throw this.broken;
  }

  /** Sends fragments and reads the first reply under the deadline. */
  private async exchange(fragments: Uint8Array[], deadline: AbortSignal, what: string): Promise<Pdu> {
    try {
      for (const fragment of fragments) await this.transport.send(fragment, deadline);
    } catch (error) {
      throw this.markBroken(error, deadline, what);
    }
    return this.receive(deadline, what);
  }

  private async receive(deadline: AbortSignal, what: string): Promise<Pdu> {
    try {
      return decodePdu(await this.transport.receive(deadline));
    } catch (error) {
      throw this.markBroken(error, deadline, what);
    }
  }

  private markBroken(error: unknown, deadline: AbortSignal, what: string): AppError {
    // After a timeout or a decode error the stream position is unknown: the association is unusable.
    const appError =
      deadline.aborted && (!(error instanceof AppError) || error.kind === 'cancelled' || error.kind === 'timeout')
        ? abortError(deadline, what, this.options.timeoutMs)
        : error instanceof AppError
          ? error
          : new AppError({ kind: 'internal', message: String(error) }, { cause: error });
    this.broken ??= appError;
    return appError;
  }

  private faultError(status: number, callId: number, what: string, note?: string): AppError {
    const name = faultStatusName(status);
    this.transcript.add('serverToClient', 'MSRPC', `c/o Fault: Call=${hexShort(callId)} Status=${name} (${hex32(status)})${note ? ` (${note})` : ''}`);
    return new AppError({
      kind: 'rpcFault',
      code: status >>> 0,
      message: `${this.transport.description} answered ${what} with the RPC fault ${name} (${hex32(status)}).`,
      details: { status: name },
    });
  }

  private protocolError(text: string): AppError {
    const error = new AppError({ kind: 'decode', message: `${this.transport.description} ${text}.` });
    this.broken ??= error;
    return error;
  }
}
