// Connection-oriented DCE/RPC PDUs: [C706] 12.6 (Connection-oriented PDU Data Types) with the
// [MS-RPCE] 2.2.2 extensions. Only what an unauthenticated client needs: bind, bind_ack,
// bind_nak, alter_context, alter_context_resp, request, response, fault. Encoding is deterministic:
// little-endian, ASCII, IEEE (drep 10 00 00 00), no auth verifier.
import { AppError } from '../../../shared/errors.ts';
import { NdrReader, NdrWriter } from './ndr.ts';
import { COMMON_HEADER_LENGTH } from './transport.ts';

/** [C706] 12.6.3.1 PTYPE. */
export const PTYPE = {
  request: 0,
  response: 2,
  fault: 3,
  bind: 11,
  bindAck: 12,
  bindNak: 13,
  alterContext: 14,
  alterContextResp: 15,
  shutdown: 17,
  coCancel: 18,
  orphaned: 19,
} as const;
export type PduType = (typeof PTYPE)[keyof typeof PTYPE];

/** [C706] 12.6.3.1 pfc_flags, [MS-RPCE] 2.2.2.3. */
export const PFC = {
  firstFrag: 0x01,
  lastFrag: 0x02,
  /** PFC_PENDING_CANCEL on requests; PFC_SUPPORT_HEADER_SIGN on bind ([MS-RPCE] 2.2.2.3). */
  pendingCancel: 0x04,
  concMpx: 0x10,
  didNotExecute: 0x20,
  maybe: 0x40,
  objectUuid: 0x80,
} as const;

/** [C706] 12.6.3.1 p_syntax_id_t: interface UUID and version (major in the low 16 bits). */
export interface SyntaxId {
  uuid: string;
  major: number;
  minor: number;
}

/** The NDR 2.0 transfer syntax, [C706] Appendix I / [MS-RPCE] 2.2.4.12. */
export const NDR_SYNTAX: SyntaxId = { uuid: '8a885d04-1ceb-11c9-9fe8-08002b104860', major: 2, minor: 0 };

export interface ContextElement {
  contextId: number;
  abstractSyntax: SyntaxId;
  transferSyntaxes: SyntaxId[];
}

export interface ContextResult {
  /** 0 acceptance, 1 user_rejection, 2 provider_rejection, 3 negotiate_ack. */
  result: number;
  /** p_provider_reason_t when rejected. */
  reason: number;
  transferSyntax: SyntaxId;
}

interface PduBase {
  callId: number;
  /** pfc_flags; encodePdu uses FIRST|LAST when omitted. */
  flags?: number;
}

export interface BindPdu extends PduBase {
  type: 'bind' | 'alterContext';
  maxXmitFrag: number;
  maxRecvFrag: number;
  assocGroupId: number;
  contexts: ContextElement[];
}

export interface BindAckPdu extends PduBase {
  type: 'bindAck' | 'alterContextResp';
  maxXmitFrag: number;
  maxRecvFrag: number;
  assocGroupId: number;
  /** port_spec without its NUL, e.g. "4560" or "\\PIPE\\svcctl"; empty in alter_context_resp. */
  secondaryAddress: string;
  results: ContextResult[];
}

export interface BindNakPdu extends PduBase {
  type: 'bindNak';
  rejectReason: number;
  versions: Array<{ major: number; minor: number }>;
}

export interface RequestPdu extends PduBase {
  type: 'request';
  allocHint: number;
  contextId: number;
  opnum: number;
  /** Present only with PFC_OBJECT_UUID. */
  object?: string;
  stub: Uint8Array;
}

export interface ResponsePdu extends PduBase {
  type: 'response';
  allocHint: number;
  contextId: number;
  cancelCount: number;
  stub: Uint8Array;
}

export interface FaultPdu extends PduBase {
  type: 'fault';
  allocHint: number;
  contextId: number;
  cancelCount: number;
  status: number;
  stub: Uint8Array;
}

/** A PDU type we do not handle (shutdown, orphaned, ...): kept for the error message. */
export interface OtherPdu extends PduBase {
  type: 'other';
  ptype: number;
  body: Uint8Array;
}

export type Pdu = BindPdu | BindAckPdu | BindNakPdu | RequestPdu | ResponsePdu | FaultPdu | OtherPdu;

const TYPE_TO_PTYPE = {
  bind: PTYPE.bind,
  alterContext: PTYPE.alterContext,
  bindAck: PTYPE.bindAck,
  alterContextResp: PTYPE.alterContextResp,
  bindNak: PTYPE.bindNak,
  request: PTYPE.request,
  response: PTYPE.response,
  fault: PTYPE.fault,
} as const;

