#!/usr/bin/python3
"""A stand-in for the Exchange System Attendant's RPC endpoint in the AddressDesk lab.

Listens on <address>:<port> (ncacn_ip_tcp) and accepts DCE/RPC binds to the System Attendant
interfaces, which is all the original ADUC extension needs from it before it writes. Built on
impacket's DCERPCServer (an independent implementation), patched in this subclass:
  * the socket is rebound with SO_REUSEADDR (a quick restart must not fail on TIME_WAIT);
  * a bind to an interface it does not serve is answered with a proper bind_ack whose context
    result is provider_rejection / abstract_syntax_not_supported ([C706] 12.6.3.4, p_cont_def_result_t
    and p_provider_reason_t); stock impacket drops the connection instead;
  * a minor version mismatch is accepted ([C706] 12.6.3.4: the server accepts a client minor
    version <= its own for the same major);
  * each connection is served on its own thread (stock serves one at a time);
  * an unknown opnum gets a fault PDU with nca_s_op_rng_error ([C706] appendix E).
Usage: /usr/bin/python3 saServer.py <address> <port> [pidfile]
"""
import copy
import logging
import os
import socket
import struct
import sys
import threading
import uuid as uuidlib

from impacket.dcerpc.v5.rpcrt import (DCERPCServer, MSRPCBind, MSRPCBindAck, MSRPCHeader, CtxItem,
                                      CtxItemResult, MSRPC_BIND, MSRPC_BINDACK, MSRPC_REQUEST,
                                      MSRPC_ALTERCTX, MSRPC_ALTERCTX_R, MSRPC_FAULT, PFC_FIRST_FRAG,
                                      PFC_LAST_FRAG)

# (uuid, major, minor) served here: the System Attendant's public and private interfaces.
INTERFACES = [
    ('469d6ec0-0d87-11ce-b13f-00aa003bac6c', 16, 1),  # System Attendant Public Interface
    ('83d72bf0-0d89-11ce-b13f-00aa003bac6c', 6, 0),   # System Attendant Private Interface
]
NDR32 = uuidlib.UUID('8a885d04-1ceb-11c9-9fe8-08002b104860').bytes_le + struct.pack('<HH', 2, 0)
BTFN_PREFIX = uuidlib.UUID('6cb71c2c-9812-4540-0000-000000000000').bytes_le[:8]
RESULT_ACCEPT, RESULT_PROVIDER_REJECTION, RESULT_NEGOTIATE_ACK = 0, 2, 3
REASON_NONE, REASON_ABSTRACT_SYNTAX, REASON_TRANSFER_SYNTAXES = 0, 1, 2
NCA_S_OP_RNG_ERROR = 0x1C010002
NCA_S_UNKNOWN_IF = 0x1C010003

log = logging.getLogger('saServer')


def parse_syntax(raw):
    """20 bytes of p_syntax_id_t -> (uuid str, major, minor)."""
    u = str(uuidlib.UUID(bytes_le=raw[:16]))
    major, minor = struct.unpack('<HH', raw[16:20])
    return u, major, minor


