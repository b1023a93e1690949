#!/usr/bin/python3
"""Extends the freshly provisioned lab DC with the Exchange part of the schema and seeds it.

Runs against <targetdir>/private/sam.ldb while the DC is stopped (Samba's own SamDB module with
`dsdb:schema update allowed`, as Exchange's /forestprep would over LDAP). Deterministic: no
randomness; the only clock-dependent values are whenCreated of the Exchange server objects, which
are created one after another with a pause so their order is known. Prints facts as JSON.
Usage: /usr/bin/python3 dcSeed.py <provision targetdir>
"""
import json
import sys
import time

import samba
from samba.auth import system_session
from samba.param import LoadParm
from samba.samdb import SamDB
from samba.sd_utils import SDUtils
from samba.dcerpc import security
from samba.ndr import ndr_unpack

TARGET = sys.argv[1]
DOMAIN = 'corp.example.test'
BASE = 'DC=corp,DC=example,DC=test'
CONFIG = 'CN=Configuration,' + BASE
SCHEMA = 'CN=Schema,' + CONFIG
EXCHANGE = 'CN=Microsoft Exchange,CN=Services,' + CONFIG
ORG = 'CN=First Organization,' + EXCHANGE
ADMIN_GROUP = 'CN=First Administrative Group,CN=Administrative Groups,' + ORG
SERVERS = 'CN=Servers,' + ADMIN_GROUP
HELPDESK_PASS = 'Adlab-Helpdesk-2026'
POLICY_EXCLUDED = '{26491CFC-9E50-4857-861B-0CB8DF22B5D7}'
# Microsoft's documented arc for locally generated schema OIDs; ours end in .50001.
OID = '1.2.840.113556.1.8000.2554.50001'
# whenCreated order, oldest first (not alphabetical on purpose).
CREATE_ORDER = ['EXCH02', 'EXCH03', 'EXCH01']
RANGE_VALUES = 1600

lp = LoadParm()
lp.load(TARGET + '/etc/smb.conf')
lp.set('dsdb:schema update allowed', 'true')
db = SamDB(url=TARGET + '/private/sam.ldb', session_info=system_session(), lp=lp)


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def schema_refresh():
    db.modify_ldif('dn:\nchangetype: modify\nadd: schemaUpdateNow\nschemaUpdateNow: 1\n')


def ldif(*blocks):
    db.add_ldif('\n\n'.join(b.strip('\n') for b in blocks) + '\n')


def guid_of(ldap_name):
    res = db.search(SCHEMA, scope=samba.ldb.SCOPE_ONELEVEL,
                    expression='(lDAPDisplayName=%s)' % ldap_name, attrs=['schemaIDGUID'])
    from samba.dcerpc import misc
    return str(ndr_unpack(misc.GUID, res[0]['schemaIDGUID'][0]))


# ------------------------------------------------------------------ schema
t0 = time.time()
ldif(f'''
dn: CN=ms-Exch-Policies-Excluded,{SCHEMA}
objectClass: attributeSchema
cn: ms-Exch-Policies-Excluded
lDAPDisplayName: msExchPoliciesExcluded
attributeID: {OID}.2.1
attributeSyntax: 2.5.5.12
oMSyntax: 64
isSingleValued: FALSE
rangeUpper: 40
searchFlags: 0
isMemberOfPartialAttributeSet: TRUE
''')
schema_refresh()


def container_class(cn, ldap_name, n, superiors, may=()):
    lines = [f'dn: CN={cn},{SCHEMA}', 'objectClass: classSchema', f'cn: {cn}',
             f'lDAPDisplayName: {ldap_name}', f'governsID: {OID}.1.{n}', 'subClassOf: container',
             'objectClassCategory: 1', f'defaultObjectCategory: CN={cn},{SCHEMA}',
             # As Exchange's classes: admins full control, Authenticated Users may read (ADUC
             # lists the servers as the signed-in helpdesk user).
             'defaultSecurityDescriptor: D:(A;;RPWPCRCCDCLCLORCWOWDSDDTSW;;;DA)'
             '(A;;RPWPCRCCDCLCLORCWOWDSDDTSW;;;EA)(A;;RPWPCRCCDCLCLORCWOWDSDDTSW;;;SY)(A;;RPLCLORC;;;AU)']
    lines += [f'possSuperiors: {s}' for s in superiors]
    lines += [f'mayContain: {m}' for m in may]
    return '\n'.join(lines)


# Each class names its superior explicitly, so the chain mirrors Exchange 2003's configuration tree.
# msExchConfigurationContainer (CN=Microsoft Exchange) is already in AD's base schema.
ldif(container_class('ms-Exch-Organization-Container', 'msExchOrganizationContainer', 2, ['msExchConfigurationContainer']))
schema_refresh()
ldif(container_class('ms-Exch-Admin-Group-Container', 'msExchAdminGroupContainer', 3, ['msExchOrganizationContainer']))
schema_refresh()
ldif(container_class('ms-Exch-Admin-Group', 'msExchAdminGroup', 4, ['msExchAdminGroupContainer']))
schema_refresh()
ldif(container_class('ms-Exch-Servers-Container', 'msExchServersContainer', 5, ['msExchAdminGroup']))
schema_refresh()
ldif(container_class('ms-Exch-Exchange-Server', 'msExchExchangeServer', 6, ['msExchServersContainer'],
                     may=['networkAddress', 'serialNumber']))
