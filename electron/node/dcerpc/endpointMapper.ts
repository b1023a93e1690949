// "Which port serves this interface on that host?": connect to the endpoint mapper (TCP 135),
// bind to it, ept_map, close. The seed's step 5.
import type { TranscriptSink } from '../../../shared/transcript.ts';
import { eptMap, type EptMapResult } from './interfaces/epm.ts';
import { ENDPOINT_MAPPER } from './interfaces/knownInterfaces.ts';
import { RpcClient, type InterfaceId } from './rpcClient.ts';
import { connectTcp } from './tcpTransport.ts';

export const EPM_PORT = 135;

export interface MapEndpointOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  transcript?: TranscriptSink;
  /** Only for tests and unusual setups; the endpoint mapper listens on 135. */
  epmPort?: number;
}

export async function mapTcpEndpoint(host: string, iface: InterfaceId, options: MapEndpointOptions): Promise<EptMapResult> {
  const transport = await connectTcp(host, options.epmPort ?? EPM_PORT, { timeoutMs: options.timeoutMs, signal: options.signal });
  const client = new RpcClient(transport, { timeoutMs: options.timeoutMs, transcript: options.transcript, protocolLabel: 'EPM' });
  try {
    await client.bind(ENDPOINT_MAPPER, options.signal);
    return await eptMap(client, { iface }, { transcript: options.transcript, signal: options.signal });
  } finally {
    await client.close();
  }
}
