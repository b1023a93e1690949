// Errors cross every boundary (IPC, WebSocket, CLI) as plain data. Electron keeps only `message`
// from a rejected invoke, so handlers return this shape instead of throwing across the bridge.

export const errorKinds = [
  'timeout', // an operation did not answer within its time limit
  'connect', // TCP connection refused, host unreachable, DNS name not found
  'tls', // certificate not trusted, TLS handshake failed
  'auth', // wrong password, account locked/expired, logon failure
  'strongAuthRequired', // LDAP signing / transport encryption demanded by the server
  'accessDenied', // insufficient rights (LDAP 50, Win32 5, STATUS_ACCESS_DENIED)
  'ldapResult', // any other LDAP result code
  'rpcFault', // DCE/RPC fault PDU
  'rpcBindRejected', // bind_nak or a rejected presentation context
  'win32', // a Win32 error code returned by an RPC call
  'ntStatus', // an SMB2 NTSTATUS failure
  'decode', // malformed bytes from a peer
  'conflict', // the stored data changed since it was read, or an address is already used
  'validation', // input that breaks an address or profile rule
  'invalidRequest', // an IPC payload that failed its schema, or an untrusted sender
  'notFound', // the object asked for does not exist
  'unavailable', // server busy or unavailable
  'cancelled', // the user or a caller aborted
  'internal', // a bug: anything not classified above
] as const;
export type ErrorKind = (typeof errorKinds)[number];

export interface AppErrorData {
  kind: ErrorKind;
  /** The numeric code of the protocol that failed (LDAP result, Win32, NTSTATUS, RPC status). */
  code?: number;
  /** What happened, in words a helpdesk person understands. */
  message: string;
  /** What to do about it. */
  hint?: string;
  /** The workflow step that failed, when there is one. */
  step?: string;
  /** Extra structured data for the UI (e.g. conflict details). */
  details?: unknown;
}

/** An Error that carries AppErrorData; everything thrown by our own code should be one. */
export class AppError extends Error implements AppErrorData {
  readonly kind: ErrorKind;
  readonly code?: number;
  readonly hint?: string;
  readonly step?: string;
  readonly details?: unknown;

  constructor(data: AppErrorData, options?: { cause?: unknown }) {
    super(data.message, options);
    this.name = 'AppError';
    this.kind = data.kind;
    if (data.code !== undefined) this.code = data.code;
    if (data.hint !== undefined) this.hint = data.hint;
    if (data.step !== undefined) this.step = data.step;
    if (data.details !== undefined) this.details = data.details;
  }

  toData(): AppErrorData {
    const data: AppErrorData = { kind: this.kind, message: this.message };
    if (this.code !== undefined) data.code = this.code;
    if (this.hint !== undefined) data.hint = this.hint;
    if (this.step !== undefined) data.step = this.step;
    if (this.details !== undefined) data.details = this.details;
    return data;
  }
}

/** Turns anything thrown into plain error data, never leaking a stack trace to the user. */
export function toErrorData(error: unknown): AppErrorData {
  if (error instanceof AppError) return error.toData();
  if (error instanceof Error && error.name === 'AbortError') {
    return { kind: 'cancelled', message: 'The operation was cancelled.' };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: `Unexpected error: ${message}`, hint: 'Please report this with the steps that led to it.' };
}

/** Formats a 32-bit code the way Windows tools print it, e.g. 0x000006D9. */
export function hex32(code: number): string {
  return `0x${(code >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}
