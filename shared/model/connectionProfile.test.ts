import { describe, expect, it } from 'vitest';
import { connectionProfileSchema, withoutPassword } from './connectionProfile.ts';

describe('connectionProfileSchema', () => {
  it('defaults to LDAPS and accepts UPN and DOMAIN\\user', () => {
    const p = connectionProfileSchema.parse({ domain: 'corp.example.test', user: 'helpdesk1@corp.example.test', password: 'x' });
    expect(p.tls).toBe('ldaps');
    expect(connectionProfileSchema.safeParse({ dcHost: 'dc01.corp.example.test', user: 'CORP\\helpdesk1' }).success).toBe(true);
  });
  it('refuses plain LDAP unless allowed explicitly', () => {
    expect(connectionProfileSchema.safeParse({ dcHost: 'dc01', user: 'a@b', tls: 'none' }).success).toBe(false);
    expect(connectionProfileSchema.safeParse({ dcHost: 'dc01', user: 'a@b', tls: 'none', allowPlain: true }).success).toBe(true);
  });
  it('needs a domain or a DC and a well-formed user', () => {
    expect(connectionProfileSchema.safeParse({ user: 'a@b' }).success).toBe(false);
    expect(connectionProfileSchema.safeParse({ domain: 'corp.example.test', user: 'just-a-name' }).success).toBe(false);
  });
  it('drops the password for display', () => {
    const p = connectionProfileSchema.parse({ domain: 'corp.example.test', user: 'a@b', password: 'secret' });
    expect(JSON.stringify(withoutPassword(p))).not.toContain('secret');
  });
});
