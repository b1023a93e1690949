// NDR 1.0 transfer syntax, little-endian integers, ASCII characters, IEEE floats (drep 10 00 00 00).
// [C706] chapter 14 (Transfer Syntax NDR) and [MS-RPCE] 2.2.5 (NDR extensions).
//
// Alignment is relative to the start of the stub data ([C706] 14.2.2). Pointers:
// - top-level pointers (operation parameters): the referent follows the pointer at once
//   ([C706] 14.3.12.1);
// - embedded pointers (in structures and arrays): the referent is deferred until the containing
//   construct has been written ([C706] 14.3.12.3). Call `flushDeferred()` after the construct.
//   Referents of pointers met while writing a referent are written right after that referent,
//   which is the depth-first order Windows and impacket produce.
// Referent ids are not random: they count up from 0x00020000 in steps of 4, like Windows clients.
import { AppError } from '../../../shared/errors.ts';
import { uuidFromBytes, uuidToBytes } from './uuid.ts';

export const FIRST_REFERENT_ID = 0x00020000;
export const CONTEXT_HANDLE_LENGTH = 20;

export type PointerKind = 'unique' | 'full' | 'ref';

/** Writes one stub. */
export class NdrWriter {
  private buffer = new Uint8Array(256);
  private view = new DataView(this.buffer.buffer);
  private length = 0;
  private nextReferentId = FIRST_REFERENT_ID;
  private deferred: Array<() => void> = [];

  get offset(): number {
    return this.length;
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }

  /** Pads with zero bytes to a multiple of n ([C706] 14.2.2). */
  align(n: number): this {
    const pad = (n - (this.length % n)) % n;
    this.ensure(pad);
    this.buffer.fill(0, this.length, this.length + pad);
    this.length += pad;
    return this;
  }

  u8(value: number): this {
    this.ensure(1);
    this.view.setUint8(this.length, value);
    this.length += 1;
    return this;
  }

  u16(value: number): this {
    this.align(2).ensure(2);
    this.view.setUint16(this.length, value, true);
    this.length += 2;
    return this;
  }

  u32(value: number): this {
    this.align(4).ensure(4);
    this.view.setUint32(this.length, value >>> 0, true);
    this.length += 4;
    return this;
  }

  i32(value: number): this {
    this.align(4).ensure(4);
    this.view.setInt32(this.length, value, true);
    this.length += 4;
    return this;
  }

  u64(value: bigint): this {
    this.align(8).ensure(8);
    this.view.setBigUint64(this.length, value, true);
    this.length += 8;
    return this;
  }

