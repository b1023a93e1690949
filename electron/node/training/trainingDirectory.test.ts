import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { changeOf, POLICY_EXCLUDED_GUID, type UserDetails } from '../../../shared/model/directory.ts';
import { parseProxyAddress } from '../../../shared/addresses/proxyAddress.ts';
import { TrainingDirectory } from './trainingDirectory.ts';

const JANE = 'CN=Jane Doe,OU=Helpdesk,DC=corp,DC=example,DC=test';

async function all(directory: TrainingDirectory, query: string) {
  const users = [];
  for await (const page of directory.searchUsers(query, { pageSize: 10 })) users.push(...page);
  return users;
}


describe('Training directory seed', () => {
  const directory = new TrainingDirectory(null);

  it('has 40+ users in several OUs with unique accounts', async () => {
    const users = await all(directory, '');
    expect(users.length).toBeGreaterThanOrEqual(40);
    expect(new Set(users.map((u) => u.ou)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(users.map((u) => u.samAccountName)).size).toBe(users.length);
  });

  it('holds addresses of several types, every value parseable, one primary per type', async () => {
    const types = new Set<string>();
    for (const summary of await all(directory, '')) {
      const user = await directory.getUser(summary.dn);
      const primaries = new Map<string, number>();
      for (const raw of user.proxyAddresses) {
        const parsed = parseProxyAddress(raw);
        expect(parsed.ok, raw).toBe(true);
        if (!parsed.ok) continue;
        types.add(parsed.value.type);
        if (parsed.value.isPrimary) primaries.set(parsed.value.type, (primaries.get(parsed.value.type) ?? 0) + 1);
      }
      for (const count of primaries.values()) expect(count).toBe(1);
      const primarySmtp = user.proxyAddresses.find((a) => a.startsWith('SMTP:'));
      expect(user.mail).toBe(primarySmtp ? primarySmtp.slice(5) : null);
    }
    expect([...types]).toEqual(expect.arrayContaining(['SMTP', 'X400', 'X500', 'SIP', 'FAX']));
  });

  it('has users excluded from recipient policy', async () => {
    const excluded = [];
    for (const summary of await all(directory, '')) {
      if ((await directory.getUser(summary.dn)).policyExcluded.includes(POLICY_EXCLUDED_GUID)) excluded.push(summary.dn);
    }
    expect(excluded.length).toBeGreaterThan(2);
  });

  it('lists three Exchange servers oldest first', async () => {
    const servers = await directory.listExchangeServers();
    expect(servers.map((s) => s.name)).toEqual(['EXCH02', 'EXCH01', 'EXCH03']);
    expect(servers[0]!.host).toBe('exch02.corp.example.test');
  });
});

describe('Training directory search', () => {
  const directory = new TrainingDirectory(null);
  it.each([
    ['name', 'jane doe'],
    ['account', 'jdoe2'],
    ['mail', 'JANE.DOE@corp'],
    ['proxy address', 'x400:c=us;a= ;p=corp;o=exchange;s=doe;g=jane'],
  ])('matches by %s', async (_label, query) => {
    expect((await all(directory, query)).map((u) => u.displayName)).toContain('Jane Doe');
  });
  it('streams results in pages', async () => {
    const pages = [];
    for await (const page of directory.searchUsers('', { pageSize: 10 })) pages.push(page.length);
    expect(pages.length).toBeGreaterThan(3);
    expect(pages.slice(0, -1).every((n) => n === 10)).toBe(true);
  });
});

describe('Training directory writes', () => {
  it('adds and removes exactly the given values and persists them', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'addressdesk-')), 'training.json');
    const directory = new TrainingDirectory(file);
    const jane = await directory.getUser(JANE);
    const stored = await directory.applyChange(changeOf(jane, { addProxyAddresses: ['smtp:jd@corp.example.test'], removeProxyAddresses: ['smtp:jdoe2@corp.example.test'] }));
    expect(stored.proxyAddresses).toContain('smtp:jd@corp.example.test');
    expect(stored.proxyAddresses).not.toContain('smtp:jdoe2@corp.example.test');
    expect(stored.proxyAddresses.length).toBe(jane.proxyAddresses.length);
    expect((await new TrainingDirectory(file).getUser(JANE)).proxyAddresses).toEqual(stored.proxyAddresses);
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(1);
  });

  it('switches the primary with a delete and an add of the same address', async () => {
    const directory = new TrainingDirectory(null);
    const jane = await directory.getUser(JANE);
    const stored = await directory.applyChange(
      changeOf(jane, {
        removeProxyAddresses: ['SMTP:jane.doe@corp.example.test', 'smtp:jdoe2@corp.example.test'],
        addProxyAddresses: ['smtp:jane.doe@corp.example.test', 'SMTP:jdoe2@corp.example.test'],
        mail: 'jdoe2@corp.example.test',
      }),
    );
    expect(stored.proxyAddresses).toEqual(expect.arrayContaining(['SMTP:jdoe2@corp.example.test', 'smtp:jane.doe@corp.example.test']));
    expect(stored.mail).toBe('jdoe2@corp.example.test');
  });

  it('refuses a change computed from a stale read and keeps the other writer\'s change', async () => {
    const directory = new TrainingDirectory(null);
    const read = await directory.getUser(JANE);
    await directory.applyChange(changeOf(read, { addProxyAddresses: ['smtp:first@corp.example.test'] }));
    const second = directory.applyChange(changeOf(read, { removeProxyAddresses: ['smtp:jdoe2@corp.example.test'] }));
    await expect(second).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining('changed by someone else') });
    const error = (await second.catch((e: unknown) => e)) as AppError;
    expect((error.details as { current: UserDetails }).current.proxyAddresses).toContain('smtp:first@corp.example.test');
    const now = await directory.getUser(JANE);
    expect(now.proxyAddresses).toContain('smtp:first@corp.example.test');
    expect(now.proxyAddresses).toContain('smtp:jdoe2@corp.example.test');
  });

  it('finds holders case- and prefix-case-insensitively', async () => {
    const directory = new TrainingDirectory(null);
    const holders = await directory.findAddressHolders(['smtp:JANE.DOE@corp.example.test', 'smtp:nobody@corp.example.test']);
    expect(holders).toEqual([{ address: 'smtp:JANE.DOE@corp.example.test', storedValue: 'SMTP:jane.doe@corp.example.test', dn: JANE, displayName: 'Jane Doe' }]);
  });

  it('reset restores the seed', async () => {
    const directory = new TrainingDirectory(null);
    const jane = await directory.getUser(JANE);
    await directory.applyChange(changeOf(jane, { addProxyAddresses: ['smtp:temp@corp.example.test'] }));
    directory.reset();
    expect((await directory.getUser(JANE)).proxyAddresses).toEqual(jane.proxyAddresses);
  });

  it('says which object is missing', async () => {
    await expect(new TrainingDirectory(null).getUser('CN=Nobody,DC=corp,DC=example,DC=test')).rejects.toMatchObject({ kind: 'notFound' });
  });
});
