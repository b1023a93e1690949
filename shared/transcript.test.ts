import { describe, expect, it } from 'vitest';
import { formatWireLine, Transcript } from './transcript.ts';

describe('wire transcript', () => {
  it('renders packets in the seed trace style and notes apart from them', () => {
    const seen: string[] = [];
    const transcript = new Transcript((line) => seen.push(formatWireLine(line)));
    transcript.add('clientToServer', 'SVCCTL', 'ROpenSCManagerW Request, Machine=\\\\EXCH02 Database=NULL Access=0x00000004');
    transcript.add('serverToClient', 'SVCCTL', 'ROpenSCManagerW Response, Status = ERROR_SUCCESS');
    transcript.add('note', 'EPM', 'Static port 4560 (KB 270836): the endpoint mapper is not asked.');
    expect(seen).toEqual([
      'Client to Server SVCCTL SVCCTL: ROpenSCManagerW Request, Machine=\\\\EXCH02 Database=NULL Access=0x00000004',
      'Server to Client SVCCTL SVCCTL: ROpenSCManagerW Response, Status = ERROR_SUCCESS',
      'Note (EPM): Static port 4560 (KB 270836): the endpoint mapper is not asked.',
    ]);
    expect(transcript.lines.every((l) => l.atMs >= 0)).toBe(true);
  });
});
