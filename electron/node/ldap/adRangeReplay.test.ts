// AD's forced range retrieval through the real stack (ldapts over TCP, LdapConnection, readUser):
// a loopback server replays AD-shaped LDAP messages, because Samba (the lab) sends every value to
// a plain request. AD with MaxValRange=1500 answers a plain request for proxyAddresses with
// "proxyAddresses;range=0-1499" and expects "proxyAddresses;range=1500-*" next
// ([MS-ADTS] 3.1.1.3.1.3.3). Messages per [RFC 4511] 4.1.1, 4.2.2, 4.5.2.
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerReader, BerWriter, SearchRequest } from 'ldapts';
import { LdapConnection } from './connection.ts';
import { readUser } from './users.ts';

const DN = 'CN=Range Mailbox,OU=Operations,OU=Staff,DC=corp,DC=example,DC=test';
const VALUES = Array.from({ length: 3100 }, (_, i) => `smtp:range${String(i).padStart(4, '0')}@corp.example.test`);
const MAX_VAL_RANGE = 1500;

const APP = { bindRequest: 0x60, bindResponse: 0x61, unbind: 0x42, searchRequest: 0x63, searchEntry: 0x64, searchDone: 0x65 } as const;

function ldapResult(messageId: number, op: number, code = 0): Buffer {
  const w = new BerWriter();
  w.startSequence();
  w.writeInt(messageId);
  w.startSequence(op);
  w.writeEnumeration(code);
  w.writeString('');
  w.writeString('');
  w.endSequence();
  w.endSequence();
  return w.buffer;
}

function searchEntry(messageId: number, dn: string, attributes: Record<string, string[]>): Buffer {
  const w = new BerWriter();
  w.startSequence();
  w.writeInt(messageId);
  w.startSequence(APP.searchEntry);
  w.writeString(dn);
  w.startSequence();
  for (const [type, vals] of Object.entries(attributes)) {
    w.startSequence();
    w.writeString(type);
    w.startSequence(0x31); // SET OF value
    for (const v of vals) w.writeString(v);
    w.endSequence();
    w.endSequence();
  }
  w.endSequence();
  w.endSequence();
  w.endSequence();
  return w.buffer;
}

/** What AD returns for the attributes asked about our range user. */
function adAnswer(attributes: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const attribute of attributes) {
    const m = /^proxyAddresses(?:;range=(\d+)-(\d+|\*))?$/i.exec(attribute);
    if (!m) {
      if (/^displayName$/i.test(attribute)) out['displayName'] = ['Range Mailbox'];
      if (/^sAMAccountName$/i.test(attribute)) out['sAMAccountName'] = ['range.mailbox'];
      if (/^whenChanged$/i.test(attribute)) out['whenChanged'] = ['20261203164518.0Z'];
      continue;
    }
    const low = m[1] ? Number(m[1]) : 0;
    const asked = m[2] && m[2] !== '*' ? Number(m[2]) : Infinity;
    const high = Math.min(asked, low + MAX_VAL_RANGE - 1, VALUES.length - 1);
    out[`proxyAddresses;range=${low}-${high === VALUES.length - 1 ? '*' : high}`] = VALUES.slice(low, high + 1);
  }
  return out;
}

/** Splits complete LDAPMessages off a TCP byte stream (BER definite lengths). */
function takeMessages(buffer: Buffer): { messages: Buffer[]; rest: Buffer } {
  const messages: Buffer[] = [];
  let offset = 0;
  while (buffer.length - offset >= 2) {
    let len = buffer[offset + 1]!;
    let header = 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      if (buffer.length - offset < 2 + n) break;
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + buffer[offset + 2 + i]!;
      header = 2 + n;
    }
    if (buffer.length - offset < header + len) break;
    messages.push(buffer.subarray(offset, offset + header + len));
    offset += header + len;
  }
  return { messages, rest: buffer.subarray(offset) };
}

describe("AD's forced range retrieval through ldapts", () => {
  let server: Server;
  let port = 0;
  const asked: string[][] = [];

  beforeAll(async () => {
    server = createServer((socket: Socket) => {
      let pending: Buffer = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        const { messages, rest } = takeMessages(Buffer.concat([pending, chunk]));
        pending = rest;
        for (const bytes of messages) {
          const reader = new BerReader(bytes);
          reader.readSequence();
          const messageId = reader.readInt() ?? 0;
          const op = reader.readSequence();
          if (op === APP.bindRequest) socket.write(ldapResult(messageId, APP.bindResponse));
          else if (op === APP.unbind) socket.end();
          else if (op === APP.searchRequest) {
            const request = new SearchRequest({ messageId, filter: undefined as never });
            request.parseMessage(reader);
            asked.push(request.attributes);
            if (request.baseDN.toLowerCase() === DN.toLowerCase()) socket.write(searchEntry(messageId, DN, adAnswer(request.attributes)));
            socket.write(ldapResult(messageId, APP.searchDone, request.baseDN.toLowerCase() === DN.toLowerCase() ? 0 : 32));
          }
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads all 3,100 values in three requests, in order', async () => {
    const connection = new LdapConnection({
      endpoint: { role: 'dc', host: '127.0.0.1', address: '127.0.0.1', port, tls: 'none' },
      bindName: 'CN=replay',
      password: 'replay',
      timeoutMs: 5000,
    });
    try {
      const user = await readUser(connection, DN);
      expect(user.proxyAddresses).toEqual(VALUES);
      expect(user.displayName).toBe('Range Mailbox');
      expect(asked.map((a) => a.filter((x) => /proxyAddresses/i.test(x)).map((x) => x.toLowerCase()))).toEqual([['proxyaddresses'], ['proxyaddresses;range=1500-*'], ['proxyaddresses;range=3000-*']]);
    } finally {
      await connection.close();
    }
  });
});