function writeSyntax(w: NdrWriter, s: SyntaxId): void {
  w.uuid(s.uuid).u16(s.major).u16(s.minor);
}

function readSyntax(r: NdrReader): SyntaxId {
  const uuid = r.uuid();
  const major = r.u16();
  const minor = r.u16();
  return { uuid, major, minor };
}

/** Encodes a PDU with the 16-byte common header; frag_length is filled in, auth_length is 0. */
export function encodePdu(pdu: Exclude<Pdu, OtherPdu>): Uint8Array {
  const w = new NdrWriter();
  let flags = pdu.flags ?? PFC.firstFrag | PFC.lastFrag;
  if (pdu.type === 'request' && pdu.object !== undefined) flags |= PFC.objectUuid;
  // [C706] 12.6.3.1 common header: rpc_vers 5, rpc_vers_minor 0, PTYPE, pfc_flags, drep, frag_length,
  // auth_length, call_id.
  w.u8(5).u8(0).u8(TYPE_TO_PTYPE[pdu.type]).u8(flags).bytes(Uint8Array.of(0x10, 0, 0, 0)).u16(0).u16(0).u32(pdu.callId);
  switch (pdu.type) {
    case 'bind':
    case 'alterContext':
      w.u16(pdu.maxXmitFrag).u16(pdu.maxRecvFrag).u32(pdu.assocGroupId);
      w.u8(pdu.contexts.length).u8(0).u16(0);
      for (const c of pdu.contexts) {
        w.u16(c.contextId).u8(c.transferSyntaxes.length).u8(0);
        writeSyntax(w, c.abstractSyntax);
        for (const t of c.transferSyntaxes) writeSyntax(w, t);
      }
      break;
    case 'bindAck':
    case 'alterContextResp': {
      w.u16(pdu.maxXmitFrag).u16(pdu.maxRecvFrag).u32(pdu.assocGroupId);
      // port_any_t: length includes the terminating NUL; an empty address is sent as length 0.
      const address = pdu.secondaryAddress;
      if (address.length === 0) w.u16(0);
      else w.u16(address.length + 1).bytes(new TextEncoder().encode(`${address}\0`));
      w.align(4);
      w.u8(pdu.results.length).u8(0).u16(0);
      for (const r of pdu.results) {
        w.u16(r.result).u16(r.reason);
        writeSyntax(w, r.transferSyntax);
      }
      break;
    }
    case 'bindNak':
      w.u16(pdu.rejectReason).u8(pdu.versions.length);
      for (const v of pdu.versions) w.u8(v.major).u8(v.minor);
      break;
    case 'request':
      w.u32(pdu.allocHint).u16(pdu.contextId).u16(pdu.opnum);
      if (pdu.object !== undefined) w.uuid(pdu.object);
      w.bytes(pdu.stub);
      break;
    case 'response':
      w.u32(pdu.allocHint).u16(pdu.contextId).u8(pdu.cancelCount).u8(0).bytes(pdu.stub);
      break;
    case 'fault':
      w.u32(pdu.allocHint).u16(pdu.contextId).u8(pdu.cancelCount).u8(0).u32(pdu.status).u32(0).bytes(pdu.stub);
      break;
  }
  const bytes = w.finish();
  if (bytes.length > 0xffff) throw new AppError({ kind: 'internal', message: `A PDU of ${bytes.length} bytes does not fit frag_length.` });
  bytes[8] = bytes.length & 0xff;
  bytes[9] = bytes.length >> 8;
  return bytes;
}

export interface PduHeader {
  ptype: number;
  flags: number;
  fragLength: number;
  authLength: number;
  callId: number;
}

export function decodeHeader(bytes: Uint8Array): PduHeader {
  if (bytes.length < COMMON_HEADER_LENGTH) throw new AppError({ kind: 'decode', message: `A DCE/RPC PDU of ${bytes.length} bytes is shorter than its header.` });
  if (bytes[0] !== 5 || bytes[1] !== 0) throw new AppError({ kind: 'decode', message: `Unsupported DCE/RPC version ${bytes[0]}.${bytes[1]}.` });
  if ((bytes[4]! & 0xf0) !== 0x10 || bytes[5] !== 0) {
    // Every Windows and Samba server answers in the little-endian ASCII IEEE representation we offer.
    throw new AppError({ kind: 'decode', message: `Unsupported data representation ${Array.from(bytes.subarray(4, 8), (b) => b.toString(16).padStart(2, '0')).join(' ')}.` });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    ptype: bytes[2]!,
    flags: bytes[3]!,
    fragLength: view.getUint16(8, true),
    authLength: view.getUint16(10, true),
    callId: view.getUint32(12, true),
  };
}