schema_refresh()
# Exchange puts proxyAddresses into the partial attribute set (so a GC returns it) and lets users
# carry msExchPoliciesExcluded (the "Automatically update e-mail addresses" check box).
db.modify_ldif(f'''dn: CN=Proxy-Addresses,{SCHEMA}
changetype: modify
replace: isMemberOfPartialAttributeSet
isMemberOfPartialAttributeSet: TRUE
''')
db.modify_ldif(f'''dn: CN=User,{SCHEMA}
changetype: modify
add: mayContain
mayContain: msExchPoliciesExcluded
''')
schema_refresh()
log('schema extended in %.1f s' % (time.time() - t0))

# ------------------------------------------------------------------ configuration + servers
ldif(f'''
dn: {EXCHANGE}
objectClass: msExchConfigurationContainer
cn: Microsoft Exchange

dn: {ORG}
objectClass: msExchOrganizationContainer
cn: First Organization

dn: CN=Administrative Groups,{ORG}
objectClass: msExchAdminGroupContainer
cn: Administrative Groups

dn: {ADMIN_GROUP}
objectClass: msExchAdminGroup
cn: First Administrative Group

dn: {SERVERS}
objectClass: msExchServersContainer
cn: Servers
''')

servers = []
for i, name in enumerate(CREATE_ORDER):
    if i:
        time.sleep(1.2)  # whenCreated has one-second resolution
    fqdn = name.lower() + '.' + DOMAIN
    dn = f'CN={name},{SERVERS}'
    # networkAddress as Exchange 2003 writes it: one value per RPC protocol sequence.
    ldif(f'''
dn: {dn}
objectClass: msExchExchangeServer
cn: {name}
serialNumber: Version 6.5 (Build 7638.2: Service Pack 2)
networkAddress: netbios:{name}
networkAddress: ncacn_np:{name}
networkAddress: ncacn_nb_nb:{name}
networkAddress: ncacn_ip_tcp:{fqdn}
''')
    wc = str(db.search(dn, scope=samba.ldb.SCOPE_BASE, attrs=['whenCreated'])[0]['whenCreated'][0])
    servers.append({'name': name, 'dn': dn, 'whenCreated': wc})
    log(f'server {name} whenCreated {wc}')

# DNS A records for the hosts, so a client that resolves the networkAddress names through the DC's
# DNS (the app in the root namespace) finds them too.
from samba.provision.sambadns import add_host_record
ZONE = f'DC={DOMAIN},CN=MicrosoftDNS,DC=DomainDnsZones,{BASE}'
for name, ip in (('exch01', '10.250.0.11'), ('exch02', '10.250.0.12'), ('exch03', '10.250.0.13')):
    add_host_record(db, ZONE, f'DC={name}', ip, None)

# ------------------------------------------------------------------ helpdesk + rights
db.newuser('helpdesk1', HELPDESK_PASS, givenname='Help', surname='Desk One',
           mailaddress='helpdesk1@' + DOMAIN)
helpdesk_dn = f'CN=helpdesk1,CN=Users,{BASE}'
hd_sid = str(ndr_unpack(security.dom_sid, db.search(helpdesk_dn, scope=samba.ldb.SCOPE_BASE,
                                                    attrs=['objectSid'])[0]['objectSid'][0]))
user_guid = guid_of('user')
aces = ''.join(f'(OA;CI;RPWP;{guid_of(a)};{user_guid};{hd_sid})'
               for a in ('proxyAddresses', 'mail', 'msExchPoliciesExcluded'))
# Inheritable object ACEs on the domain head: apply to every user object created below it
# (protected accounts such as Administrator keep AdminSDHolder's descriptor, as in real AD).
SDUtils(db).dacl_add_ace(BASE, aces)
log('helpdesk ACEs: ' + aces)

# ------------------------------------------------------------------ users
FIRST = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David',
         'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas',
         'Sarah', 'Charles', 'Karen', 'Christopher', 'Lisa', 'Daniel', 'Nancy', 'Matthew',
         'Betty', 'Anthony', 'Margaret', 'Mark', 'Sandra', 'Sofia', 'Lukas', 'Amelie', 'Jonas',
         'Ines', 'Mateo', 'Chloe', 'Kenji', 'Aiko', 'Olga']
LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis',
        'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas',
        'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris',
        'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Mueller', 'Schmidt', 'Dubois',
        'Rossi', 'Tanaka', 'Novak', 'Kowalski', 'Jansen', "O'Brien", 'Nguyen']
