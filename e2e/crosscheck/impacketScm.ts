// Test helper (lab tests only): the same SCM query made by an independent client, impacket's
// dcerpc.v5.scmr over its own SMB stack, so our answers can be compared with another
// implementation's. Returns the service state, or the error code impacket saw.
import { spawnSync } from 'node:child_process';

export type ImpacketScmAnswer = { state: number } | { error: number; text: string };

const SCRIPT = String.raw`
import sys, json
from impacket.dcerpc.v5 import transport, scmr
from impacket.smbconnection import SessionError
host, domain, user, password, machine, service = sys.argv[1:7]
try:
    t = transport.SMBTransport(host, 445, r'\svcctl', username=user, password=password, domain=domain)
    t.set_connect_timeout(5)
    d = t.get_dce_rpc(); d.connect(); d.bind(scmr.MSRPC_UUID_SCMR)
    m = scmr.hROpenSCManagerW(d, '\\\\' + machine + '\x00', dwDesiredAccess=4)['lpScHandle']
    s = scmr.hROpenServiceW(d, m, service + '\x00', 4)['lpServiceHandle']
    st = scmr.hRQueryServiceStatus(d, s)['lpServiceStatus']['dwCurrentState']
    scmr.hRCloseServiceHandle(d, s); scmr.hRCloseServiceHandle(d, m)
    print(json.dumps({'state': st}))
except Exception as e:
    code = e.getErrorCode() if hasattr(e, 'getErrorCode') else getattr(e, 'error_code', None)
    if code is None: code = -1
    print(json.dumps({'error': code & 0xffffffff if code >= 0 else code, 'text': str(e)}))
`;

export function impacketScmQuery(host: string, domain: string, user: string, password: string, machine: string, service: string): ImpacketScmAnswer {
  const r = spawnSync('/usr/bin/python3', ['-c', SCRIPT, host, domain, user, password, machine, service], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`impacket cross-check failed: ${r.stderr || r.error?.message}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as ImpacketScmAnswer;
}
