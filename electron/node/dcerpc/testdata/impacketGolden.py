#!/usr/bin/python3
# Prints golden bytes produced by impacket (an independent DCE/RPC implementation) for the
# codec tests in ../*.test.ts and ../interfaces/*.test.ts. Run: /usr/bin/python3 impacketGolden.py
# The hex strings are pasted into the tests; rerun this to check them.
from struct import pack
from impacket.dcerpc.v5 import epm, rpcrt
from impacket.dcerpc.v5.rpcrt import (MSRPCHeader, MSRPCBind, MSRPCBindAck, MSRPCBindNak, CtxItem, CtxItemResult,
    MSRPCRequestHeader, MSRPCRespHeader, MSRPC_BIND, MSRPC_BINDACK, MSRPC_BINDNAK, MSRPC_ALTERCTX, MSRPC_ALTERCTX_R,
    MSRPC_FAULT, PFC_FIRST_FRAG, PFC_LAST_FRAG)
from impacket.uuid import uuidtup_to_bin
import socket

NDR = uuidtup_to_bin(('8a885d04-1ceb-11c9-9fe8-08002b104860', '2.0'))

def out(name, data):
    print('%s %s' % (name, data.hex()))

def bind(ptype, iface, call_id, ctx_id=0):
    b = MSRPCBind()
    b['max_tfrag'] = 0x16d0
    b['max_rfrag'] = 0x16d0
    b['assoc_group'] = 0
    item = CtxItem()
    item['ContextID'] = ctx_id
    item['TransItems'] = 1
    item['AbstractSyntax'] = uuidtup_to_bin(iface)
    item['TransferSyntax'] = NDR
    b.addCtxItem(item)
    h = MSRPCHeader()
    h['type'] = ptype
    h['flags'] = PFC_FIRST_FRAG | PFC_LAST_FRAG
    h['call_id'] = call_id
    h['pduData'] = b.getData()
    return h.get_packet()

# MSRPCHeader(type=MSRPC_BIND, call_id=1, pduData=MSRPCBind(max 0x16d0, ctx 0 = EPM v3.0 / NDR 2.0))
out('bind_epm', bind(MSRPC_BIND, ('e1af8308-5d1f-11c9-91a4-08002b14a0fa', '3.0'), 1))
# alter_context for the System Attendant v16.1, call 2, context 1
out('alter_sa', bind(MSRPC_ALTERCTX, ('469d6ec0-0d87-11ce-b13f-00aa003bac6c', '16.1'), 2, 1))

def ack(ptype, secondary, results, call_id, assoc):
    a = MSRPCBindAck()
    a['type'] = ptype
    a['flags'] = PFC_FIRST_FRAG | PFC_LAST_FRAG
    a['call_id'] = call_id
    a['max_tfrag'] = 0x16d0
    a['max_rfrag'] = 0x16d0
    a['assoc_group'] = assoc
    a['SecondaryAddr'] = secondary
    a['SecondaryAddrLen'] = len(secondary) + 1 if secondary else 0
    a['Pad'] = b'\x00' * ((4 - ((a['SecondaryAddrLen'] + 26) % 4)) % 4)
    a['ctx_num'] = len(results)
    items = b''
    for (res, reason, syntax) in results:
        r = CtxItemResult()
        r['Result'] = res
        r['Reason'] = reason
        r['TransferSyntax'] = syntax
        items += r.getData()
    a['ctx_items'] = items
    a['frag_len'] = 0
    data = a.getData()
    data = data[:8] + pack('<H', len(data)) + data[10:]
    return data

# MSRPCBindAck(call 1, assoc 0x4de1, SecondaryAddr "135", accepted NDR)
out('bindack_epm', ack(MSRPC_BINDACK, b'135', [(0, 0, NDR)], 1, 0x4de1))
# MSRPCBindAck(call 1, assoc 0x1234, SecondaryAddr "4560", provider_rejection / abstract_syntax_not_supported)
out('bindack_reject', ack(MSRPC_BINDACK, b'4560', [(2, 1, b'\x00' * 20)], 1, 0x1234))
# alter_context_resp (call 2, no secondary address, accepted)
out('altresp', ack(MSRPC_ALTERCTX_R, b'', [(0, 0, NDR)], 2, 0x4de1))

