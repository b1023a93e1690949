#!/usr/bin/python3
"""Independent-client probes for the lab self-tests (impacket, not AddressDesk code).
Every command prints one JSON object and exits 0; protocol failures are data, not exit codes.
  probe.py scm  <host> <user> <password> [service]     -> {"state": 4} | {"error": 5, ...}
  probe.py epm  <host> <uuid> <major.minor>            -> {"binding": "...", "port": 4560} | {"error": ...}
  probe.py bind <host> <port> <uuid> <major.minor>     -> {"bound": true} | {"bound": false, "reason": ...}
  probe.py smb  <host> <user> <password>               -> {"dialect": ..., "signingRequired": ...}
Domain is CORP; timeouts are short so a dropped port reports instead of hanging.
"""
import json
import sys

from impacket.dcerpc.v5 import epm, scmr, transport
from impacket.dcerpc.v5.rpcrt import DCERPCException
from impacket.smbconnection import SMBConnection, SessionError
from impacket.uuid import uuidtup_to_bin

TIMEOUT = 5


def out(obj):
    print(json.dumps(obj))
    sys.exit(0)


def error_of(e):
    code = getattr(e, 'error_code', None)
    if code is None and isinstance(e, SessionError):
        code = e.getErrorCode()
    return {'error': code, 'message': str(e), 'type': type(e).__name__}


def scm(host, user, password, service='MSExchangeSA'):
    t = transport.DCERPCTransportFactory(r'ncacn_np:%s[\pipe\svcctl]' % host)
    t.set_credentials(user, password, 'CORP')
    t.set_connect_timeout(TIMEOUT)
    try:
        d = t.get_dce_rpc()
        d.connect()
        d.bind(scmr.MSRPC_UUID_SCMR)
        # The original's calls: ROpenSCManagerW (0x4), ROpenServiceW (0x4), RQueryServiceStatus.
        sc = scmr.hROpenSCManagerW(d, '\\\\%s\x00' % host, 'ServicesActive\x00', 0x4)['lpScHandle']
        svc = scmr.hROpenServiceW(d, sc, service + '\x00', 0x4)['lpServiceHandle']
        st = scmr.hRQueryServiceStatus(d, svc)['lpServiceStatus']
        scmr.hRCloseServiceHandle(d, svc)
        scmr.hRCloseServiceHandle(d, sc)
        out({'state': st['dwCurrentState']})
    except Exception as e:  # noqa: BLE001 - report every failure as data
        out(error_of(e))


def epm_map(host, uuid, version):
    try:
        binding = epm.hept_map(host, uuidtup_to_bin((uuid, version)), protocol='ncacn_ip_tcp')
        out({'binding': binding, 'port': int(binding.split('[')[1].rstrip(']'))})
    except Exception as e:  # noqa: BLE001
        out(error_of(e))


def bind(host, port, uuid, version):
    t = transport.DCERPCTransportFactory('ncacn_ip_tcp:%s[%s]' % (host, port))
    t.set_connect_timeout(TIMEOUT)
    try:
        d = t.get_dce_rpc()
        d.connect()
    except Exception as e:  # noqa: BLE001
        out(error_of(e))
    try:
        d.bind(uuidtup_to_bin((uuid, version)))
        out({'bound': True})
    except DCERPCException as e:
        out({'bound': False, 'reason': str(e)})


def smb(host, user, password):
    try:
        c = SMBConnection(host, host, sess_port=445, timeout=TIMEOUT)
        signing = c.isSigningRequired()
        c.login(user, password, 'CORP')
        dialect = c.getDialect()
        c.connectTree('IPC$')
        c.logoff()
        out({'dialect': hex(dialect) if isinstance(dialect, int) else str(dialect),
             'signingRequired': bool(signing)})
    except Exception as e:  # noqa: BLE001
        out(error_of(e))


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    {'scm': scm, 'epm': epm_map, 'bind': bind, 'smb': smb}[cmd](*args)


if __name__ == '__main__':
    main()
