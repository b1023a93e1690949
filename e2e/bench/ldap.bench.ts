// Prints, against the lab DC: (1) the time to check 20 new addresses in one batched GC query vs
// 20 single queries, and (2) the latency of one address change through LdapDirectory (re-read,
// value-level modify, read back) vs the same three LDAP operations done by ldapsearch/ldapmodify
// processes. Run: node --import tsx e2e/bench/ldap.bench.ts [rounds]   (default 10, at most 50)
// Needs the lab (npm run lab:up). Restores the user it writes to.
import { readLabInfo } from '../lab/labInfo.ts';
import { ldapmodifyAsync, ldapsearchAsync, modifyLdif, parseLdif } from './openldap.ts';
import { connectionProfileSchema } from '../../shared/model/connectionProfile.ts';
import { changeOf, type AddressChange, type UserDetails } from '../../shared/model/directory.ts';
import { labProfileInput } from '../../electron/node/ldap/profileArgs.ts';
import { openLdapDirectory } from '../../electron/node/ldap/ldapDirectory.ts';

const rounds = Math.max(1, Math.min(Number(process.argv[2] ?? 10), 50));
const lab = readLabInfo();
if (!lab) {
  console.error('The lab is not up (.lab/lab.json missing): run `npm run lab:up` first.');
  process.exit(1);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

const directory = await openLdapDirectory(connectionProfileSchema.parse(labProfileInput('admin')));

try {
  // --- 1. uniqueness: batched vs single -----------------------------------------------------
  const addresses = Array.from({ length: 20 }, (_, i) => `smtp:bench.new.${i}@${lab.domain}`);
  await directory.checkAddresses(addresses, { mode: 'gc' }); // warm: GC connection, schema check
  const batched: number[] = [];
  const single: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    await directory.checkAddresses(addresses, { mode: 'gc' });
    batched.push(performance.now() - t);
    t = performance.now();
    for (const address of addresses) await directory.checkAddresses([address], { mode: 'gc' });
    single.push(performance.now() - t);
  }
  console.log(`Uniqueness check of 20 new addresses on the GC (${lab.dc.fqdn}:3269, LDAPS), median of ${rounds}:`);
  console.log(`  one batched query (OR filter): ${fmt(median(batched))}`);
  console.log(`  20 single queries:             ${fmt(median(single))}`);
  console.log(`  ratio single/batched:          ${(median(single) / median(batched)).toFixed(1)}x`);

  // --- 2. apply latency vs OpenLDAP processes ------------------------------------------------
  const dn = lab.users.collidingUserDns[0];
  const baselineDn = lab.users.collidingUserDns[1];
  const value = `smtp:bench.apply@${lab.domain}`;
  const change = (user: UserDetails, add: boolean): AddressChange => changeOf(user, add ? { addProxyAddresses: [value] } : { removeProxyAddresses: [value] });
  let user = await directory.getUser(dn);
  if (user.proxyAddresses.includes(value)) user = await directory.applyChange(change(user, false));
  const ours: number[] = [];
  const processes: number[] = [];
  const readAttrs = ['displayName', 'sAMAccountName', 'mail', 'proxyAddresses', 'msExchPoliciesExcluded', 'legacyExchangeDN', 'whenChanged'];
  for (let r = 0; r < rounds; r++) {
    for (const add of [true, false]) {
      let t = performance.now();
      user = await directory.applyChange(change(user, add));
      ours.push(performance.now() - t);
      // Baseline: the same three operations, each by a fresh OpenLDAP process (connect, TLS, bind, op).
      const op = add ? 'add' : 'delete';
      t = performance.now();
      await ldapsearchAsync(lab, 'admin', baselineDn, '(objectClass=*)', readAttrs, { scope: 'base' });
      await ldapmodifyAsync(lab, 'admin', modifyLdif(baselineDn, [{ op, attribute: 'proxyAddresses', values: [`smtp:bench.baseline@${lab.domain}`] }]));
      await ldapsearchAsync(lab, 'admin', baselineDn, '(objectClass=*)', readAttrs, { scope: 'base' });
      processes.push(performance.now() - t);
    }
  }
  const stored = parseLdif(await ldapsearchAsync(lab, 'admin', dn, '(objectClass=*)', ['proxyAddresses'], { scope: 'base' }))[0]?.attrs['proxyaddresses'] ?? [];
  if (stored.some((v) => v.includes('bench.'))) throw new Error('bench values left behind');
  console.log(`Apply one address change (re-read + value-level modify + read back), median of ${ours.length}:`);
  console.log(`  LdapDirectory (one reused LDAPS connection): ${fmt(median(ours))}`);
  console.log(`  ldapsearch + ldapmodify + ldapsearch processes: ${fmt(median(processes))}`);
  console.log(`  ratio ours/processes:                           ${(median(ours) / median(processes)).toFixed(2)}x`);
} finally {
  await directory.close();
}
