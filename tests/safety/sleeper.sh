#!/bin/sh
# A program for run --lab --exec that starts a child of its own and sleeps:
# neither may outlive the lab. Its arguments end with -i IFACE.
sleep 300 &
echo started > "$PKTSPEC_SLEEPER_MARK"
wait
