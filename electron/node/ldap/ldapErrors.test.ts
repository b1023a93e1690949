import { describe, expect, it } from 'vitest';
import { BusyError, ConstraintViolationError, InsufficientAccessError, InvalidCredentialsError, StrongAuthRequiredError, UnavailableError } from 'ldapts';
import { adDataCode, toLdapAppError } from './ldapErrors.ts';

const ctx = { endpoint: 'dc01.corp.example.test:636 (LDAPS)', operation: 'bind' };
// AD's diagnostic text for a failed simple bind ([MS-ADTS] 3.1.1.3.4.1 / Win32 error in "data").
const adBind = (data: string) => new InvalidCredentialsError(`80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data ${data}, v4563`);

describe('toLdapAppError', () => {
  it('reads the AD sub-code', () => {
    expect(adDataCode('80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data 52e, v1db1')).toBe('52e');
  });

  it.each([
    ['52e', /password is wrong/],
    ['775', /locked out/],
    ['701', /account has expired/],
    ['532', /password has expired/],
    ['533', /disabled/],
  ])('names AD bind failure data %s', (data, text) => {
    const e = toLdapAppError(adBind(data), ctx);
    expect(e.kind).toBe('auth');
    expect(e.code).toBe(49);
    expect(e.message).toMatch(text);
    expect(e.message).toContain(`AD data ${data}`);
    expect(e.hint).toBeTruthy();
  });

  it('explains strong authentication and offers TLS', () => {
    const e = toLdapAppError(new StrongAuthRequiredError('BindSimple: Transport encryption required.'), ctx);
    expect(e.kind).toBe('strongAuthRequired');
    expect(e.code).toBe(8);
    expect(e.hint).toMatch(/LDAP signing/);
    expect(e.hint).toMatch(/LDAPS|StartTLS/);
  });

  it.each([
    [new InsufficientAccessError('00002098: SecErr'), 'accessDenied', 50],
    [new ConstraintViolationError('0000202F: value too long'), 'validation', 19],
    [new BusyError('busy'), 'unavailable', 51],
    [new UnavailableError('unavailable'), 'unavailable', 52],
  ])('maps %s', (error, kind, code) => {
    const e = toLdapAppError(error, { ...ctx, operation: 'modify' });
    expect(e.kind).toBe(kind);
    expect(e.code).toBe(code);
    expect(e.message).toContain(`LDAP ${code}`);
    expect(e.cause).toBe(error);
  });

  it.each([
    ['ECONNREFUSED', 'connect', /port is closed/],
    ['ENOTFOUND', 'connect', /DNS name/],
    ['ETIMEDOUT', 'timeout', /in time/],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls', /not trusted/],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls', /not trusted/],
  ])('maps socket error %s', (code, kind, text) => {
    const e = toLdapAppError(Object.assign(new Error('x'), { code }), ctx);
    expect(e.kind).toBe(kind);
    expect(e.message).toMatch(text);
    expect(e.hint).toBeTruthy();
  });
});
