import { describe, expect, it } from 'vitest';
import { staticPortFor } from '../../../shared/model/workflow.ts';
import { Transcript } from '../../../shared/transcript.ts';
import type { ExchangeServer } from '../../../shared/model/directory.ts';
import { SimulatedProbes } from './simulatedProbes.ts';

const server = (name: string): ExchangeServer => ({ dn: `CN=${name},CN=Servers`, name, host: `${name.toLowerCase()}.corp.example.test`, whenCreated: '2004-01-01T00:00:00Z' });

describe('static System Attendant ports per server (KB 270836)', () => {
  it('match a server by name or host, in any case, and no other server', () => {
    const ports = { exch02: 4560, 'EXCH03.corp.example.test': 6001 };
    expect(staticPortFor(ports, server('EXCH02'))).toBe(4560);
    expect(staticPortFor(ports, server('EXCH03'))).toBe(6001);
    expect(staticPortFor(ports, server('EXCH01'))).toBeNull();
  });

  it('skip the endpoint mapper only for the server that has one', async () => {
    const probes = new SimulatedProbes({ scenario: 'healthy', target: 'EXCH02', delayScale: 0, staticPorts: { EXCH02: 5999 } });
    const pinned = new Transcript();
    expect(await probes.endpoint(server('EXCH02'), { transcript: pinned })).toMatchObject({ outcome: 'mapped', port: 5999, source: 'static' });
    expect(pinned.lines.map((l) => l.text).join('\n')).toContain('Static port 5999 (KB 270836)');
    const asked = new Transcript();
    const mapped = await probes.endpoint(server('EXCH01'), { transcript: asked });
    expect(mapped).toMatchObject({ outcome: 'mapped' });
    expect(mapped.outcome === 'mapped' && mapped.source).not.toBe('static');
    expect(asked.lines.some((l) => l.text.includes('ept_map'))).toBe(true);
  });
});
