// The Training directory's seed: a small, realistic organisation for demonstrations.
// Deterministic, so a reset always restores exactly the same data.
import { POLICY_EXCLUDED_GUID } from '../../../shared/model/directory.ts';

export const TRAINING_DOMAIN = 'corp.example.test';
export const TRAINING_BASE_DN = 'DC=corp,DC=example,DC=test';

export interface TrainingUser {
  dn: string;
  displayName: string;
  samAccountName: string;
  mail: string | null;
  proxyAddresses: string[];
  policyExcluded: string[];
  legacyExchangeDN: string | null;
  whenChanged: string;
}

export interface TrainingServer {
  dn: string;
  name: string;
  networkAddress: string[];
  whenCreated: string;
}

export interface TrainingData {
  version: 1;
  users: TrainingUser[];
  servers: TrainingServer[];
}

const OUS = ['Sales', 'Engineering', 'Finance', 'Helpdesk', 'Marketing', 'Legal'] as const;

// [given, surname, ou index]
const PEOPLE: ReadonlyArray<readonly [string, string, number]> = [
  ['Ada', 'Lovelace', 1], ['Alan', 'Turing', 1], ['Grace', 'Hopper', 1], ['Edsger', 'Dijkstra', 1],
  ['Barbara', 'Liskov', 1], ['Ken', 'Thompson', 1], ['Margaret', 'Hamilton', 1], ['Dennis', 'Ritchie', 1],
  ['Maria', 'Garcia', 0], ['James', 'Smith', 0], ['Priya', 'Patel', 0], ['Chen', 'Wei', 0],
  ['Olivia', 'Brown', 0], ['Liam', 'Johnson', 0], ['Sofia', 'Rossi', 0], ['Noah', 'Williams', 0],
  ['Emma', 'Jones', 2], ['Lucas', 'Martin', 2], ['Hannah', 'Schmidt', 2], ['Mateo', 'Lopez', 2],
  ['Aisha', 'Khan', 2], ['Yuki', 'Tanaka', 2], ['Oliver', 'Taylor', 3], ['Amelia', 'Wilson', 3],
  ['Ethan', 'Davies', 3], ['Chloe', 'Evans', 3], ['John', 'Doe', 3], ['Jane', 'Doe', 3],
  ['Fatima', 'Ali', 4], ['Henrik', 'Larsen', 4], ['Isabella', 'Moretti', 4], ['Kwame', 'Mensah', 4],
  ['Lena', 'Fischer', 4], ['Mohammed', 'Haddad', 4], ['Nora', 'Berg', 5], ['Oscar', 'Nilsson', 5],
  ['Paula', 'Silva', 5], ['Rafael', 'Costa', 5], ['Sara', 'Cohen', 5], ['Tomás', 'Novák', 5],
  ['Zoë', 'Müller', 1], ['Seán', "O'Brien", 0], ['Ingrid', 'Johansson', 2], ['Dmitri', 'Volkov', 1],
];

function ascii(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]/g, '');
}

export function createSeed(): TrainingData {
  const usedAccounts = new Set<string>();
  const users: TrainingUser[] = PEOPLE.map(([given, surname, ouIndex], i) => {
    const ou = OUS[ouIndex]!;
    const local = `${ascii(given)}.${ascii(surname)}`.toLowerCase();
    // sAMAccountName is unique in a domain: a second J. Doe becomes jdoe2, as admins usually do.
    const base = `${ascii(given)[0]}${ascii(surname)}`.toLowerCase().slice(0, 18);
    let sam = base;
    for (let n = 2; usedAccounts.has(sam); n++) sam = `${base}${n}`;
    usedAccounts.add(sam);
    const displayName = `${given} ${surname}`;
    const primary = `${local}@${TRAINING_DOMAIN}`;
    const proxyAddresses = [
      `SMTP:${primary}`,
      `smtp:${sam}@${TRAINING_DOMAIN}`,
      `X400:c=US;a= ;p=Corp;o=Exchange;s=${ascii(surname)};g=${ascii(given)};`,
    ];
    if (i % 3 === 0) proxyAddresses.push(`smtp:${local}@sales.${TRAINING_DOMAIN}`.replace('sales.', `${ou.toLowerCase()}.`));
    if (i % 4 === 1) proxyAddresses.push(`X500:/o=Corp/ou=First Administrative Group/cn=Recipients/cn=${sam}`);
    if (i % 5 === 2) proxyAddresses.push(`SIP:${primary}`);
    if (i % 7 === 3) proxyAddresses.push(`FAX:+1 555 0100 ${String(100 + i)}`);
    const policyExcluded = i % 6 === 5 ? [POLICY_EXCLUDED_GUID] : [];
    return {
      dn: `CN=${displayName},OU=${ou},${TRAINING_BASE_DN}`,
      displayName,
      samAccountName: sam,
      mail: primary,
      proxyAddresses,
      policyExcluded,
      legacyExchangeDN: `/o=Corp/ou=First Administrative Group/cn=Recipients/cn=${sam}`,
      whenChanged: new Date(Date.UTC(2026, 0, 5, 9, 0, i)).toISOString(),
    };
  });
  // A shared mailbox and a user without any address, so both edge cases can be shown.
  users.push({
    dn: `CN=Helpdesk Mailbox,OU=Helpdesk,${TRAINING_BASE_DN}`,
    displayName: 'Helpdesk Mailbox',
    samAccountName: 'helpdesk',
    mail: `helpdesk@${TRAINING_DOMAIN}`,
    proxyAddresses: [`SMTP:helpdesk@${TRAINING_DOMAIN}`, `smtp:support@${TRAINING_DOMAIN}`, `smtp:servicedesk@${TRAINING_DOMAIN}`],
    policyExcluded: [POLICY_EXCLUDED_GUID],
    legacyExchangeDN: '/o=Corp/ou=First Administrative Group/cn=Recipients/cn=helpdesk',
    whenChanged: new Date(Date.UTC(2026, 0, 6)).toISOString(),
  });
  users.push({
    dn: `CN=New Starter,OU=Sales,${TRAINING_BASE_DN}`,
    displayName: 'New Starter',
    samAccountName: 'nstarter',
    mail: null,
    proxyAddresses: [],
    policyExcluded: [],
    legacyExchangeDN: null,
    whenChanged: new Date(Date.UTC(2026, 0, 7)).toISOString(),
  });

  const serversBase = `CN=Servers,CN=First Administrative Group,CN=Administrative Groups,CN=First Organization,CN=Microsoft Exchange,CN=Services,CN=Configuration,${TRAINING_BASE_DN}`;
  // Listed out of age order on purpose: discovery must sort by whenCreated, oldest first.
  const servers: TrainingServer[] = [
    { name: 'EXCH01', whenCreated: '2004-03-02T10:15:00.000Z' },
    { name: 'EXCH02', whenCreated: '2003-11-20T08:30:00.000Z' },
    { name: 'EXCH03', whenCreated: '2006-07-14T16:45:00.000Z' },
  ].map(({ name, whenCreated }) => ({
    dn: `CN=${name},${serversBase}`,
    name,
    networkAddress: [`ncacn_ip_tcp:${name.toLowerCase()}.${TRAINING_DOMAIN}`, `ncacn_nb_nb:${name}`],
    whenCreated,
  }));

  return { version: 1, users, servers };
}
