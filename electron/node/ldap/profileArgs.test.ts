import { describe, expect, it } from 'vitest';
import { parseArgs } from '../cli/args.ts';
import { profileFromArgs } from './profileArgs.ts';

describe('profileFromArgs', () => {
  it('builds a profile from options, with the password from the environment', () => {
    const p = profileFromArgs(parseArgs(['--server', 'dc01.corp.example.test', '--dc-address', '10.0.0.5', '--user', 'CORP\\helpdesk1', '--tls', 'starttls']), {
      ADDRESSDESK_PASSWORD: 'from-env',
    });
    expect(p).toMatchObject({ dcHost: 'dc01.corp.example.test', dcAddress: '10.0.0.5', user: 'CORP\\helpdesk1', password: 'from-env', tls: 'starttls' });
  });

  it('finds DCs by domain when no server is given', () => {
    const p = profileFromArgs(parseArgs(['--domain', 'corp.example.test', '--dns', '10.0.0.53', '--user', 'a@corp.example.test', '--password', 'x']), {});
    expect(p.dcHost).toBeUndefined();
    expect(p).toMatchObject({ domain: 'corp.example.test', dnsServer: '10.0.0.53', tls: 'ldaps' });
  });

  it('refuses plain LDAP without --allow-plain, and says what is missing', () => {
    expect(() => profileFromArgs(parseArgs(['--server', 'dc01', '--user', 'a@b', '--tls', 'none']), {})).toThrow(/unencrypted/);
    expect(() => profileFromArgs(parseArgs(['--user', 'a@b']), {})).toThrow(/domain name or a domain controller/);
  });
});