/** Decodes one PDU fragment (exactly frag_length bytes). */
export function decodePdu(bytes: Uint8Array): Pdu {
  const h = decodeHeader(bytes);
  if (h.fragLength !== bytes.length) {
    throw new AppError({ kind: 'decode', message: `frag_length says ${h.fragLength} bytes but the fragment has ${bytes.length}.` });
  }
  // The auth verifier (sec_trailer + credentials) ends the PDU; we never asked for one, so drop it.
  const bodyEnd = h.authLength > 0 ? bytes.length - h.authLength - 8 : bytes.length;
  if (bodyEnd < COMMON_HEADER_LENGTH) throw new AppError({ kind: 'decode', message: `auth_length ${h.authLength} is larger than the PDU.` });
  const r = new NdrReader(bytes.subarray(0, bodyEnd));
  r.bytes(COMMON_HEADER_LENGTH);
  const base = { callId: h.callId, flags: h.flags };
  switch (h.ptype) {
    case PTYPE.bind:
    case PTYPE.alterContext: {
      const maxXmitFrag = r.u16();
      const maxRecvFrag = r.u16();
      const assocGroupId = r.u32();
      const n = r.u8();
      r.u8();
      r.u16();
      const contexts: ContextElement[] = [];
      for (let i = 0; i < n; i++) {
        const contextId = r.u16();
        const nt = r.u8();
        r.u8();
        const abstractSyntax = readSyntax(r);
        const transferSyntaxes: SyntaxId[] = [];
        for (let j = 0; j < nt; j++) transferSyntaxes.push(readSyntax(r));
        contexts.push({ contextId, abstractSyntax, transferSyntaxes });
      }
      return { ...base, type: h.ptype === PTYPE.bind ? 'bind' : 'alterContext', maxXmitFrag, maxRecvFrag, assocGroupId, contexts };
    }
    case PTYPE.bindAck:
    case PTYPE.alterContextResp: {
      const maxXmitFrag = r.u16();
      const maxRecvFrag = r.u16();
      const assocGroupId = r.u32();
      const addressLength = r.u16();
      const raw = r.bytes(addressLength);
      const nul = raw.indexOf(0);
      const secondaryAddress = new TextDecoder('latin1').decode(nul >= 0 ? raw.subarray(0, nul) : raw);
      r.align(4);
      const n = r.u8();
      r.u8();
      r.u16();
      const results: ContextResult[] = [];
      for (let i = 0; i < n; i++) {
        const result = r.u16();
        const reason = r.u16();
        results.push({ result, reason, transferSyntax: readSyntax(r) });
      }
      return {
        ...base,
        type: h.ptype === PTYPE.bindAck ? 'bindAck' : 'alterContextResp',
        maxXmitFrag,
        maxRecvFrag,
        assocGroupId,
        secondaryAddress,
        results,
      };
    }
    case PTYPE.bindNak: {
      const rejectReason = r.u16();
      const versions: Array<{ major: number; minor: number }> = [];
      // Some servers end the PDU right after the reason; the version list is then empty.
      if (r.remaining > 0) {
        const n = r.u8();
        for (let i = 0; i < n && r.remaining >= 2; i++) versions.push({ major: r.u8(), minor: r.u8() });
      }
      return { ...base, type: 'bindNak', rejectReason, versions };
    }
    case PTYPE.request: {
      const allocHint = r.u32();
      const contextId = r.u16();
      const opnum = r.u16();
      const object = h.flags & PFC.objectUuid ? r.uuid() : undefined;
      const stub = r.bytes(r.remaining);
      return object === undefined
        ? { ...base, type: 'request', allocHint, contextId, opnum, stub }
        : { ...base, type: 'request', allocHint, contextId, opnum, object, stub };
    }
    case PTYPE.response: {
      const allocHint = r.u32();
      const contextId = r.u16();
      const cancelCount = r.u8();
      r.u8();
      return { ...base, type: 'response', allocHint, contextId, cancelCount, stub: r.bytes(r.remaining) };
    }
    case PTYPE.fault: {
      const allocHint = r.u32();
      const contextId = r.u16();
      const cancelCount = r.u8();
      r.u8();
      const status = r.u32();
      // [MS-RPCE] 2.2.2.13: four reserved bytes follow the status; some servers omit them.
      if (r.remaining >= 4) r.u32();
      return { ...base, type: 'fault', allocHint, contextId, cancelCount, status, stub: r.bytes(r.remaining) };
    }
    default:
      return { ...base, type: 'other', ptype: h.ptype, body: r.bytes(r.remaining) };
  }
}
