#include "lab_wait.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ps_lab_wait_parse(const char *text, struct ps_lab_wait *out, char *err, size_t errcap)
{
    const char *slash = strchr(text, '/');
    bool tcp = slash && slash - text == 3 && strncmp(text, "tcp", 3) == 0;
    bool udp = slash && slash - text == 3 && strncmp(text, "udp", 3) == 0;
    char *end = NULL;
    long port = slash ? strtol(slash + 1, &end, 10) : 0;
    if (!(tcp || udp) || !end || *end || end == slash + 1 || port < 1 || port > 65535) {
        snprintf(err, errcap, "--lab-peer-wait takes tcp/PORT or udp/PORT (as tcp/8080), "
                 "not '%s'", text);
        return -1;
    }
    out->udp = udp;
    out->port = (uint16_t)port;
    return 0;
}

/* A table of /proc/net: a line whose local port is the one, in the state
 * (hex) wanted: 0A a TCP listener, 07 a bound UDP socket. */
static bool in_table(const char *path, uint16_t port, unsigned state)
{
    FILE *f = fopen(path, "re");
    if (!f)
        return false;
    char line[512];
    bool found = false;
    if (!fgets(line, sizeof line, f)) { /* the header */
        fclose(f);
        return false;
    }
    while (!found && fgets(line, sizeof line, f)) {
        char local[64];
        unsigned st;
        if (sscanf(line, " %*[0-9]: %63s %*s %x", local, &st) != 2)
            continue;
        const char *colon = strrchr(local, ':');
        found = colon && strtoul(colon + 1, NULL, 16) == port && st == state;
    }
    fclose(f);
    return found;
}

bool ps_lab_wait_ready(const struct ps_lab_wait *w)
{
    const char *v4 = w->udp ? "/proc/net/udp" : "/proc/net/tcp";
    const char *v6 = w->udp ? "/proc/net/udp6" : "/proc/net/tcp6";
    unsigned state = w->udp ? 0x07 : 0x0A;
    return in_table(v4, w->port, state) || in_table(v6, w->port, state);
}
