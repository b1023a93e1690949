#!/usr/bin/python3
"""Prints a .reg file that sets the security descriptor of service MSExchangeSA on a lab host.

Samba's svcctl server reads a service's descriptor from
HKLM\\SYSTEM\\CurrentControlSet\\Services\\<name>\\Security, value "Security" (REG_BINARY,
self-relative SECURITY_DESCRIPTOR), when ROpenServiceW checks access ([MS-SCMR] 3.1.4.16).
`lab.sh fault scm-deny on` imports the administrators-only descriptor (as on Windows 2003 SP1
for a non-admin, KB 907460), `off` the default Samba wrote when it registered the service.
Usage: /usr/bin/python3 scmSd.py deny|default
"""
import sys

from samba.dcerpc import security
from samba.ndr import ndr_pack

SDDL = {
    # Samba 4.17's default for an rc.init service (exported from a fresh host): Everyone
    # 0x2018d (READ_CONTROL | QUERY_CONFIG | QUERY_STATUS | ENUMERATE_DEPENDENTS | INTERROGATE |
    # USER_DEFINED_CONTROL), Power Users 0x201fd, Server Operators and Administrators
    # SERVICE_ALL_ACCESS (0xf01ff).
    'default': 'D:(A;;0x2018d;;;WD)(A;;0x201fd;;;PU)(A;;0xf01ff;;;SO)(A;;0xf01ff;;;BA)',
    # Administrators and LocalSystem only: a non-admin's ROpenServiceW gets ERROR_ACCESS_DENIED (5).
    'deny': 'D:(A;;0xf01ff;;;BA)(A;;0xf01ff;;;SY)',
}

sd = security.descriptor.from_sddl(SDDL[sys.argv[1]], security.dom_sid('S-1-5-32'))
blob = ndr_pack(sd)
print('Windows Registry Editor Version 5.00\n')
print('[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeSA\\Security]')
print('"Security"=hex:' + ','.join('%02x' % b for b in blob))
print()  # net registry import ignores a last line without a line break after it