  /** Raw bytes, no alignment. */
  bytes(data: Uint8Array): this {
    this.ensure(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
    return this;
  }

  /** A GUID is a structure whose largest member is a u32 ([MS-DTYP] 2.3.4.2): aligned to 4. */
  uuid(uuid: string): this {
    return this.align(4).bytes(uuidToBytes(uuid));
  }

  /** [MS-RPCE] 2.2.5.3.1 / [C706] 14.3.12.4: context handle = u32 attributes + UUID, 20 bytes, aligned to 4. */
  contextHandle(handle: Uint8Array): this {
    if (handle.length !== CONTEXT_HANDLE_LENGTH) {
      throw new AppError({ kind: 'internal', message: `A context handle has 20 bytes, not ${handle.length}.` });
    }
    return this.align(4).bytes(handle);
  }

  /** The next referent id, for callers that must write a pointer by hand. */
  allocateReferentId(): number {
    const id = this.nextReferentId;
    this.nextReferentId += 4;
    return id;
  }

  /**
   * An embedded pointer: writes the referent id (0 for null; a [ref] pointer cannot be null) now and
   * the referent when `flushDeferred()` runs.
   */
  pointer<T>(value: T | null | undefined, writeReferent: (w: NdrWriter, value: T) => void, kind: PointerKind = 'unique'): this {
    if (value === null || value === undefined) {
      if (kind === 'ref') throw new AppError({ kind: 'internal', message: 'A [ref] pointer cannot be null.' });
      return this.u32(0);
    }
    this.u32(this.allocateReferentId());
    this.deferred.push(() => writeReferent(this, value));
    return this;
  }

  /**
   * A top-level pointer (an operation parameter): id then referent at once ([C706] 14.3.12.1).
   * A top-level [ref] pointer has no representation at all: only its referent is written.
   */
  topLevelPointer<T>(value: T | null | undefined, writeReferent: (w: NdrWriter, value: T) => void, kind: PointerKind = 'unique'): this {
    if (kind === 'ref') {
      if (value === null || value === undefined) throw new AppError({ kind: 'internal', message: 'A [ref] pointer cannot be null.' });
      writeReferent(this, value);
      return this.flushDeferred();
    }
    this.pointer(value, writeReferent, kind);
    return this.flushDeferred();
  }

  /** Writes every deferred referent, depth first. */
  flushDeferred(): this {
    while (this.deferred.length > 0) {
      const pending = this.deferred;
      this.deferred = [];
      for (const write of pending) {
        write();
        this.flushDeferred();
      }
    }
    return this;
  }

  /** [C706] 14.3.3.2 conformant array: max_count (u32), then the elements. */
  conformantArray<T>(items: readonly T[], writeItem: (w: NdrWriter, item: T) => void): this {
    this.u32(items.length);
    for (const item of items) writeItem(this, item);
    return this;
  }

  /** [C706] 14.3.3.4 conformant varying array: max_count, offset, actual_count, then the elements. */
  conformantVaryingArray<T>(items: readonly T[], writeItem: (w: NdrWriter, item: T) => void, maxCount = items.length): this {
    this.u32(maxCount).u32(0).u32(items.length);
    for (const item of items) writeItem(this, item);
    return this;
  }

  /** A conformant byte array ([size_is] byte[]): max_count then the bytes. */
  conformantBytes(data: Uint8Array): this {
    return this.u32(data.length).bytes(data);
  }

  /**
   * The referent of a `[string] wchar_t*`: a conformant varying array of UTF-16LE code units
   * that includes the terminating NUL ([C706] 14.3.4, [MS-DTYP] 2.2.59 / 2.3.10).
   */
  wideString(text: string): this {
    const units = text.length + 1;
    this.u32(units).u32(0).u32(units);
    this.ensure(units * 2);
    for (let i = 0; i < text.length; i++) this.view.setUint16(this.length + i * 2, text.charCodeAt(i), true);
    this.view.setUint16(this.length + text.length * 2, 0, true);
    this.length += units * 2;
    return this;
  }

  /** The stub written so far (deferred referents must have been flushed). */
  finish(): Uint8Array {
    if (this.deferred.length > 0) this.flushDeferred();
    return this.buffer.slice(0, this.length);
  }
}

/** A deferred referent that the reader fills in when `flushDeferred()` runs. */
export interface Deferred<T> {
  /** The referent id, 0 for a null pointer. */
  readonly referentId: number;
  value: T | null;
}

/** Reads one stub. Every read checks bounds and throws AppError kind 'decode'. */
export class NdrReader {
  private readonly view: DataView;
  private position = 0;
  private deferred: Array<() => void> = [];

