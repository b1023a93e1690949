// Turns whatever ldapts or the socket throws into an AppError with a message (what happened) and
// a hint (what to do). LDAP result codes: RFC 4511 4.1.9 / appendix A; AD's bind sub-codes are the
// "data NNN" part of the diagnostic message (Win32 error of AcceptSecurityContext, hex).
import { ResultCodeError } from 'ldapts';
import { AppError } from '../../../shared/errors.ts';
import type { ErrorKind } from '../../../shared/errors.ts';

export const ldapResultNames: Readonly<Record<number, string>> = {
  1: 'operationsError',
  2: 'protocolError',
  3: 'timeLimitExceeded',
  4: 'sizeLimitExceeded',
  7: 'authMethodNotSupported',
  8: 'strongerAuthRequired',
  10: 'referral',
  11: 'adminLimitExceeded',
  12: 'unavailableCriticalExtension',
  13: 'confidentialityRequired',
  16: 'noSuchAttribute',
  17: 'undefinedAttributeType',
  18: 'inappropriateMatching',
  19: 'constraintViolation',
  20: 'attributeOrValueExists',
  21: 'invalidAttributeSyntax',
  32: 'noSuchObject',
  34: 'invalidDNSyntax',
  48: 'inappropriateAuthentication',
  49: 'invalidCredentials',
  50: 'insufficientAccessRights',
  51: 'busy',
  52: 'unavailable',
  53: 'unwillingToPerform',
  64: 'namingViolation',
  65: 'objectClassViolation',
  80: 'other',
};

/** AD's AcceptSecurityContext sub-codes in a 49 (invalidCredentials) diagnostic ("data 52e"). */
const adBindSubCodes: Readonly<Record<string, { kind: ErrorKind; message: string; hint: string }>> = {
  '525': { kind: 'auth', message: 'The user name was not found in the directory.', hint: 'Check the user name (user@domain or DOMAIN\\user).' },
  '52e': { kind: 'auth', message: 'The user name or password is wrong.', hint: 'Check the password and the user name (user@domain or DOMAIN\\user).' },
  '530': { kind: 'auth', message: 'This account may not log on at this time of day.', hint: 'Ask an administrator about the account\'s logon hours.' },
  '531': { kind: 'auth', message: 'This account may not log on from this computer.', hint: 'Ask an administrator about the account\'s allowed workstations.' },
  '532': { kind: 'auth', message: 'The account\'s password has expired.', hint: 'Change the password (for example at a Windows logon), then try again.' },
  '533': { kind: 'auth', message: 'The account is disabled.', hint: 'Ask an administrator to enable the account.' },
  '701': { kind: 'auth', message: 'The account has expired.', hint: 'Ask an administrator to extend the account\'s expiry date.' },
  '773': { kind: 'auth', message: 'The password must be changed before first logon.', hint: 'Change the password (for example at a Windows logon), then try again.' },
  '775': { kind: 'auth', message: 'The account is locked out.', hint: 'Wait for the lockout to end or ask an administrator to unlock it.' },
};

/** The "data 52e" part of an AD diagnostic message, lower case, or null. */
export function adDataCode(diagnostic: string): string | null {
  const match = /\bdata ([0-9a-f]+)\b/i.exec(diagnostic);
  return match ? match[1]!.toLowerCase() : null;
}

/** ldapts appends " Code: 0x31" to the server's diagnostic; keep only the server's words. */
export function serverDiagnostic(error: Error): string {
  return error.message.replace(/\s*Code: 0x[0-9a-f]+$/i, '').trim();
}

const tlsTrustCodes = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

