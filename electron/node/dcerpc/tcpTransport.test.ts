// Connection failures and deadlines against real loopback sockets (no lab needed): a closed port
// refuses at once, a listener that never answers runs into the deadline, and a peer that answers
// a bind with bind_nak (impacket's bytes) gives a named rejection.
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RpcClient } from './rpcClient.ts';
import { connectTcp } from './tcpTransport.ts';

const EPM = { uuid: 'e1af8308-5d1f-11c9-91a4-08002b14a0fa', major: 3, minor: 0 };
const servers: Server[] = [];
const sockets: Socket[] = [];

function listen(onConnection: (socket: Socket) => void): Promise<number> {
  const server = createServer((socket) => {
    sockets.push(socket);
    onConnection(socket);
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

describe('connectTcp', () => {
  it('reports a closed port as refused, quickly', async () => {
    const port = await listen(() => {});
    await new Promise((r) => servers.pop()!.close(r)); // now nothing listens there
    const started = performance.now();
    const error = await connectTcp('127.0.0.1', port, { timeoutMs: 3000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'connect', details: { failure: 'refused', where: `127.0.0.1:${port}` } });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('runs a silent peer into the deadline as kind timeout', async () => {
    const port = await listen(() => {}); // accepts, never answers
    const transport = await connectTcp('127.0.0.1', port, { timeoutMs: 1000 });
    const client = new RpcClient(transport, { timeoutMs: 300 });
    const started = performance.now();
    const error = await client.bind(EPM).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toMatchObject({ kind: 'timeout' });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(800);
    // The association is unusable after a timeout: the stream position is unknown.
    await expect(client.call(0, new Uint8Array(0))).rejects.toMatchObject({ kind: 'timeout' });
    await client.close();
  });

  it('turns a caller abort into kind cancelled', async () => {
    const port = await listen(() => {});
    const client = new RpcClient(await connectTcp('127.0.0.1', port, { timeoutMs: 1000 }), { timeoutMs: 5000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(client.bind(EPM, controller.signal)).rejects.toMatchObject({ kind: 'cancelled' });
    await client.close();
  });

  it('names a bind_nak reason', async () => {
    // MSRPCHeader(type=MSRPC_BINDNAK, call_id=1, MSRPCBindNak(RejectedReason=4, versions [5.0])), see pdu.test.ts
    const nak = Buffer.from('05000d031000000015000000010000000400010500', 'hex');
    const port = await listen((socket) => socket.once('data', () => socket.write(nak)));
    const client = new RpcClient(await connectTcp('127.0.0.1', port, { timeoutMs: 1000 }), { timeoutMs: 1000 });
    const error = await client.bind(EPM).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'rpcBindRejected', code: 4, details: { pdu: 'bind_nak', reason: 'protocol_version_not_supported' } });
    await client.close();
  });

  it('reports a peer that closes mid-call as a connect failure, not a hang', async () => {
    const port = await listen((socket) => socket.once('data', () => socket.destroy()));
    const client = new RpcClient(await connectTcp('127.0.0.1', port, { timeoutMs: 1000 }), { timeoutMs: 2000 });
    const started = performance.now();
    await expect(client.bind(EPM)).rejects.toMatchObject({ kind: 'connect' });
    expect(performance.now() - started).toBeLessThan(1000);
    await client.close();
  });
});
