#!/bin/sh
# dnsmasq in the lab's peer (tests/lab/dns_records.pkt): a TXT record of three
# character-strings, and DNSSEC records served as their rdata in hex
# (--dns-rr): DNSKEY (flags SZ, protocol 3, algorithm 13), DS (keytag 0x1a2b,
# algorithm 13, digest type 2), NSEC (next z.lab.example., types TXT DS
# NSEC DNSKEY), NSEC3 (SHA-1, opt-out, 10 iterations, salt aabbccdd, hash
# 010203, types A RRSIG) and NSEC3PARAM (SHA-1, 5 iterations, salt abcd).
# dnsmasq forks into the background once its socket is bound.
exec dnsmasq --conf-file=/dev/null --no-resolv --no-hosts --pid-file= --port=53 \
    --listen-address=198.18.0.2 --bind-interfaces --user=root --group=root \
    --txt-record=lab.example,"hello","DNS","!" \
    --dns-rr=lab.example,48,0101030d0102030405060708 \
    --dns-rr=lab.example,43,1a2b0d020a0b0c0d \
    --dns-rr=lab.example,47,017a036c6162076578616d706c6500000700008000001180 \
    --dns-rr=lab.example,50,0101000a04aabbccdd030102030006400000000002 \
    --dns-rr=lab.example,51,0100000502abcd
