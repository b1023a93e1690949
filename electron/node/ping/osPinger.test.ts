import { describe, expect, it } from 'vitest';
import { Transcript } from '../../../shared/transcript.ts';
import { OsPinger } from './osPinger.ts';

describe('OsPinger', () => {
  it('says clearly that the ping utility is missing', async () => {
    const pinger = new OsPinger({ command: '/nonexistent/bin/ping' });
    await expect(pinger.ping('127.0.0.1', { timeoutMs: 1000 })).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringContaining('ping utility "/nonexistent/bin/ping" was not found'),
      details: { missing: '/nonexistent/bin/ping' },
    });
  });

  it('refuses host names that could be read as options', async () => {
    await expect(new OsPinger().ping('-f', { timeoutMs: 1000 })).rejects.toMatchObject({ kind: 'validation' });
    await expect(new OsPinger().ping('a b', { timeoutMs: 1000 })).rejects.toMatchObject({ kind: 'validation' });
  });

  it.runIf(process.platform === 'linux')('pings the loopback address with the real utility and records the transcript', async () => {
    const transcript = new Transcript();
    const result = await new OsPinger({ transcript }).ping('127.0.0.1', { timeoutMs: 1000 });
    expect(result).toMatchObject({ alive: true, address: '127.0.0.1' });
    expect(transcript.lines.map((l) => l.protocol)).toEqual(['ICMP', 'ICMP']);
  });
});