# MSRPCHeader(type=MSRPC_BINDNAK, pduData=MSRPCBindNak(RejectedReason=4) + versions [5.0])
h = MSRPCHeader(); h['type'] = MSRPC_BINDNAK; h['call_id'] = 1
n = MSRPCBindNak(); n['RejectedReason'] = 4; n['SupportedVersions'] = b'\x01\x05\x00'
h['pduData'] = n.getData()
# impacket pads pduData to 4 bytes after the header; a bind_nak has no such padding on the wire.
nak = h.getData()
out('bindnak', nak[:16 + 5])

# MSRPCRequestHeader(call 2, ctx 0, opnum 3, pduData 8 bytes)
r = MSRPCRequestHeader(); r['call_id'] = 2; r['op_num'] = 3; r['ctx_id'] = 0
r['pduData'] = bytes(range(8)); r['alloc_hint'] = 8
out('request', r.get_packet())
# MSRPCRespHeader(call 2, ctx 0, pduData 8 bytes)
r = MSRPCRespHeader(); r['call_id'] = 2; r['type'] = rpcrt.MSRPC_RESPONSE
r['pduData'] = bytes(range(8, 16)); r['alloc_hint'] = 8
out('response', r.get_packet())
# MSRPCRespHeader(type=MSRPC_FAULT, call 2, pduData = status nca_s_op_rng_error + reserved)
r = MSRPCRespHeader(); r['call_id'] = 2; r['type'] = MSRPC_FAULT
r['pduData'] = pack('<LL', 0x1c010002, 0); r['alloc_hint'] = 0
out('fault', r.get_packet())

# epm.EPMTower for the System Attendant v16.1 over ncacn_ip_tcp, 0.0.0.0:135, as hept_map builds it
def tower(iface, port, ip):
    t = epm.EPMTower()
    i = epm.EPMRPCInterface(); raw = uuidtup_to_bin(iface)
    i['InterfaceUUID'] = raw[:16]; i['MajorVersion'] = int(iface[1].split('.')[0]); i['MinorVersion'] = int(iface[1].split('.')[1])
    d = epm.EPMRPCDataRepresentation(); d['DataRepUuid'] = NDR[:16]; d['MajorVersion'] = 2; d['MinorVersion'] = 0
    p = epm.EPMProtocolIdentifier(); p['ProtIdentifier'] = epm.FLOOR_RPCV5_IDENTIFIER
    pa = epm.EPMPortAddr(); pa['IpPort'] = port
    ha = epm.EPMHostAddr(); ha['Ip4addr'] = socket.inet_aton(ip)
    t['NumberOfFloors'] = 5
    t['Floors'] = i.getData() + d.getData() + p.getData() + pa.getData() + ha.getData()
    return t.getData()

sa = ('469d6ec0-0d87-11ce-b13f-00aa003bac6c', '16.1')
out('tower_sa_query', tower(sa, 135, '0.0.0.0'))
out('tower_sa_4560', tower(sa, 4560, '172.29.13.38'))

# epm.ept_map() request stub as hept_map(..., protocol='ncacn_ip_tcp') builds it, but with the
# deterministic referent ids 0x20000 / 0x20004, query port 135 and max_towers 4.
req = epm.ept_map()
q = tower(sa, 135, '0.0.0.0')
req['max_towers'] = 4
req['map_tower']['tower_length'] = len(q)
req['map_tower']['tower_octet_string'] = q
req.fields['obj'].fields['ReferentID'] = 0x20000
req.fields['map_tower'].fields['ReferentID'] = 0x20004
out('ept_map_request', req.getData())

# epm.ept_mapResponse with one tower (SA at 172.29.13.38:4560) and status 0
resp = epm.ept_mapResponse()
resp['num_towers'] = 1
t4560 = tower(sa, 4560, '172.29.13.38')
item = epm.twr_p_t(); item['tower_length'] = len(t4560); item['tower_octet_string'] = t4560
item.fields['ReferentID'] = 3
resp['ITowers'] = [item]
resp.fields['ITowers'].fields['MaximumCount'] = 4
resp['status'] = 0
out('ept_map_response', resp.getData())
# ept_mapResponse with no towers and status ept_s_not_registered
resp = epm.ept_mapResponse()
resp['num_towers'] = 0
resp['ITowers'] = []
resp.fields['ITowers'].fields['MaximumCount'] = 4
resp['status'] = 0x16c9a0d6
out('ept_map_not_registered', resp.getData())
