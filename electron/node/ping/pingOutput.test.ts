// Real outputs of each OS's ping. Linux ones were captured on this project's lab machine
// (iputils 20221126); macOS and Windows ones are the utilities' usual output, kept verbatim with
// their line endings (CRLF on Windows).
import { describe, expect, it } from 'vitest';
import { parsePingOutput, pingArgs, pingPlatform } from './pingOutput.ts';

const linuxAlive = `PING 10.250.0.10 (10.250.0.10) 56(84) bytes of data.
64 bytes from 10.250.0.10: icmp_seq=1 ttl=64 time=0.536 ms

--- 10.250.0.10 ping statistics ---
1 packets transmitted, 1 received, 0% packet loss, time 0ms
rtt min/avg/max/mdev = 0.536/0.536/0.536/0.000 ms
`;
const linuxAliveByName = `PING exch01.corp.example.test (10.250.0.11) 56(84) bytes of data.
64 bytes from exch01.corp.example.test (10.250.0.11): icmp_seq=1 ttl=64 time=0.081 ms

--- exch01.corp.example.test ping statistics ---
1 packets transmitted, 1 received, 0% packet loss, time 0ms
rtt min/avg/max/mdev = 0.081/0.081/0.081/0.000 ms
`;
const linuxLost = `PING 10.250.0.11 (10.250.0.11) 56(84) bytes of data.

--- 10.250.0.11 ping statistics ---
1 packets transmitted, 0 received, 100% packet loss, time 0ms

`;
const linuxUnreachable = `PING 10.250.0.14 (10.250.0.14) 56(84) bytes of data.
From 10.250.0.1 icmp_seq=1 Destination Host Unreachable

--- 10.250.0.14 ping statistics ---
1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms

`;
const linuxUnknown = 'ping: nohost.invalid: Name or service not known\n';

const macAlive = `PING 192.168.1.1 (192.168.1.1): 56 data bytes
64 bytes from 192.168.1.1: icmp_seq=0 ttl=64 time=3.128 ms

--- 192.168.1.1 ping statistics ---
1 packets transmitted, 1 packets received, 0.0% packet loss
round-trip min/avg/max/stddev = 3.128/3.128/3.128/nan ms
`;
const macLost = `PING 192.168.1.77 (192.168.1.77): 56 data bytes

--- 192.168.1.77 ping statistics ---
1 packets transmitted, 0 packets received, 100.0% packet loss
`;
const macUnknown = 'ping: cannot resolve nohost.invalid: Unknown host\n';

const winAlive =
  '\r\nPinging 192.168.1.1 with 32 bytes of data:\r\nReply from 192.168.1.1: bytes=32 time=2ms TTL=64\r\n\r\nPing statistics for 192.168.1.1:\r\n    Packets: Sent = 1, Received = 1, Lost = 0 (0% loss),\r\nApproximate round trip times in milli-seconds:\r\n    Minimum = 2ms, Maximum = 2ms, Average = 2ms\r\n';
const winAliveSub1 =
  '\r\nPinging exch01 [10.0.0.21] with 32 bytes of data:\r\nReply from 10.0.0.21: bytes=32 time<1ms TTL=128\r\n\r\nPing statistics for 10.0.0.21:\r\n    Packets: Sent = 1, Received = 1, Lost = 0 (0% loss),\r\nApproximate round trip times in milli-seconds:\r\n    Minimum = 0ms, Maximum = 0ms, Average = 0ms\r\n';
const winAliveGerman =
  '\r\nPing wird ausgeführt für 10.0.0.21 mit 32 Bytes Daten:\r\nAntwort von 10.0.0.21: Bytes=32 Zeit=3ms TTL=128\r\n\r\nPing-Statistik für 10.0.0.21:\r\n    Pakete: Gesendet = 1, Empfangen = 1, Verloren = 0\r\n    (0% Verlust),\r\n';
const winTimeout =
  '\r\nPinging 10.0.0.99 with 32 bytes of data:\r\nRequest timed out.\r\n\r\nPing statistics for 10.0.0.99:\r\n    Packets: Sent = 1, Received = 0, Lost = 1 (100% loss),\r\n';
