import { describe, expect, it } from 'vitest';
import { md4 } from './md4.ts';
import { rc4 } from './rc4.ts';

describe('md4', () => {
  // [RFC 1320] A.5 test suite (the same digests as pycryptodome's MD4)
  const vectors: [string, string][] = [
    ['', '31d6cfe0d16ae931b73c59d7e0c089c0'],
    ['a', 'bde52cb31de33e46245e05fbdbd6fb24'],
    ['abc', 'a448017aaf21d8525fc10ae87aa6729d'],
    ['message digest', 'd9130a8164549fe818874806e1c7014b'],
    ['abcdefghijklmnopqrstuvwxyz', 'd79e1c308aa5bbcdeea8ed63df412da9'],
    ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', 'e33b4ddc9c38f2199c3e7b164fcc0536'],
  ];
  for (const [input, digest] of vectors) {
    it(`digests "${input.slice(0, 20)}"`, () => {
      expect(md4(Buffer.from(input, 'latin1')).toString('hex')).toBe(digest);
    });
  }

  it('gives the NT hash of "Password" ([MS-NLMP] 4.2.2.1.2)', () => {
    expect(md4(Buffer.from('Password', 'utf16le')).toString('hex')).toBe('a4f49c406510bdcab6824ee7c30fd852');
  });
});

describe('rc4', () => {
  it('matches the classic vectors', () => {
    expect(rc4(Buffer.from('Key'), Buffer.from('Plaintext')).toString('hex')).toBe('bbf316e8d940af0ad3');
    expect(rc4(Buffer.from('Secret'), Buffer.from('Attack at dawn')).toString('hex')).toBe('45a01f645fc35b383552544b9bf5');
  });

  it('is its own inverse', () => {
    const key = Buffer.alloc(16, 0x55);
    const data = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
    expect(rc4(key, rc4(key, data))).toEqual(data);
  });
});