  constructor(private readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  get offset(): number {
    return this.position;
  }

  get remaining(): number {
    return this.data.length - this.position;
  }

  private need(n: number, what: string): void {
    if (this.position + n > this.data.length) {
      throw new AppError({
        kind: 'decode',
        message: `The NDR data ended early while reading ${what} (offset ${this.position}, ${n} bytes needed, ${this.remaining} left).`,
      });
    }
  }

  align(n: number): this {
    const pad = (n - (this.position % n)) % n;
    this.need(pad, 'alignment padding');
    this.position += pad;
    return this;
  }

  u8(): number {
    this.need(1, 'a byte');
    return this.view.getUint8(this.position++);
  }

  u16(): number {
    this.align(2).need(2, 'a 16-bit integer');
    const value = this.view.getUint16(this.position, true);
    this.position += 2;
    return value;
  }

  u32(): number {
    this.align(4).need(4, 'a 32-bit integer');
    const value = this.view.getUint32(this.position, true);
    this.position += 4;
    return value;
  }

  i32(): number {
    this.align(4).need(4, 'a 32-bit integer');
    const value = this.view.getInt32(this.position, true);
    this.position += 4;
    return value;
  }

  u64(): bigint {
    this.align(8).need(8, 'a 64-bit integer');
    const value = this.view.getBigUint64(this.position, true);
    this.position += 8;
    return value;
  }

  bytes(n: number): Uint8Array {
    this.need(n, `${n} bytes`);
    const out = this.data.slice(this.position, this.position + n);
    this.position += n;
    return out;
  }

  uuid(): string {
    this.align(4);
    return uuidFromBytes(this.bytes(16));
  }

  contextHandle(): Uint8Array {
    return this.align(4).bytes(CONTEXT_HANDLE_LENGTH);
  }

  /** An embedded pointer: reads the referent id now and the referent at `flushDeferred()`. */
  pointer<T>(readReferent: (r: NdrReader) => T): Deferred<T> {
    const slot: { referentId: number; value: T | null } = { referentId: this.u32(), value: null };
    if (slot.referentId !== 0) this.deferred.push(() => (slot.value = readReferent(this)));
    return slot;
  }

  /** A top-level unique/full pointer: id, then the referent at once. Returns null for a null pointer. */
  topLevelPointer<T>(readReferent: (r: NdrReader) => T): T | null {
    const slot = this.pointer(readReferent);
    this.flushDeferred();
    return slot.value;
  }

  flushDeferred(): this {
    while (this.deferred.length > 0) {
      const pending = this.deferred;
      this.deferred = [];
      for (const read of pending) {
        read();
        this.flushDeferred();
      }
    }
    return this;
  }

  /** A conformant array: max_count then that many elements. `limit` guards against hostile counts. */
  conformantArray<T>(readItem: (r: NdrReader) => T, limit = 1_000_000): T[] {
    const count = this.u32();
    this.checkCount(count, limit);
    const items: T[] = [];
    for (let i = 0; i < count; i++) items.push(readItem(this));
    return items;
  }

  /** A conformant varying array: max_count, offset, actual_count, then actual_count elements. */
  conformantVaryingArray<T>(readItem: (r: NdrReader) => T, limit = 1_000_000): T[] {
    const maxCount = this.u32();
    const offset = this.u32();
    const actual = this.u32();
    this.checkCount(maxCount, limit);
    if (offset + actual > maxCount) {
      throw new AppError({ kind: 'decode', message: `An NDR varying array claims offset ${offset} + ${actual} elements but holds at most ${maxCount}.` });
    }
    const items: T[] = [];
    for (let i = 0; i < actual; i++) items.push(readItem(this));
    return items;
  }

  conformantBytes(limit = 16 * 1024 * 1024): Uint8Array {
    const count = this.u32();
    this.checkCount(count, limit);
    return this.bytes(count);
  }

  /** The referent of a `[string] wchar_t*`; the terminating NUL is dropped. */
  wideString(limit = 65_536): string {
    const maxCount = this.u32();
    const offset = this.u32();
    const actual = this.u32();
    this.checkCount(maxCount, limit);
    if (offset + actual > maxCount) {
      throw new AppError({ kind: 'decode', message: `An NDR string claims offset ${offset} + ${actual} characters but holds at most ${maxCount}.` });
    }
    this.need(actual * 2, 'a UTF-16 string');
    let text = '';
    for (let i = 0; i < actual; i++) text += String.fromCharCode(this.view.getUint16(this.position + i * 2, true));
    this.position += actual * 2;
    const nul = text.indexOf('\0');
    return nul >= 0 ? text.slice(0, nul) : text;
  }

  private checkCount(count: number, limit: number): void {
    if (count > limit) throw new AppError({ kind: 'decode', message: `An NDR array claims ${count} elements (limit ${limit}).` });
  }
}
