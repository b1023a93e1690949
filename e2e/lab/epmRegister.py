#!/usr/bin/python3
"""Registers (or removes) the System Attendant's interfaces in a lab host's endpoint mapper.

Samba's rpcd_epmapper (non-DC samba-dcerpcd) answers ept_map from <lock directory>/epmdb.tdb,
re-reading it on every request; ept_insert is not implemented, so we write the record directly.
Record layout (verified against rpcclient epmlookup/epmmap on Samba 4.17):
  key   = "<lower-case uuid>/0x%08x" % (major | minor << 16), NUL-terminated
  value = "<annotation>\\0ncacn_ip_tcp:[<port>]\\0"
ept_map compares uuid and major only, so we register minor 0. samba-dcerpcd wipes the file when
it starts: register again after every start.
Usage: /usr/bin/python3 epmRegister.py <epmdb.tdb> add|remove <port>
"""
import sys

import tdb

INTERFACES = [
    ('469d6ec0-0d87-11ce-b13f-00aa003bac6c', 16, 'Microsoft Exchange System Attendant Public Interface'),
    ('83d72bf0-0d89-11ce-b13f-00aa003bac6c', 6, 'Microsoft Exchange System Attendant Private Interface'),
]

path, action, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
db = tdb.Tdb(path, 0, tdb.DEFAULT, __import__('os').O_RDWR | __import__('os').O_CREAT, 0o600)
for uuid, major, annotation in INTERFACES:
    key = ('%s/0x%08x' % (uuid.lower(), major)).encode() + b'\0'
    if action == 'add':
        db.store(key, annotation.encode() + b'\0' + ('ncacn_ip_tcp:[%d]' % port).encode() + b'\0', tdb.REPLACE)
    elif action == 'remove':
        if db.get(key) is not None:
            db.delete(key)
    else:
        sys.exit('usage: epmRegister.py <epmdb.tdb> add|remove <port>')
db.close()
