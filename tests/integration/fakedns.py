#!/usr/bin/env python3
"""A tiny DNS server for tests: answers A queries for the names given on the command line
(UDP and TCP, TTL 5), NXDOMAIN for other names, an empty answer for other record types.

usage: fakedns.py LISTEN_IP[:PORT] READY_FILE NAME=IPV4...
PORT is 53 unless given (a system resolver can only use 53; the agent's test-only upstream
variable can name any port). READY_FILE is created once both sockets are bound."""
import socket
import struct
import sys
import threading


def answer(query, table):
    if len(query) < 12:
        return None
    tid, _flags, qdcount = struct.unpack('>HHH', query[:6])
    if qdcount != 1:
        return None
    i, labels = 12, []
    while i < len(query) and query[i]:
        n = query[i]
        labels.append(query[i + 1:i + 1 + n].decode('ascii', 'replace'))
        i += 1 + n
    if i + 5 > len(query):
        return None
    qtype, _qclass = struct.unpack('>HH', query[i + 1:i + 5])
    question = query[12:i + 5]
    ip = table.get('.'.join(labels).lower().rstrip('.'))
    if ip is None:
        return struct.pack('>HHHHHH', tid, 0x8183, 1, 0, 0, 0) + question
    if qtype != 1:
        return struct.pack('>HHHHHH', tid, 0x8180, 1, 0, 0, 0) + question
    record = b'\xc0\x0c' + struct.pack('>HHIH', 1, 1, 5, 4) + socket.inet_aton(ip)
    return struct.pack('>HHHHHH', tid, 0x8180, 1, 1, 0, 0) + question + record


def serve_udp(sock, table):
    while True:
        data, peer = sock.recvfrom(4096)
        reply = answer(data, table)
        if reply:
            sock.sendto(reply, peer)


def serve_tcp(sock, table):
    while True:
        conn, _ = sock.accept()
        with conn:
            head = conn.recv(2)
            if len(head) == 2:
                (size,) = struct.unpack('>H', head)
                data = b''
                while len(data) < size:
                    chunk = conn.recv(size - len(data))
                    if not chunk:
                        break
                    data += chunk
                reply = answer(data, table)
                if reply:
                    conn.sendall(struct.pack('>H', len(reply)) + reply)


def main():
    listen, ready = sys.argv[1], sys.argv[2]
    port = 53
    if ':' in listen:
        listen, port = listen.rsplit(':', 1)
        port = int(port)
    table = {}
    for arg in sys.argv[3:]:
        name, ip = arg.split('=', 1)
        table[name.lower().rstrip('.')] = ip
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind((listen, port))
    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    tcp.bind((listen, port))
    tcp.listen(16)
    threading.Thread(target=serve_tcp, args=(tcp, table), daemon=True).start()
    open(ready, 'w').close()
    serve_udp(udp, table)


if __name__ == '__main__':
    main()