export interface ErrorContext {
  /** "LDAPS dc01.corp.example.test:636", used in messages. */
  endpoint: string;
  /** What was being done, e.g. "bind", "search", "modify". */
  operation: string;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Classifies anything thrown by ldapts, node:net, node:tls or node:dns. AppErrors pass through. */
export function toLdapAppError(error: unknown, context: ErrorContext): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ResultCodeError) return fromResultCode(error, context);
  const code = codeOf(error);
  const text = error instanceof Error ? error.message : String(error);
  const { endpoint, operation } = context;
  if (error instanceof Error && error.name === 'AbortError') {
    return new AppError({ kind: 'cancelled', message: `The ${operation} was cancelled.` }, { cause: error });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA' || code === 'ESERVFAIL' || code === 'ENONAME') {
    return new AppError(
      { kind: 'connect', message: `The DNS name of ${endpoint} was not found (${code}).`, hint: 'Check the server or domain name, and the DNS server.' },
      { cause: error },
    );
  }
  if (code === 'ECONNREFUSED') {
    return new AppError(
      { kind: 'connect', message: `${endpoint} refused the connection: the port is closed (ECONNREFUSED).`, hint: 'Check the port and TLS mode, and that the domain controller is running.' },
      { cause: error },
    );
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ECONNRESET' || code === 'EPIPE') {
    return new AppError(
      { kind: 'connect', message: `The connection to ${endpoint} failed (${code}).`, hint: 'Check the network path to the domain controller.' },
      { cause: error },
    );
  }
  if (code === 'ETIMEDOUT' || /Connection timeout|Operation timed out/i.test(text)) {
    return new AppError(
      { kind: 'timeout', message: `${endpoint} did not answer the ${operation} in time.`, hint: 'The server may be down or a firewall may drop the port; try again or choose another domain controller.' },
      { cause: error },
    );
  }
  if (code && tlsTrustCodes.has(code)) {
    return new AppError(
      { kind: 'tls', message: `The TLS certificate of ${endpoint} is not trusted (${code}).`, hint: 'Add the issuing CA certificate (PEM) to the connection profile, or install it in the system store.' },
      { cause: error },
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new AppError(
      { kind: 'tls', message: `The TLS certificate of ${endpoint} is for another name (${code}): ${text}`, hint: 'Connect with the domain controller\'s full DNS name as written in its certificate.' },
      { cause: error },
    );
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return new AppError({ kind: 'tls', message: `The TLS certificate of ${endpoint} is outside its validity period (${code}).`, hint: 'Renew the domain controller certificate.' }, { cause: error });
  }
  if (code?.startsWith('ERR_SSL') || code?.startsWith('ERR_TLS') || /SSL|TLS/.test(text)) {
    return new AppError({ kind: 'tls', message: `The TLS handshake with ${endpoint} failed: ${text}`, hint: 'Check the TLS mode and port.' }, { cause: error });
  }
  if (/Socket error|socket hang up|Socket connection not established|closed/i.test(text)) {
    return new AppError(
      { kind: 'connect', message: `The connection to ${endpoint} was lost during the ${operation}.`, hint: 'Try again; the domain controller may have restarted or closed an idle connection.' },
      { cause: error },
    );
  }
  return new AppError({ kind: 'internal', message: `Unexpected error during the LDAP ${operation} on ${endpoint}: ${text}` }, { cause: error });
}

function fromResultCode(error: ResultCodeError, context: ErrorContext): AppError {
  const code = error.code;
  const name = ldapResultNames[code] ?? 'result';
  const diagnostic = serverDiagnostic(error);
  const said = diagnostic ? ` Server said: "${diagnostic}"` : '';
  const base = { code, details: { resultName: name, diagnostic } };
  const { endpoint, operation } = context;
  switch (code) {
    case 49: {
      const sub = adDataCode(diagnostic);
      const known = sub ? adBindSubCodes[sub] : undefined;
      if (known) return new AppError({ ...base, kind: known.kind, message: `${known.message} (LDAP 49, AD data ${sub})`, hint: known.hint }, { cause: error });
      return new AppError(
        { ...base, kind: 'auth', message: `The user name or password is wrong (LDAP 49 invalidCredentials).${said}`, hint: 'Check the password and the user name (user@domain or DOMAIN\\user).' },
        { cause: error },
      );
    }
    case 8:
    case 13:
      return new AppError(
        {
          ...base,
          kind: 'strongAuthRequired',
          message: `${endpoint} requires strong authentication (LDAP ${code} ${name}).${said}`,
          hint: 'The domain controller demands LDAP signing or transport encryption, so a simple bind over plain LDAP is refused. Use LDAPS (636) or StartTLS (389) instead.',
        },
        { cause: error },
      );
    case 50:
      return new AppError(
        { ...base, kind: 'accessDenied', message: `Your account may not do this ${operation} (LDAP 50 insufficientAccessRights).${said}`, hint: 'Ask an administrator to delegate write access to proxyAddresses and mail for these users.' },
        { cause: error },
      );
    case 19:
      return new AppError(
        { ...base, kind: 'validation', message: `The directory refused a value (LDAP 19 constraintViolation).${said}`, hint: 'A value may be too long (proxyAddresses allows 1123 characters) or break a schema rule.' },
        { cause: error },
      );
    case 21:
      return new AppError({ ...base, kind: 'validation', message: `The directory refused a value's syntax (LDAP 21 invalidAttributeSyntax).${said}`, hint: 'The value does not fit the attribute: too long (proxyAddresses allows 1123 characters) or in a wrong format.' }, { cause: error });
    case 51:
    case 52:
      return new AppError(
        { ...base, kind: 'unavailable', message: `${endpoint} is ${code === 51 ? 'busy' : 'unavailable'} (LDAP ${code} ${name}).${said}`, hint: 'Try again in a moment, or connect to another domain controller.' },
        { cause: error },
      );
    case 32:
      return new AppError({ ...base, kind: 'notFound', message: `The object does not exist (LDAP 32 noSuchObject).${said}`, hint: 'It may have been moved or deleted; search again.' }, { cause: error });
    case 3:
      return new AppError({ ...base, kind: 'timeout', message: `The server's time limit ended the ${operation} (LDAP 3 timeLimitExceeded).`, hint: 'Narrow the search.' }, { cause: error });
    case 16:
    case 20:
      return new AppError(
        { ...base, kind: 'conflict', message: `The stored values changed while writing (LDAP ${code} ${name}).${said}`, hint: 'Someone else changed this user; review the current values and apply again.' },
        { cause: error },
      );
    default:
      return new AppError({ ...base, kind: 'ldapResult', message: `The LDAP ${operation} failed (LDAP ${code} ${name}).${said}` }, { cause: error });
  }
}