OUS = ['Sales', 'Engineering', 'Finance', 'Operations', 'Human Resources']
USERS_PER_OU = 44  # 5 x 44 = 220
ou_dns = [f'OU={ou},OU=Staff,{BASE}' for ou in OUS]

blocks = [f'dn: OU=Staff,{BASE}\nobjectClass: organizationalUnit\nou: Staff']
blocks += [f'dn: {dn}\nobjectClass: organizationalUnit\nou: {ou}' for dn, ou in zip(ou_dns, OUS)]
seen = set()
user_count = 0
excluded_dns = []
for o, ou in enumerate(OUS):
    for k in range(USERS_PER_OU):
        n = o * USERS_PER_OU + k
        first = FIRST[n % len(FIRST)]
        last = LAST[(n * 7 + n // len(FIRST)) % len(LAST)]
        clean_last = last.replace("'", '')
        sam = (first[0] + clean_last).lower()
        if sam in seen:
            sam = f'{sam}{n}'
        seen.add(sam)
        local = f'{first}.{clean_last}'.lower() if sam.isalpha() else f'{first}.{clean_last}{n}'.lower()
        cn = f'{first} {last}' + ('' if sam.isalpha() else f' {n}')
        dn = f'CN={cn},{ou_dns[o]}'
        mail = f'{local}@{DOMAIN}'
        lines = [f'dn: {dn}', 'objectClass: user', f'sAMAccountName: {sam}', f'givenName: {first}',
                 f'sn: {last}', f'displayName: {cn}', f'userPrincipalName: {sam}@{DOMAIN}',
                 f'department: {ou}', f'mail: {mail}',
                 f'proxyAddresses: SMTP:{mail}',
                 f'proxyAddresses: smtp:{sam}@{DOMAIN}',
                 f'proxyAddresses: X400:c=US;a= ;p=First Organizati;o=Exchange;s={clean_last};g={first};',
                 f'proxyAddresses: X500:/o=First Organization/ou=First Administrative Group/cn=Recipients/cn={sam}']
        if n % 3 == 0:
            lines.append(f'proxyAddresses: smtp:{local}@example.com')
        if n % 4 == 1:
            lines.append(f'proxyAddresses: SIP:{mail}')
        if n % 6 == 2:
            lines.append(f'proxyAddresses: NOTES:{first} {clean_last}/Corp@Corp')
        if n % 5 == 3:
            lines.append(f'msExchPoliciesExcluded: {POLICY_EXCLUDED}')
            excluded_dns.append(dn)
        blocks.append('\n'.join(lines))
        user_count += 1

# One mailbox with more addresses than a single LDAP read returns from AD (range retrieval: 1,500).
range_dn = f'CN=Range Mailbox,{ou_dns[3]}'
rl = [f'dn: {range_dn}', 'objectClass: user', 'sAMAccountName: rangembx', 'givenName: Range',
      'sn: Mailbox', 'displayName: Range Mailbox', f'mail: range.mailbox@{DOMAIN}',
      f'proxyAddresses: SMTP:range.mailbox@{DOMAIN}']
rl += [f'proxyAddresses: smtp:alias{i:04d}@{DOMAIN}' for i in range(1, RANGE_VALUES)]
blocks.append('\n'.join(rl))
user_count += 1

# Two users that already collide: both carry the same secondary address (a data error AddressDesk
# must report, not create).
collide_addr = f'smtp:sales.team@{DOMAIN}'
collide = [f'CN=Sales Desk A,{ou_dns[0]}', f'CN=Sales Desk B,{ou_dns[0]}']
for i, dn in enumerate(collide):
    tag = 'ab'[i]
    blocks.append('\n'.join([f'dn: {dn}', 'objectClass: user', f'sAMAccountName: salesdesk{tag}',
                             'givenName: Sales', f'sn: Desk {tag.upper()}',
                             f'displayName: Sales Desk {tag.upper()}',
                             f'mail: sales.desk.{tag}@{DOMAIN}',
                             f'proxyAddresses: SMTP:sales.desk.{tag}@{DOMAIN}',
                             f'proxyAddresses: {collide_addr}']))
    user_count += 1

t1 = time.time()
ldif(*blocks)
log('%d users in %.1f s' % (user_count, time.time() - t1))

domain_sid = str(db.get_domain_sid())
print(json.dumps({
    'servers': servers,
    'ouDns': ou_dns,
    'userCount': user_count,
    'rangeUserDn': range_dn,
    'rangeUserValueCount': RANGE_VALUES,
    'collidingUserDns': collide,
    'collidingAddress': collide_addr,
    'excludedUserDns': excluded_dns,
    'helpdeskDn': helpdesk_dn,
    'helpdeskSid': hd_sid,
    'domainSid': domain_sid,
    'schemaGuids': {a: guid_of(a) for a in ('proxyAddresses', 'mail', 'msExchPoliciesExcluded', 'user')},
}, indent=2))
