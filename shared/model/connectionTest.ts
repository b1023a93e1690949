// The connect dialog's "Test" report, as it crosses IPC (produced by electron/node/ldap/testConnection.ts).
import type { AppErrorData } from '../errors.ts';
import type { TlsMode } from './connectionProfile.ts';

export type ConnectionCheckName = 'dns' | 'tcp' | 'tls' | 'bind' | 'rootDse';

export interface ConnectionCheck {
  check: ConnectionCheckName;
  status: 'ok' | 'failed' | 'skipped';
  /** One line for the dialog, e.g. "dc01.corp.example.test is 10.0.0.5". */
  detail: string;
  error?: AppErrorData;
  durationMs: number;
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  /** SHA-256 of the DER certificate, colon-separated hex. */
  sha256: string;
  validFrom: string;
  validTo: string;
  selfSigned: boolean;
}

export interface ConnectionTestReport {
  ok: boolean;
  endpoint: { host: string; address: string; port: number; tls: TlsMode } | null;
  checks: ConnectionCheck[];
  certificate: CertificateInfo | null;
  rootDse: { defaultNamingContext: string; configurationNamingContext: string; dnsHostName: string | null } | null;
}
