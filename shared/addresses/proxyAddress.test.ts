import { describe, expect, it } from 'vitest';
import { addressKey, addressTypeName, compareForDisplay, formatProxyAddress, parseProxyAddress, sameAddress } from './proxyAddress.ts';

function parsed(raw: string) {
  const result = parseProxyAddress(raw);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('parseProxyAddress', () => {
  it('reads an upper-case type as the primary', () => {
    expect(parsed('SMTP:John.Doe@corp.example.test')).toEqual({ type: 'SMTP', address: 'John.Doe@corp.example.test', isPrimary: true });
  });
  it('reads a lower-case type as a secondary', () => {
    expect(parsed('smtp:jdoe@corp.example.test')).toEqual({ type: 'SMTP', address: 'jdoe@corp.example.test', isPrimary: false });
  });
  it('keeps colons after the first one in the address', () => {
    expect(parsed('sip:user@corp.example.test:5061').address).toBe('user@corp.example.test:5061');
  });
  it('treats X.400 with a dot as the X400 type', () => {
    expect(parsed('X.400:c=US;a= ;p=Corp;o=Exchange;s=Doe;').type).toBe('X400');
  });
  it('rejects a value without a type prefix, saying how to write it', () => {
    const result = parseProxyAddress('john@corp.example.test');
    expect(result).toEqual({ ok: false, message: expect.stringContaining('has no address type') });
  });
  it('rejects an empty address after the type', () => {
    expect(parseProxyAddress('smtp:')).toEqual({ ok: false, message: expect.stringContaining('no address after the colon') });
    expect(parseProxyAddress('smtp:   ')).toEqual({ ok: false, message: expect.stringContaining('no address after the colon') });
  });
  it('rejects an empty type', () => {
    expect(parseProxyAddress(':x@y.test')).toEqual({ ok: false, message: expect.stringContaining('no address type before the colon') });
  });
  it('rejects a type that is too long or has other characters', () => {
    expect(parseProxyAddress('TOOLONGTYPE:x')).toEqual({ ok: false, message: expect.stringContaining('1 to 9 letters or digits') });
    expect(parseProxyAddress('my type:x')).toEqual({ ok: false, message: expect.stringContaining('1 to 9 letters or digits') });
  });
});

describe('formatting and identity', () => {
  it('round-trips primary and secondary values', () => {
    for (const raw of ['SMTP:a@b.test', 'smtp:a@b.test', 'X500:/o=Corp/ou=Site/cn=Recipients/cn=jdoe', 'sip:a@b.test']) {
      expect(formatProxyAddress(parsed(raw))).toBe(raw);
    }
  });
  it('compares addresses case- and prefix-case-insensitively', () => {
    expect(sameAddress('SMTP:A@B.test', 'smtp:a@b.TEST')).toBe(true);
    expect(sameAddress('smtp:a@b.test', 'sip:a@b.test')).toBe(false);
    expect(addressKey('X.400:c=US')).toBe(addressKey('x400:c=us'));
  });
  it('names types like the original type list', () => {
    expect(addressTypeName('SMTP')).toBe('SMTP Address');
    expect(addressTypeName('x400')).toBe('X.400 Address');
    expect(addressTypeName('FAXNR')).toBe('Custom Address');
  });
  it('orders SMTP first, primary first within a type', () => {
    const list = ['sip:z@b.test', 'X400:c=US;s=Doe', 'smtp:a@b.test', 'SMTP:m@b.test', 'smtp:b@b.test'].map(parsed);
    expect(list.sort(compareForDisplay).map(formatProxyAddress)).toEqual([
      'SMTP:m@b.test',
      'smtp:a@b.test',
      'smtp:b@b.test',
      'X400:c=US;s=Doe',
      'sip:z@b.test',
    ]);
  });
});