const winUnreachable =
  '\r\nPinging 10.0.5.9 with 32 bytes of data:\r\nReply from 10.0.0.254: Destination host unreachable.\r\n\r\nPing statistics for 10.0.5.9:\r\n    Packets: Sent = 1, Received = 1, Lost = 0 (0% loss),\r\n';
const winUnknown = 'Ping request could not find host nohost.invalid. Please check the name and try again.\r\n';
const winIpv6 =
  '\r\nPinging ::1 with 32 bytes of data:\r\nReply from ::1: time<1ms \r\n\r\nPing statistics for ::1:\r\n    Packets: Sent = 1, Received = 1, Lost = 0 (0% loss),\r\n';

describe('ping arguments', () => {
  it('uses each OS utility\'s own flags and units', () => {
    expect(pingArgs('linux', '10.250.0.11', 1000)).toEqual(['-c', '1', '-W', '1', '10.250.0.11']);
    expect(pingArgs('linux', 'h', 2500)).toEqual(['-c', '1', '-W', '3', 'h']);
    expect(pingArgs('darwin', 'h', 2000)).toEqual(['-c', '1', '-t', '2', 'h']);
    expect(pingArgs('win32', 'h', 1500)).toEqual(['-n', '1', '-w', '1500', 'h']);
    expect(pingArgs('linux', 'h', 10)).toEqual(['-c', '1', '-W', '1', 'h']);
    expect([pingPlatform('linux'), pingPlatform('darwin'), pingPlatform('win32'), pingPlatform('freebsd')]).toEqual(['linux', 'darwin', 'win32', 'darwin']);
  });
});

describe('ping output', () => {
  it('reads Linux iputils output', () => {
    expect(parsePingOutput('linux', 'x', linuxAlive, 0)).toEqual({ alive: true, host: 'x', rttMs: 0.536, address: '10.250.0.10', ttl: 64 });
    expect(parsePingOutput('linux', 'x', linuxAliveByName, 0)).toMatchObject({ alive: true, rttMs: 0.081, address: '10.250.0.11' });
    expect(parsePingOutput('linux', 'x', linuxLost, 1)).toMatchObject({ alive: false, failure: 'timeout', detail: expect.stringContaining('0 received') });
    expect(parsePingOutput('linux', 'x', linuxUnreachable, 1)).toMatchObject({ alive: false, failure: 'unreachable', detail: 'From 10.250.0.1 icmp_seq=1 Destination Host Unreachable' });
    expect(parsePingOutput('linux', 'x', linuxUnknown, 2)).toMatchObject({ alive: false, failure: 'unknownHost' });
  });

  it('reads macOS output', () => {
    expect(parsePingOutput('darwin', 'x', macAlive, 0)).toEqual({ alive: true, host: 'x', rttMs: 3.128, address: '192.168.1.1', ttl: 64 });
    expect(parsePingOutput('darwin', 'x', macLost, 2)).toMatchObject({ alive: false, failure: 'timeout' });
    expect(parsePingOutput('darwin', 'x', macUnknown, 68)).toMatchObject({ alive: false, failure: 'unknownHost' });
  });

  it('reads Windows output, English and localised', () => {
    expect(parsePingOutput('win32', 'x', winAlive, 0)).toEqual({ alive: true, host: 'x', rttMs: 2, address: '192.168.1.1', ttl: 64 });
    expect(parsePingOutput('win32', 'x', winAliveSub1, 0)).toMatchObject({ alive: true, rttMs: 1, address: '10.0.0.21', ttl: 128 });
    expect(parsePingOutput('win32', 'x', winAliveGerman, 0)).toMatchObject({ alive: true, rttMs: 3, address: '10.0.0.21' });
    expect(parsePingOutput('win32', 'x', winIpv6, 0)).toMatchObject({ alive: true, rttMs: 1, address: '::1' });
    expect(parsePingOutput('win32', 'x', winTimeout, 1)).toMatchObject({ alive: false, failure: 'timeout', detail: 'Request timed out.' });
    // Exit code 0 and "Received = 1", yet no echo reply.
    expect(parsePingOutput('win32', 'x', winUnreachable, 0)).toMatchObject({ alive: false, failure: 'unreachable' });
    expect(parsePingOutput('win32', 'x', winUnknown, 1)).toMatchObject({ alive: false, failure: 'unknownHost' });
  });
});
