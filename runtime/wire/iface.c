#include "iface.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

static void read_mac(struct ps_iface *out)
{
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return;
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    memcpy(ifr.ifr_name, out->name, sizeof ifr.ifr_name);
    if (ioctl(fd, SIOCGIFHWADDR, &ifr) == 0 && ifr.ifr_hwaddr.sa_family == 1 /* ARPHRD_ETHER */) {
        memcpy(out->mac, ifr.ifr_hwaddr.sa_data, 6);
        out->has_mac = true;
    }
    close(fd);
}

int ps_iface_get(const char *name, struct ps_iface *out, char *err, size_t errcap)
{
    memset(out, 0, sizeof *out);
    if (strlen(name) >= sizeof out->name || !(out->index = (int)if_nametoindex(name))) {
        snprintf(err, errcap, "no interface named '%s'", name);
        return -1;
    }
    strcpy(out->name, name);
    read_mac(out);
    struct ifaddrs *all;
    if (getifaddrs(&all) < 0)
        return 0;
    bool global6 = false;
    for (struct ifaddrs *a = all; a; a = a->ifa_next) {
        if (!a->ifa_addr || strcmp(a->ifa_name, name) != 0)
            continue;
        if (a->ifa_addr->sa_family == AF_INET && !out->has_ip4) {
            memcpy(out->ip4, &((struct sockaddr_in *)a->ifa_addr)->sin_addr, 4);
            out->has_ip4 = true;
            if (a->ifa_broadaddr)
                memcpy(out->bcast4, &((struct sockaddr_in *)a->ifa_broadaddr)->sin_addr, 4);
        } else if (a->ifa_addr->sa_family == AF_INET6 && !global6) {
            const uint8_t *ip = ((struct sockaddr_in6 *)a->ifa_addr)->sin6_addr.s6_addr;
            bool link_local = ip[0] == 0xfe && (ip[1] & 0xc0) == 0x80;
            if (!out->has_ip6 || !link_local) {
                memcpy(out->ip6, ip, 16);
                out->has_ip6 = true;
                global6 = !link_local;
            }
        }
    }
    freeifaddrs(all);
    return 0;
}