class SystemAttendantServer(DCERPCServer):
    def __init__(self, address, port):
        DCERPCServer.__init__(self)
        self.daemon = True
        self._sock.close()
        self._listenAddress = address
        self._listenPort = port
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((address, port))
        self._assoc = 0x4DE0
        self._assoc_lock = threading.Lock()
        self._bound = set()
        # Kept for DCERPCServer.processRequest's lookups; callbacks per interface (none: the lab
        # proves the bind; calls get nca_s_op_rng_error).
        for u, major, minor in INTERFACES:
            self.addCallbacks((u, f'{major}.{minor}'), str(port), {})

    def run(self):
        self._sock.listen(32)
        while True:
            client, _addr = self._sock.accept()
            conn = copy.copy(self)  # per-connection state (_clientSock, bound contexts, call ids)
            conn._clientSock = client
            conn._bound = set()
            threading.Thread(target=conn.serve_connection, daemon=True).start()

    def serve_connection(self):
        try:
            while True:
                data = self.recv()
                if data is None:
                    break
                self.handle_pdu(data)
        except (OSError, struct.error, IndexError) as e:
            log.info('connection ended: %s', e)
        finally:
            self._clientSock.close()

    def handle_pdu(self, data):
        header = MSRPCHeader(data)
        ptype = header['type']
        if ptype in (MSRPC_BIND, MSRPC_ALTERCTX):
            self.bind_or_alter(header, MSRPCBind(header['pduData']),
                               MSRPC_BINDACK if ptype == MSRPC_BIND else MSRPC_ALTERCTX_R)
        elif ptype == MSRPC_REQUEST:
            ctx_id = struct.unpack('<H', header['pduData'][4:6])[0]
            status = NCA_S_OP_RNG_ERROR if ctx_id in self._bound else NCA_S_UNKNOWN_IF
            self.send_fault(header['call_id'], ctx_id, status)
        # Anything else (auth3, orphaned, co_cancel) needs no answer from an unauthenticated server.

    def bind_or_alter(self, header, bind, ptype):
        with self._assoc_lock:
            if bind['assoc_group'] == 0:
                self._assoc += 1
            assoc = bind['assoc_group'] or self._assoc
        resp = MSRPCBindAck()
        resp['type'] = ptype
        resp['flags'] = PFC_FIRST_FRAG | PFC_LAST_FRAG
        resp['call_id'] = header['call_id']
        resp['max_tfrag'] = min(bind['max_tfrag'], 5840)
        resp['max_rfrag'] = min(bind['max_rfrag'], 5840)
        resp['assoc_group'] = assoc
        # [C706] 12.6.3.4: sec_addr is the port string for ncacn_ip_tcp (empty for alter_context).
        resp['SecondaryAddr'] = str(self._listenPort).encode() if ptype == MSRPC_BINDACK else b''
        # impacket's SecondaryAddr field always writes a terminating NUL, so count it, also for the
        # empty sec_addr of an alter_context_resp; an uncounted NUL would shift the results list.
        resp['SecondaryAddrLen'] = len(resp['SecondaryAddr']) + 1
        items = b''
        rest = bind['ctx_items']
        count = 0
        for _ in range(bind['ctx_num']):
            item = CtxItem(rest)
            rest = rest[len(item):]
            result = CtxItemResult()
            abstract = parse_syntax(item['AbstractSyntax'])
            transfer = item['TransferSyntax']
            if transfer[:8] == BTFN_PREFIX:
                # Bind time feature negotiation ([MS-RPCE] 3.3.1.5.3): acknowledge, no features.
                result['Result'], result['Reason'] = RESULT_NEGOTIATE_ACK, 0
                result['TransferSyntax'] = b'\0' * 20
            elif not any(abstract[0] == u and abstract[1] == major and abstract[2] <= minor
                         for u, major, minor in INTERFACES):
                log.info('bind to unknown interface %s v%d.%d', *abstract)
                result['Result'], result['Reason'] = RESULT_PROVIDER_REJECTION, REASON_ABSTRACT_SYNTAX
                result['TransferSyntax'] = b'\0' * 20
            elif transfer != NDR32:
                result['Result'], result['Reason'] = RESULT_PROVIDER_REJECTION, REASON_TRANSFER_SYNTAXES
                result['TransferSyntax'] = b'\0' * 20
            else:
                result['Result'], result['Reason'] = RESULT_ACCEPT, REASON_NONE
                result['TransferSyntax'] = NDR32
                self._bound.add(item['ContextID'])
            items += result.getData()
            count += 1
        resp['ctx_num'] = count
        resp['Pad'] = b'\0' * ((4 - ((resp['SecondaryAddrLen'] + MSRPCBindAck._SIZE) % 4)) % 4)
        resp['ctx_items'] = items
        resp['frag_len'] = len(resp.getData())
        self._clientSock.sendall(resp.getData())

    def send_fault(self, call_id, ctx_id, status):
        # [C706] 12.6.4.7 fault PDU: common header, alloc_hint, p_cont_id, cancel_count, reserved,
        # status, reserved (4 octets).
        body = struct.pack('<LHBBLL', 0, ctx_id, 0, 0, status, 0)
        hdr = struct.pack('<BBBB4sHHL', 5, 0, MSRPC_FAULT, PFC_FIRST_FRAG | PFC_LAST_FRAG,
                          b'\x10\0\0\0', 16 + len(body), 0, call_id)
        self._clientSock.sendall(hdr + body)


def main():
    address, port = sys.argv[1], int(sys.argv[2])
    logging.basicConfig(level=logging.INFO, format='%(asctime)s %(message)s')
    server = SystemAttendantServer(address, port)
    if len(sys.argv) > 3:
        with open(sys.argv[3], 'w') as f:
            f.write(str(os.getpid()))
    log.info('System Attendant stand-in on %s:%d', address, port)
    server.run()


if __name__ == '__main__':
    main()
