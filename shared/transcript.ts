// The wire transcript that trainers see: one line per packet or call, in the style of the
// NetMon trace in the seed document ("Client to Server MSRPC MSRPC: c/o Bind: UUID{...}").

export type WireDirection = 'clientToServer' | 'serverToClient' | 'note';
export type WireProtocol = 'ICMP' | 'TCP' | 'MSRPC' | 'EPM' | 'SMB2' | 'SVCCTL' | 'LDAP' | 'MSFTGC' | 'DNS';

export interface WireLine {
  /** Milliseconds since the transcript started. */
  atMs: number;
  direction: WireDirection;
  protocol: WireProtocol;
  /** The decoded summary, e.g. "ROpenServiceW Request, ServiceName=MSExchangeSA DesiredAccess=0x00000004". */
  text: string;
}

/** Where protocol code writes what it sends and receives. Never given a secret. */
export interface TranscriptSink {
  add(direction: WireDirection, protocol: WireProtocol, text: string): void;
}

export const nullTranscript: TranscriptSink = { add() {} };

/** Collects lines in memory, timestamped relative to its creation. */
export class Transcript implements TranscriptSink {
  readonly lines: WireLine[] = [];
  private readonly startedAt = Date.now();
  constructor(private readonly onLine?: (line: WireLine) => void) {}

  add(direction: WireDirection, protocol: WireProtocol, text: string): void {
    const line: WireLine = { atMs: Date.now() - this.startedAt, direction, protocol, text };
    this.lines.push(line);
    this.onLine?.(line);
  }
}

/**
 * Renders a line as the seed's trace does: "Client to Server SVCCTL SVCCTL: ROpenSCManagerW Request ...".
 * Notes are AddressDesk's own remarks between packets ("Note (EPM): Static port 4560 ..."), never packets.
 */
export function formatWireLine(line: WireLine): string {
  if (line.direction === 'note') return `Note (${line.protocol}): ${line.text}`;
  const who = line.direction === 'clientToServer' ? 'Client to Server' : 'Server to Client';
  return `${who} ${line.protocol} ${line.protocol}: ${line.text}`;
}
