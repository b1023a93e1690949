import { describe, expect, it } from 'vitest';
import { FIRST_REFERENT_ID, NdrReader, NdrWriter } from './ndr.ts';
import { uuidFromBytes, uuidToBytes } from './uuid.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));

describe('uuid', () => {
  it('encodes the first three fields little-endian (impacket uuidtup_to_bin)', () => {
    // impacket.uuid.uuidtup_to_bin(('e1af8308-5d1f-11c9-91a4-08002b14a0fa', '3.0'))[:16]
    expect(hex(uuidToBytes('e1af8308-5d1f-11c9-91a4-08002b14a0fa'))).toBe('0883afe11f5dc91191a408002b14a0fa');
    expect(uuidFromBytes(bytes('0883afe11f5dc91191a408002b14a0fa'))).toBe('e1af8308-5d1f-11c9-91a4-08002b14a0fa');
  });
  it('rejects text that is not a UUID', () => {
    expect(() => uuidToBytes('not-a-uuid')).toThrow(/not a UUID/);
  });
});

describe('NdrWriter / NdrReader', () => {
  it('aligns scalars to their size relative to the stub start', () => {
    const w = new NdrWriter().u8(1).u16(2).u8(3).u32(4).u8(5).u64(6n);
    expect(hex(w.finish())).toBe('0100' + '0200' + '03000000' + '04000000' + '05' + '000000' + '0600000000000000');
    const r = new NdrReader(w.finish());
    expect([r.u8(), r.u16(), r.u8(), r.u32(), r.u8(), r.u64()]).toEqual([1, 2, 3, 4, 5, 6n]);
    expect(r.remaining).toBe(0);
  });

  it('writes [string] wchar_t* as a conformant varying array with the NUL (impacket WSTR)', () => {
    // impacket.dcerpc.v5.dtypes.WSTR: WSTR(); s['Data'] = 'MSExchangeSA\x00'; s.getData()
    const w = new NdrWriter().wideString('MSExchangeSA');
    expect(hex(w.finish())).toBe(
      '0d000000000000000d000000' + Buffer.from('MSExchangeSA\0', 'utf16le').toString('hex'),
    );
    expect(new NdrReader(w.finish()).wideString()).toBe('MSExchangeSA');
  });

  it('numbers referents from 0x00020000 in steps of 4 and defers embedded referents', () => {
    const w = new NdrWriter();
    // struct { wchar_t *a; wchar_t *b; long c; } : both ids, c, then the two referents in order.
    w.pointer('A', (ww, s) => ww.wideString(s)).pointer(null, (ww, s: string) => ww.wideString(s)).pointer('B', (ww, s) => ww.wideString(s)).u32(7);
    w.flushDeferred();
    const r = new NdrReader(w.finish());
    const a = r.pointer((rr) => rr.wideString());
    const none = r.pointer((rr) => rr.wideString());
    const b = r.pointer((rr) => rr.wideString());
    expect(r.u32()).toBe(7);
    r.flushDeferred();
    expect([a.referentId, none.referentId, b.referentId]).toEqual([FIRST_REFERENT_ID, 0, FIRST_REFERENT_ID + 4]);
    expect([a.value, none.value, b.value]).toEqual(['A', null, 'B']);
    expect(r.remaining).toBe(0);
  });

  it('writes nested referents depth first', () => {
    const w = new NdrWriter();
    w.pointer(1, (ww) => ww.u32(0x11).pointer(2, (www) => www.u32(0x22))).pointer(3, (ww) => ww.u32(0x33));
    w.flushDeferred();
    // ids 20000, 20008 (third allocated), then ref 1 = 0x11 + id 20004, its child 0x22, then 0x33.
    expect(hex(w.finish())).toBe('00000200' + '04000200' + '11000000' + '08000200' + '22000000' + '33000000');
  });

  it('writes top-level pointers with the referent at once and [ref] pointers without an id', () => {
    const w = new NdrWriter().topLevelPointer(5, (ww, v) => ww.u32(v)).topLevelPointer(6, (ww, v) => ww.u32(v), 'ref').topLevelPointer(null, (ww, v: number) => ww.u32(v));
    expect(hex(w.finish())).toBe('00000200' + '05000000' + '06000000' + '00000000');
    const r = new NdrReader(w.finish());
    expect(r.topLevelPointer((rr) => rr.u32())).toBe(5);
    expect(r.u32()).toBe(6);
    expect(r.topLevelPointer((rr) => rr.u32())).toBeNull();
  });

  it('round-trips conformant and conformant varying arrays, uuids and context handles', () => {
    const handle = bytes('00000000' + '11'.repeat(16));
    const w = new NdrWriter()
      .u8(9)
      .conformantArray([1, 2, 3], (ww, v) => ww.u16(v))
      .conformantVaryingArray([7, 8], (ww, v) => ww.u32(v), 5)
      .uuid('367abb81-9844-35f1-ad32-98f038001003')
      .contextHandle(handle)
      .conformantBytes(bytes('aabbcc'));
    const data = w.finish();
    expect(hex(data.subarray(0, 16))).toBe('09000000' + '03000000' + '010002000300' + '0000');
    const r = new NdrReader(data);
    expect(r.u8()).toBe(9);
    expect(r.conformantArray((rr) => rr.u16())).toEqual([1, 2, 3]);
    expect(r.conformantVaryingArray((rr) => rr.u32())).toEqual([7, 8]);
    expect(r.uuid()).toBe('367abb81-9844-35f1-ad32-98f038001003');
    expect(hex(r.contextHandle())).toBe(hex(handle));
    expect(hex(r.conformantBytes())).toBe('aabbcc');
  });

  it('throws a decode error instead of reading past the end or trusting huge counts', () => {
    expect(() => new NdrReader(bytes('0100')).u32()).toThrow(expect.objectContaining({ kind: 'decode' }));
    expect(() => new NdrReader(bytes('ffffff7f')).conformantArray((r) => r.u8())).toThrow(expect.objectContaining({ kind: 'decode' }));
    expect(() => new NdrReader(bytes('020000000000000005000000')).wideString()).toThrow(expect.objectContaining({ kind: 'decode' }));
  });
});
