// The lab's description, written by `npm run lab:up` to .lab/lab.json and read by tests,
// benchmarks and `diagnose --lab`. Keep this type and lab.sh in step.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const LAB_JSON = resolve(import.meta.dirname, '../../.lab/lab.json');

export interface LabAccount {
  /** sAMAccountName, e.g. "Administrator". */
  user: string;
  /** "CORP\\user" */
  downLevel: string;
  /** "user@corp.example.test" */
  upn: string;
  password: string;
  dn: string;
}

export interface LabExchangeHost {
  /** NetBIOS-style name, e.g. "EXCH01"; also the server object's cn. */
  name: string;
  /** e.g. "exch01.corp.example.test", resolvable inside the lab via /etc/netns and lab.json. */
  fqdn: string;
  /** The host's address in its network namespace (reachable from the root namespace). */
  address: string;
  /** `ip netns` name. */
  namespace: string;
  /** DN of its msExchExchangeServer object. */
  serverDn: string;
  /** ISO 8601 whenCreated of the server object. */
  whenCreated: string;
  /** The port the System Attendant's interface is registered at in this host's endpoint mapper. */
  saPort: number;
  /** A local administrator of this host (SCM queries allowed). */
  admin: { user: string; domain: string; password: string };
  /** Added by the lab: true once smbd, samba-dcerpcd and the SA stand-in answer. */
  ready?: boolean;
  /** Added by the lab: smbd has `server signing = mandatory` (EXCH02). */
  signingRequired?: boolean;
  /** Added by the lab: the host's smb.conf (for `net -s`, debugging). */
  smbConf?: string;
}

export interface LabInfo {
  domain: string; // corp.example.test
  netbiosDomain: string; // CORP
  baseDn: string; // DC=corp,DC=example,DC=test
  configurationDn: string; // CN=Configuration,DC=corp,DC=example,DC=test
  dc: {
    name: string; // e.g. DC01
    fqdn: string;
    address: string;
    ldapPort: number; // 389
    ldapsPort: number; // 636
    gcPort: number; // 3268
    gcsPort: number; // 3269
    epmPort: number; // 135
    smbPort: number; // 445
    /** A DNS server that answers the domain's SRV records, or null if the lab has none. */
    dns: { address: string; port: number } | null;
    /** PEM file of the CA that signed the DC's TLS certificate (Samba's self-signed CA). */
    caCertPath: string;
    /** Added by the lab: `ip netns` name of the DC (adlab-dc). */
    namespace?: string;
    /** Added by the lab: the DC's smb.conf. */
    smbConf?: string;
  };
  admin: LabAccount;
  /** Non-admin: may write proxyAddresses, is not an administrator on the Exchange hosts. */
  helpdesk: LabAccount;
  exchangeHosts: LabExchangeHost[]; // in whenCreated order, oldest first
  systemAttendant: { uuid: string; major: number; minor: number };
  users: {
    count: number;
    ouDns: string[];
    /** A user with more than 1,500 proxyAddresses. */
    rangeUserDn: string;
    rangeUserValueCount: number;
    /** Two users that already share an address. */
    collidingUserDns: [string, string];
    collidingAddress: string;
    /** Added by the lab: users seeded with msExchPoliciesExcluded = POLICY_EXCLUDED_GUID. */
    policyExcludedUserDns?: string[];
  };
  /** Absolute path of the lab control script (fault controls: `lab.sh fault <name> <on|off> [host]`). */
  controlScript: string;
  /** Added by the lab: false while lab.json describes the DC only (hosts still starting). */
  hostsReady?: boolean;
  /** Added by the lab: the root namespace's side of the lab network. */
  bridge?: { name: string; address: string; cidr: string };
  domainSid?: string;
  /** Added by the lab: smb.conf for Samba client tools in the root namespace (smbclient -s ...). */
  clientSmbConf?: string;
  /** Added by the lab: faults this kernel supports beyond the always-available ones. */
  faultsAvailable?: { latency: boolean };
}

/** Reads .lab/lab.json, or returns null when the lab has not been started. */
export function readLabInfo(): LabInfo | null {
  if (!existsSync(LAB_JSON)) return null;
  return JSON.parse(readFileSync(LAB_JSON, 'utf8')) as LabInfo;
}
