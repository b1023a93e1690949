// The diagnose commands' connection options, turned into the same ConnectionProfile the app uses:
//   --server HOST [--address IP] | --domain NAME [--dns IP[:PORT]]   --gc HOST
//   --user UPN|DOMAIN\user  --password P (or env ADDRESSDESK_PASSWORD)  --tls ldaps|starttls|none
//   --allow-plain  --ca FILE  --timeout SECONDS
//   --lab [--as admin|helpdesk]: the test lab from .lab/lab.json (options above override it)
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { connectionProfileSchema } from '../../../shared/model/connectionProfile.ts';
import type { ConnectionProfile, ConnectionProfileInput } from '../../../shared/model/connectionProfile.ts';
import { AppError } from '../../../shared/errors.ts';
import type { ParsedArgs } from '../cli/args.ts';

export const PROFILE_USAGE = `Connection options:
  --server HOST          a domain controller (its DNS name, as in its certificate)
  --dc-address IP        connect to this address but verify the certificate for --server
  --domain NAME          find domain controllers through DNS SRV records instead
  --dns IP[:PORT]        DNS server for the SRV lookups
  --gc HOST              Global Catalog (default: _gc._tcp SRV record, else the DC)
  --user NAME            user@domain or DOMAIN\\user
  --password P           or set ADDRESSDESK_PASSWORD
  --tls ldaps|starttls|none   (none needs --allow-plain)
  --ca FILE              PEM of the CA to trust
  --timeout SECONDS      per operation (default 20)
  --lab [--as admin|helpdesk]  the test lab in .lab/lab.json`;

/** The part of e2e/lab/labInfo.ts's LabInfo we read (that file is outside the node project). */
interface LabJson {
  domain: string;
  dc: { fqdn: string; address: string; caCertPath: string; dns: { address: string; port: number } | null };
  admin: { upn: string; password: string };
  helpdesk: { upn: string; password: string };
}

export const LAB_JSON_PATH = resolve(import.meta.dirname, '../../../.lab/lab.json');

export function labProfileInput(as: 'admin' | 'helpdesk' = 'admin', path = LAB_JSON_PATH): ConnectionProfileInput {
  if (!existsSync(path)) throw new AppError({ kind: 'validation', message: `${path} not found.`, hint: 'Start the lab with `npm run lab:up`.' });
  const lab = JSON.parse(readFileSync(path, 'utf8')) as LabJson;
  const account = lab[as];
  return {
    name: `Lab (${as})`,
    domain: lab.domain,
    dcHost: lab.dc.fqdn,
    dcAddress: lab.dc.address,
    gcHost: lab.dc.fqdn,
    gcAddress: lab.dc.address,
    tls: 'ldaps',
    user: account.upn,
    password: account.password,
    caPem: readFileSync(lab.dc.caCertPath, 'utf8'),
    ...(lab.dc.dns ? { dnsServer: `${lab.dc.dns.address}:${lab.dc.dns.port}` } : {}),
  };
}

export function profileFromArgs(args: ParsedArgs, env: NodeJS.ProcessEnv = process.env): ConnectionProfile {
  const as = args.get('as');
  if (as !== undefined && as !== 'admin' && as !== 'helpdesk') throw new AppError({ kind: 'validation', message: '--as must be admin or helpdesk.' });
  const input: Record<string, unknown> = args.flags.has('lab') ? { ...labProfileInput(as ?? 'admin') } : {};
  const set = (key: keyof ConnectionProfileInput, value: unknown) => {
    if (value !== undefined) input[key] = value;
  };
  if (args.get('server') !== undefined) {
    set('dcHost', args.get('server'));
    delete input['dcAddress'];
  }
  set('dcAddress', args.get('dc-address'));
  if (args.get('domain') !== undefined && !args.flags.has('lab')) {
    delete input['dcHost'];
  }
  set('domain', args.get('domain'));
  set('dnsServer', args.get('dns'));
  if (args.get('gc') !== undefined) {
    set('gcHost', args.get('gc'));
    delete input['gcAddress'];
  }
  set('user', args.get('user'));
  set('password', args.get('password') ?? (args.flags.has('lab') && !args.get('user') ? undefined : env['ADDRESSDESK_PASSWORD']));
  set('tls', args.get('tls'));
  if (args.flags.has('allow-plain')) input['allowPlain'] = true;
  const ca = args.get('ca');
  if (ca !== undefined) set('caPem', readFileSync(ca, 'utf8'));
  const timeout = args.get('timeout');
  if (timeout !== undefined) input['timeoutSeconds'] = Number(timeout);
  const parsed = connectionProfileSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError({
      kind: 'validation',
      message: `The connection options are incomplete: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'profile'}: ${i.message}`).join('; ')}`,
      hint: PROFILE_USAGE,
    });
  }
  return parsed.data;
}
