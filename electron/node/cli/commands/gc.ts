// `npm run diagnose -- gc --address smtp:x@y [--address ...]`: the forest-wide uniqueness check
// the app runs before adding addresses, with the owner of any match.
import { formatWireLine, Transcript } from '../../../../shared/transcript.ts';
import { toErrorData } from '../../../../shared/errors.ts';
import { openLdapDirectory } from '../../ldap/ldapDirectory.ts';
import type { UniquenessMode } from '../../ldap/ldapDirectory.ts';
import { PROFILE_USAGE, profileFromArgs } from '../../ldap/profileArgs.ts';
import type { ParsedArgs } from '../args.ts';

export const summary = 'Check on the Global Catalog whether addresses are already used, and by whom';
export const usage = `Usage: npm run diagnose -- gc --address TYPE:ADDRESS [--address ...] [--exclude DN]
                             [--mode auto|gc|domains] [connection options] [--json] [--wire]

Searches the Global Catalog (base "" = the whole forest) with one equality filter per address
(case- and prefix-insensitive) in a single query. When the schema does not put proxyAddresses on
the GC (isMemberOfPartialAttributeSet), every domain is searched on its DC instead (--mode auto).
Exit code: 0 all free, 1 an address is in use or the check failed, 2 bad usage.

${PROFILE_USAGE}`;

export async function run(args: ParsedArgs): Promise<number> {
  const addresses = args.all('address');
  if (addresses.length === 0) {
    console.error('gc: give at least one --address TYPE:ADDRESS\n');
    console.error(usage);
    return 2;
  }
  const mode = (args.get('mode') ?? 'auto') as UniquenessMode;
  if (!['auto', 'gc', 'domains'].includes(mode)) {
    console.error('gc: --mode must be auto, gc or domains');
    return 2;
  }
  const transcript = new Transcript();
  try {
    const profile = profileFromArgs(args);
    const directory = await openLdapDirectory(profile, { transcript });
    try {
      const started = performance.now();
      const report = await directory.checkAddresses(addresses, { transcript, mode, ...(args.get('exclude') ? { excludeDn: args.get('exclude')! } : {}) });
      const ms = performance.now() - started;
      if (args.flags.has('wire')) for (const line of transcript.lines) console.log(formatWireLine(line));
      if (args.flags.has('json')) {
        console.log(JSON.stringify(report, null, 2));
      } else {
        const where = report.method === 'gc' ? 'the Global Catalog' : `each domain on its DC (${report.searchedBases.join('; ')})`;
        console.log(`Checked ${addresses.length} address(es) on ${where} in ${ms.toFixed(0)} ms; proxyAddresses in the GC partial attribute set: ${report.partialAttributeSet ? 'yes' : 'no'}`);
        if (report.warning) console.log(`Note: ${report.warning}`);
        for (const address of addresses) {
          const holders = report.holders.filter((h) => h.address === address);
          if (holders.length === 0) console.log(`  free    ${address}`);
          for (const h of holders) console.log(`  IN USE  ${address}  stored as ${h.storedValue} on ${h.displayName} (${h.dn})`);
        }
      }
      return report.holders.length === 0 ? 0 : 1;
    } finally {
      await directory.close();
    }
  } catch (error) {
    const data = toErrorData(error);
    console.error(`gc: ${data.message}${data.hint ? `\n  ${data.hint.replace(/\n/g, '\n  ')}` : ''}`);
    return data.kind === 'validation' ? 2 : 1;
  }
}
