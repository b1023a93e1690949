// A saved way to reach a directory. Crosses IPC (parsed with the schema at the boundary) and is
// what `diagnose --server/--domain/...` builds from options. The password never leaves main.
import { z } from 'zod';

export const tlsModes = ['ldaps', 'starttls', 'none'] as const;
export type TlsMode = (typeof tlsModes)[number];

/** LDAPS 636/3269, StartTLS on 389/3268, plain 389/3268 (only with allowPlain). */
export const defaultPorts: Record<TlsMode, { ldap: number; gc: number }> = {
  ldaps: { ldap: 636, gc: 3269 },
  starttls: { ldap: 389, gc: 3268 },
  none: { ldap: 389, gc: 3268 },
};

// UPN (user@domain) or down-level logon name (DOMAIN\user); a bare DN is also accepted by AD.
const userName = z
  .string()
  .min(1)
  .refine((v) => /^[^@\\\s]+@[^@\\\s]+$/.test(v) || /^[^@\\]+\\[^@\\]+$/.test(v) || /^(cn|uid)=/i.test(v), {
    message: 'Enter the user as user@domain (UPN) or DOMAIN\\user.',
  });

const hostName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.-]+$|^\[?[0-9a-fA-F:.]+\]?$/, 'Enter a host name or an IP address.');

export const connectionProfileSchema = z
  .object({
    /** Shown in lists. */
    name: z.string().min(1).max(100).default('Directory'),
    /** DNS domain, e.g. corp.example.test; DCs and GCs are found through SRV records when no host is given. */
    domain: hostName.optional(),
    /** A specific domain controller (name used for TLS verification). */
    dcHost: hostName.optional(),
    /** Connect to this address instead of resolving dcHost (labs, split DNS); TLS still verifies dcHost. */
    dcAddress: hostName.optional(),
    /** A specific Global Catalog; defaults to the DC (or the _gc SRV record). */
    gcHost: hostName.optional(),
    gcAddress: hostName.optional(),
    /** Port overrides; default from the TLS mode. */
    ldapPort: z.number().int().min(1).max(65535).optional(),
    gcPort: z.number().int().min(1).max(65535).optional(),
    tls: z.enum(tlsModes).default('ldaps'),
    /** Plain LDAP sends the password in clear: refused unless the user ticks this explicitly. */
    allowPlain: z.boolean().default(false),
    user: userName,
    password: z.string().max(1024).default(''),
    /** PEM of a CA to trust in addition to the system store (a lab or an internal PKI). */
    caPem: z.string().max(200_000).optional(),
    /** A DNS server for SRV lookups, "address" or "address:port" (labs). */
    dnsServer: z.string().max(300).optional(),
    /** Seconds per operation. */
    timeoutSeconds: z.number().int().min(1).max(600).default(20),
  })
  .refine((p) => p.domain !== undefined || p.dcHost !== undefined, {
    message: 'Enter a domain name or a domain controller.',
    path: ['domain'],
  })
  .refine((p) => p.tls !== 'none' || p.allowPlain, {
    message: 'Plain LDAP sends the password unencrypted; choose LDAPS or StartTLS, or allow plain LDAP explicitly.',
    path: ['tls'],
  });

export type ConnectionProfile = z.output<typeof connectionProfileSchema>;
export type ConnectionProfileInput = z.input<typeof connectionProfileSchema>;

/** The profile without its secret, for logs, lists and the renderer. */
export type PublicConnectionProfile = Omit<ConnectionProfile, 'password'>;
export function withoutPassword(profile: ConnectionProfile): PublicConnectionProfile {
  const { password: _password, ...rest } = profile;
  return rest;
}
