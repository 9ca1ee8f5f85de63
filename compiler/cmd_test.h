/* pktspec test [PATH...]: every spec under the paths, each in a lab of its
 * own, as one TAP stream (and one JUnit file). */
#ifndef PS_CMD_TEST_H
#define PS_CMD_TEST_H

/* argv as main's (argv[1] is "test"); the exit status, the worst of the
 * specs' (3 > 2 > 1 > 0), or 2 for a usage error. */
int ps_cmd_test(int argc, char **argv, const char *usage, const char *help);

#endif
