// Protocol towers: [C706] Appendix L (Protocol Sequence ... tower encoding) and [MS-RPCE] 2.2.1.2.
// A tower is floor_count (u16 LE) then floors; a floor is lhs_length (u16 LE), lhs bytes,
// rhs_length (u16 LE), rhs bytes. For ncacn_ip_tcp the five floors are:
//   1. 0x0d + interface UUID + major (u16 LE) | minor (u16 LE)
//   2. 0x0d + transfer syntax UUID + major     | minor
//   3. 0x0b (RPC connection-oriented)          | minor protocol version (u16 LE) = 0   -> "RPC v5"
//   4. 0x07 (TCP port)                         | port, big-endian u16
//   5. 0x09 (IPv4 address)                     | 4 bytes, network order
import { AppError } from '../../../../shared/errors.ts';
import type { SyntaxId } from '../pdu.ts';
import { uuidFromBytes, uuidToBytes } from '../uuid.ts';

/** [C706] Appendix I and [MS-RPCE] 2.2.1.2.1 protocol identifiers (the lhs's first byte). */
export const FLOOR = {
  uuid: 0x0d,
  rpcConnectionOriented: 0x0b,
  rpcConnectionless: 0x0a,
  tcpPort: 0x07,
  udpPort: 0x08,
  ipAddress: 0x09,
  namedPipe: 0x0f,
  localPipe: 0x10,
  netbiosHost: 0x11,
  httpPort: 0x1f,
} as const;

export interface Floor {
  lhs: Uint8Array;
  rhs: Uint8Array;
}

export interface TcpTowerSpec {
  iface: SyntaxId;
  transferSyntax: SyntaxId;
  port: number;
  /** Dotted IPv4 address. */
  address: string;
}

/** What we understood of a tower; unknown floors are kept raw. */
export interface DecodedTower {
  floors: Floor[];
  iface?: SyntaxId;
  transferSyntax?: SyntaxId;
  /** "ncacn_ip_tcp", "ncacn_np", "ncacn_http", ... when the floors say so. */
  protocolSequence?: string;
  /** The minor version of the RPC protocol floor (0 for connection-oriented "RPC v5"). */
  rpcMinor?: number;
  port?: number;
  address?: string;
  pipe?: string;
  host?: string;
}

function u16le(n: number): Uint8Array {
  return Uint8Array.of(n & 0xff, (n >> 8) & 0xff);
}

function uuidFloor(s: SyntaxId): Floor {
  const lhs = new Uint8Array(19);
  lhs[0] = FLOOR.uuid;
  lhs.set(uuidToBytes(s.uuid), 1);
  lhs.set(u16le(s.major), 17);
  return { lhs, rhs: u16le(s.minor) };
}

function ipv4Bytes(address: string): Uint8Array {
  const parts = address.split('.').map((p) => Number(p));
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new AppError({ kind: 'validation', message: `"${address}" is not an IPv4 address.` });
  }
  return Uint8Array.from(parts);
}

export function tcpTowerFloors(spec: TcpTowerSpec): Floor[] {
  return [
    uuidFloor(spec.iface),
    uuidFloor(spec.transferSyntax),
    { lhs: Uint8Array.of(FLOOR.rpcConnectionOriented), rhs: u16le(0) },
    { lhs: Uint8Array.of(FLOOR.tcpPort), rhs: Uint8Array.of((spec.port >> 8) & 0xff, spec.port & 0xff) },
    { lhs: Uint8Array.of(FLOOR.ipAddress), rhs: ipv4Bytes(spec.address) },
  ];
}

export function encodeFloors(floors: readonly Floor[]): Uint8Array {
  const size = 2 + floors.reduce((n, f) => n + 4 + f.lhs.length + f.rhs.length, 0);
  const out = new Uint8Array(size);
  out.set(u16le(floors.length), 0);
  let at = 2;
  for (const f of floors) {
    out.set(u16le(f.lhs.length), at);
    out.set(f.lhs, at + 2);
    at += 2 + f.lhs.length;
    out.set(u16le(f.rhs.length), at);
    out.set(f.rhs, at + 2);
    at += 2 + f.rhs.length;
  }
  return out;
}

export function encodeTcpTower(spec: TcpTowerSpec): Uint8Array {
  return encodeFloors(tcpTowerFloors(spec));
}

function cString(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return new TextDecoder('latin1').decode(nul >= 0 ? bytes.subarray(0, nul) : bytes);
}

export function decodeTower(bytes: Uint8Array): DecodedTower {
  const fail = (why: string): never => {
    throw new AppError({ kind: 'decode', message: `The endpoint mapper sent a malformed tower: ${why}.` });
  };
  if (bytes.length < 2) fail('no floor count');
  const count = bytes[0]! | (bytes[1]! << 8);
  const floors: Floor[] = [];
  let at = 2;
  for (let i = 0; i < count; i++) {
    if (at + 2 > bytes.length) fail(`floor ${i + 1} is cut short`);
    const lhsLength = bytes[at]! | (bytes[at + 1]! << 8);
    const lhs = bytes.slice(at + 2, at + 2 + lhsLength);
    at += 2 + lhsLength;
    if (lhs.length !== lhsLength || at + 2 > bytes.length) fail(`floor ${i + 1} is cut short`);
    const rhsLength = bytes[at]! | (bytes[at + 1]! << 8);
    const rhs = bytes.slice(at + 2, at + 2 + rhsLength);
    at += 2 + rhsLength;
    if (rhs.length !== rhsLength || lhsLength === 0) fail(`floor ${i + 1} is cut short`);
    floors.push({ lhs, rhs });
  }
  const tower: DecodedTower = { floors };
  const syntaxOf = (f: Floor): SyntaxId | undefined =>
    f.lhs[0] === FLOOR.uuid && f.lhs.length >= 19 && f.rhs.length >= 2
      ? { uuid: uuidFromBytes(f.lhs, 1), major: f.lhs[17]! | (f.lhs[18]! << 8), minor: f.rhs[0]! | (f.rhs[1]! << 8) }
      : undefined;
  if (floors[0]) tower.iface = syntaxOf(floors[0]);
  if (floors[1]) tower.transferSyntax = syntaxOf(floors[1]);
  for (const f of floors.slice(2)) {
    const id = f.lhs[0];
    if (id === FLOOR.rpcConnectionOriented || id === FLOOR.rpcConnectionless) {
      if (f.rhs.length >= 2) tower.rpcMinor = f.rhs[0]! | (f.rhs[1]! << 8);
    } else if ((id === FLOOR.tcpPort || id === FLOOR.udpPort || id === FLOOR.httpPort) && f.rhs.length >= 2) {
      tower.port = (f.rhs[0]! << 8) | f.rhs[1]!;
      tower.protocolSequence = id === FLOOR.tcpPort ? 'ncacn_ip_tcp' : id === FLOOR.udpPort ? 'ncadg_ip_udp' : 'ncacn_http';
    } else if (id === FLOOR.ipAddress && f.rhs.length === 4) {
      tower.address = Array.from(f.rhs).join('.');
    } else if (id === FLOOR.namedPipe) {
      tower.pipe = cString(f.rhs);
      tower.protocolSequence = 'ncacn_np';
    } else if (id === FLOOR.netbiosHost) {
      tower.host = cString(f.rhs);
    } else if (id === FLOOR.localPipe) {
      tower.pipe = cString(f.rhs);
      tower.protocolSequence = 'ncalrpc';
    }
  }
  return tower;
}
