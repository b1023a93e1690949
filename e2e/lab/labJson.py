#!/usr/bin/python3
"""Prints .lab/lab.json (the LabInfo of e2e/lab/labInfo.ts) from the seed facts and host state.
Usage: /usr/bin/python3 labJson.py <repo root>
"""
import json
import os
import sys

ROOT = sys.argv[1]
LAB = os.path.join(ROOT, '.lab')
DOMAIN = 'corp.example.test'
BASE = 'DC=corp,DC=example,DC=test'
ADMIN_PASS = 'Adlab-Admin-2026'
HELPDESK_PASS = 'Adlab-Helpdesk-2026'
ADDRESSES = {'EXCH01': '10.250.0.11', 'EXCH02': '10.250.0.12', 'EXCH03': '10.250.0.13'}
# Hosts whose smbd requires signing (`server signing = mandatory`); keep in step with hosts.sh.
SIGNING_REQUIRED = {'EXCH02'}
SA_PORT = 4560

seed = json.load(open(os.path.join(LAB, 'seed.json')))


def iso(gt):
    # 20261203163400.0Z -> 2026-12-03T16:34:00Z
    return f'{gt[0:4]}-{gt[4:6]}-{gt[6:8]}T{gt[8:10]}:{gt[10:12]}:{gt[12:14]}Z'


def account(user, password, dn):
    return {'user': user, 'downLevel': f'CORP\\{user}', 'upn': f'{user}@{DOMAIN}',
            'password': password, 'dn': dn}


hosts = []
for s in seed['servers']:
    name = s['name']
    short = name.lower()
    ready = os.path.exists(os.path.join(LAB, 'hosts', short, 'ready'))
    hosts.append({
        'name': name,
        'fqdn': f'{short}.{DOMAIN}',
        'address': ADDRESSES[name],
        'namespace': f'adlab-{short}',
        'serverDn': s['dn'],
        'whenCreated': iso(s['whenCreated']),
        'saPort': SA_PORT,
        'admin': {'user': 'Administrator', 'domain': 'CORP', 'password': ADMIN_PASS},
        # Added fields (not in the original LabInfo): host state and SMB policy.
        'ready': ready,
        'signingRequired': name in SIGNING_REQUIRED,
        'smbConf': os.path.join(LAB, 'hosts', short, 'smb.conf'),
    })

info = {
    'domain': DOMAIN,
    'netbiosDomain': 'CORP',
    'baseDn': BASE,
    'configurationDn': 'CN=Configuration,' + BASE,
    'dc': {
        'name': 'DC01',
        'fqdn': 'dc01.' + DOMAIN,
        'address': '10.250.0.10',
        'ldapPort': 389,
        'ldapsPort': 636,
        'gcPort': 3268,
        'gcsPort': 3269,
        'epmPort': 135,
        'smbPort': 445,
        'dns': {'address': '10.250.0.10', 'port': 53},
        'caCertPath': os.path.join(LAB, 'dc', 'private', 'tls', 'ca.pem'),
        'namespace': 'adlab-dc',
        'smbConf': os.path.join(LAB, 'dc', 'etc', 'smb.conf'),
    },
    'admin': account('Administrator', ADMIN_PASS, f'CN=Administrator,CN=Users,{BASE}'),
    'helpdesk': account('helpdesk1', HELPDESK_PASS, seed['helpdeskDn']),
    'exchangeHosts': hosts,
    'systemAttendant': {'uuid': '469d6ec0-0d87-11ce-b13f-00aa003bac6c', 'major': 16, 'minor': 1},
    'users': {
        'count': seed['userCount'],
        'ouDns': seed['ouDns'],
        'rangeUserDn': seed['rangeUserDn'],
        'rangeUserValueCount': seed['rangeUserValueCount'],
        'collidingUserDns': seed['collidingUserDns'],
        'collidingAddress': seed['collidingAddress'],
        'policyExcludedUserDns': seed['excludedUserDns'],
    },
    'controlScript': os.path.join(ROOT, 'e2e', 'lab', 'lab.sh'),
    'hostsReady': all(h['ready'] for h in hosts),
    'bridge': {'name': 'adlab0', 'address': '10.250.0.1', 'cidr': '10.250.0.0/24'},
    'domainSid': seed['domainSid'],
    # smb.conf for Samba client tools in the root namespace (smbclient/rpcclient -s ...).
    'clientSmbConf': os.path.join(LAB, 'client', 'smb.conf'),
    'faultsAvailable': {'latency': os.path.exists('/sys/module/sch_netem')},
}
print(json.dumps(info, indent=2))
