// [MS-ERREF] 2.3.1 NTSTATUS values that SMB2 named-pipe clients meet, with names, and how each
// becomes an AppError kind.
import { AppError, hex32, type ErrorKind } from '../../../shared/errors.ts';

export const NtStatus = {
  SUCCESS: 0x00000000,
  PENDING: 0x00000103,
  BUFFER_OVERFLOW: 0x80000005,
  NO_MORE_FILES: 0x80000006,
  INVALID_PARAMETER: 0xc000000d,
  NO_SUCH_FILE: 0xc000000f,
  END_OF_FILE: 0xc0000011,
  MORE_PROCESSING_REQUIRED: 0xc0000016,
  ACCESS_DENIED: 0xc0000022,
  OBJECT_NAME_NOT_FOUND: 0xc0000034,
  OBJECT_PATH_NOT_FOUND: 0xc000003a,
  SHARING_VIOLATION: 0xc0000043,
  PRIVILEGE_NOT_HELD: 0xc0000061,
  NO_SUCH_USER: 0xc0000064,
  WRONG_PASSWORD: 0xc000006a,
  LOGON_FAILURE: 0xc000006d,
  ACCOUNT_RESTRICTION: 0xc000006e,
  INVALID_LOGON_HOURS: 0xc000006f,
  INVALID_WORKSTATION: 0xc0000070,
  PASSWORD_EXPIRED: 0xc0000071,
  ACCOUNT_DISABLED: 0xc0000072,
  INSUFFICIENT_RESOURCES: 0xc000009a,
  PIPE_NOT_AVAILABLE: 0xc00000ac,
  INVALID_PIPE_STATE: 0xc00000ad,
  PIPE_BUSY: 0xc00000ae,
  PIPE_DISCONNECTED: 0xc00000b0,
  PIPE_CLOSING: 0xc00000b1,
  PIPE_EMPTY: 0xc00000d9,
  NOT_SUPPORTED: 0xc00000bb,
  NETWORK_NAME_DELETED: 0xc00000c9,
  BAD_NETWORK_NAME: 0xc00000cc,
  REQUEST_NOT_ACCEPTED: 0xc00000d0,
  CANCELLED: 0xc0000120,
  FILE_CLOSED: 0xc0000128,
  LOGON_TYPE_NOT_GRANTED: 0xc000015b,
  PASSWORD_MUST_CHANGE: 0xc0000224,
  ACCOUNT_LOCKED_OUT: 0xc0000234,
  USER_SESSION_DELETED: 0xc0000203,
  NETWORK_SESSION_EXPIRED: 0xc000035c,
  ACCOUNT_EXPIRED: 0xc0000193,
  INVALID_DEVICE_REQUEST: 0xc0000010,
  NOT_FOUND: 0xc0000225,
  INTERNAL_ERROR: 0xc00000e5,
  TRUSTED_RELATIONSHIP_FAILURE: 0xc000018d,
  NO_LOGON_SERVERS: 0xc000005e,
} as const;

export const ntStatusNames: ReadonlyMap<number, string> = new Map(Object.entries(NtStatus).map(([name, code]) => [code, `STATUS_${name}`]));

/** "STATUS_LOGON_FAILURE (0xC000006D)" or the bare hex for an unknown code. */
export function ntStatusName(status: number): string {
  return ntStatusNames.get(status >>> 0) ?? hex32(status);
}

const authFailures = new Set<number>([
  NtStatus.LOGON_FAILURE,
  NtStatus.NO_SUCH_USER,
  NtStatus.WRONG_PASSWORD,
  NtStatus.ACCOUNT_RESTRICTION,
  NtStatus.INVALID_LOGON_HOURS,
  NtStatus.INVALID_WORKSTATION,
  NtStatus.PASSWORD_EXPIRED,
  NtStatus.PASSWORD_MUST_CHANGE,
  NtStatus.ACCOUNT_DISABLED,
  NtStatus.ACCOUNT_LOCKED_OUT,
  NtStatus.ACCOUNT_EXPIRED,
  NtStatus.LOGON_TYPE_NOT_GRANTED,
]);

const authMessages: ReadonlyMap<number, string> = new Map([
  [NtStatus.LOGON_FAILURE, 'The user name or password is incorrect.'],
  [NtStatus.WRONG_PASSWORD, 'The password is incorrect.'],
  [NtStatus.NO_SUCH_USER, 'The account does not exist.'],
  [NtStatus.PASSWORD_EXPIRED, "The account's password has expired."],
  [NtStatus.PASSWORD_MUST_CHANGE, "The account's password must be changed before it can log on."],
  [NtStatus.ACCOUNT_DISABLED, 'The account is disabled.'],
  [NtStatus.ACCOUNT_LOCKED_OUT, 'The account is locked out.'],
  [NtStatus.ACCOUNT_EXPIRED, 'The account has expired.'],
  [NtStatus.ACCOUNT_RESTRICTION, 'An account restriction prevents this logon.'],
  [NtStatus.INVALID_LOGON_HOURS, 'The account may not log on at this time.'],
  [NtStatus.INVALID_WORKSTATION, 'The account may not log on from this computer.'],
  [NtStatus.LOGON_TYPE_NOT_GRANTED, 'The account is not granted network logon on that server.'],
]);

export function ntStatusKind(status: number): ErrorKind {
  if (authFailures.has(status >>> 0)) return 'auth';
  if (status >>> 0 === NtStatus.ACCESS_DENIED) return 'accessDenied';
  if (status >>> 0 === NtStatus.BAD_NETWORK_NAME || status >>> 0 === NtStatus.OBJECT_NAME_NOT_FOUND) return 'notFound';
  return 'ntStatus';
}

/** An AppError for a failed SMB2 request: "TREE_CONNECT \\h\IPC$ failed: STATUS_ACCESS_DENIED (0xC0000022)". */
export function ntStatusError(status: number, what: string): AppError {
  const name = ntStatusNames.get(status >>> 0);
  const code = `${name ? `${name} (${hex32(status)})` : hex32(status)}`;
  const explanation = authMessages.get(status >>> 0);
  return new AppError({
    kind: ntStatusKind(status),
    code: status >>> 0,
    message: explanation ? `${what} failed: ${explanation} ${code}` : `${what} failed: ${code}.`,
    ...(explanation ? { hint: 'Check the account name, domain and password.' } : {}),
    details: { ntStatus: status >>> 0, name: name ?? null },
  });
}
