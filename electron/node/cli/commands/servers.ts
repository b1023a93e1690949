// `npm run diagnose -- servers`: the Exchange servers the original would try, in its order.
import { formatWireLine, Transcript } from '../../../../shared/transcript.ts';
import { toErrorData } from '../../../../shared/errors.ts';
import { openLdapDirectory } from '../../ldap/ldapDirectory.ts';
import { PROFILE_USAGE, profileFromArgs } from '../../ldap/profileArgs.ts';
import type { ParsedArgs } from '../args.ts';

export const summary = 'List Exchange servers from the Configuration partition, oldest whenCreated first';
export const usage = `Usage: npm run diagnose -- servers [connection options] [--json] [--wire]

Searches CN=Microsoft Exchange,CN=Services,<Configuration> for (objectCategory=msExchExchangeServer)
and prints the servers in the order the original E-mail Addresses tab tries them.

${PROFILE_USAGE}`;

export async function run(args: ParsedArgs): Promise<number> {
  const transcript = new Transcript();
  try {
    const profile = profileFromArgs(args);
    const directory = await openLdapDirectory(profile, { transcript });
    try {
      const servers = await directory.listExchangeServers({ transcript });
      if (args.flags.has('wire')) for (const line of transcript.lines) console.log(formatWireLine(line));
      if (args.flags.has('json')) {
        console.log(JSON.stringify(servers, null, 2));
      } else {
        console.log(`${servers.length} Exchange server(s) under CN=Microsoft Exchange,CN=Services,${directory.rootDse.configurationNamingContext}:`);
        servers.forEach((s, i) => console.log(`  ${i + 1}. ${s.name.padEnd(16)} host ${s.host.padEnd(32)} created ${s.whenCreated}`));
      }
      return servers.length > 0 ? 0 : 1;
    } finally {
      await directory.close();
    }
  } catch (error) {
    const data = toErrorData(error);
    console.error(`servers: ${data.message}${data.hint ? `\n  ${data.hint.replace(/\n/g, '\n  ')}` : ''}`);
    return data.kind === 'validation' ? 2 : 1;
  }
}
