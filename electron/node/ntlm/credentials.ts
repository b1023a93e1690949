// Accounts as admins type them: "DOMAIN\user", "user@upn.suffix" or a bare "user".
// The password travels in this object only; it is never logged or put in a transcript.

export interface NtlmCredentials {
  user: string;
  /** Empty for a UPN ([MS-NLMP] 3.1.5.1.2: the user name is then the whole UPN) or a bare name. */
  domain: string;
  password: string;
}

export function parseAccount(account: string, password: string): NtlmCredentials {
  const slash = account.indexOf('\\');
  if (slash >= 0) return { domain: account.slice(0, slash), user: account.slice(slash + 1), password };
  return { domain: '', user: account, password };
}

/** "CORP\admin" or "admin@corp.example.test": how the account appears in transcripts and messages. */
export function accountLabel(credentials: Pick<NtlmCredentials, 'user' | 'domain'>): string {
  return credentials.domain ? `${credentials.domain}\\${credentials.user}` : credentials.user;
}
