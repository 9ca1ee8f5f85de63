/* The bench's bare sender: one 60-byte frame (or the frame in argv) sent
 * count times by sendmmsg, optionally with PACKET_QDISC_BYPASS, or through a
 * PACKET_TX_RING. The floor pktspec's sending is measured against.
 * usage: wire_loop IFACE COUNT [mmsg|bypass|ring] [PCAP: its first frame] */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

static unsigned char frame[2048] = {
    0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00,
    0x45, 0x00, 0x00, 0x2e, 0x00, 0x01, 0x00, 0x00, 0x40, 0x11, 0xf3, 0x7e,
    198, 19, 0, 1, 198, 19, 0, 2, 0x04, 0xd2, 0x00, 0x09, 0x00, 0x1a, 0x00, 0x00};
static size_t frame_len = 60;

/* The first frame of a pcap file (24-byte header, 16-byte record header). */
static int load_pcap(const char *path)
{
    FILE *f = fopen(path, "rb");
    unsigned char hdr[40];
    if (!f || fread(hdr, 1, 40, f) != 40)
        return -1;
    size_t len = (size_t)hdr[32] | (size_t)hdr[33] << 8 | (size_t)hdr[34] << 16;
    if (len > sizeof frame || fread(frame, 1, len, f) != len)
        return -1;
    fclose(f);
    frame_len = len;
    return 0;
}

static int ring_send(int fd, long count)
{
    struct tpacket_req req = {.tp_block_size = 1 << 16, .tp_block_nr = 64,
                              .tp_frame_size = 2048};
    req.tp_frame_nr = req.tp_block_size / req.tp_frame_size * req.tp_block_nr;
    int v = TPACKET_V2;
    if (setsockopt(fd, SOL_PACKET, PACKET_VERSION, &v, sizeof v) < 0 ||
        setsockopt(fd, SOL_PACKET, PACKET_TX_RING, &req, sizeof req) < 0)
        return perror("tx ring"), -1;
    size_t size = (size_t)req.tp_block_size * req.tp_block_nr;
    unsigned char *ring = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (ring == MAP_FAILED)
        return perror("mmap"), -1;
    long sent = 0;
    unsigned at = 0;
    while (sent < count) {
        struct tpacket2_hdr *h = (void *)(ring + (size_t)at * req.tp_frame_size);
        if (h->tp_status != TP_STATUS_AVAILABLE) {
            if (send(fd, NULL, 0, 0) < 0) /* kick, then wait for room */
                return perror("send"), -1;
            struct pollfd p = {.fd = fd, .events = POLLOUT};
            poll(&p, 1, 10);
            continue;
        }
        memcpy((unsigned char *)h + TPACKET2_HDRLEN - sizeof(struct sockaddr_ll), frame,
               frame_len);
        h->tp_len = (unsigned)frame_len;
        h->tp_status = TP_STATUS_SEND_REQUEST;
        at = (at + 1) % req.tp_frame_nr;
        if (++sent % 256 == 0)
            send(fd, NULL, 0, MSG_DONTWAIT);
    }
    send(fd, NULL, 0, 0);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return fprintf(stderr, "usage: wire_loop IFACE COUNT [mmsg|bypass|ring]\n"), 2;
    long count = atol(argv[2]);
    const char *mode = argc > 3 ? argv[3] : "mmsg";
    if (argc > 4 && load_pcap(argv[4]) < 0)
        return fprintf(stderr, "wire_loop: cannot read a frame from %s\n", argv[4]), 1;
    int fd = socket(AF_PACKET, SOCK_RAW, 0);
    struct sockaddr_ll sll = {.sll_family = AF_PACKET, .sll_ifindex = (int)if_nametoindex(argv[1])};
    if (fd < 0 || bind(fd, (struct sockaddr *)&sll, sizeof sll) < 0)
        return perror("socket"), 1;
    int one = 1;
    if (strcmp(mode, "mmsg") != 0)
        setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof one);
    if (strcmp(mode, "ring") == 0)
        return ring_send(fd, count) < 0;
    enum { B = 1024 };
    static struct mmsghdr m[B];
    static struct iovec iov;
    iov.iov_base = frame;
    iov.iov_len = frame_len;
    for (int i = 0; i < B; i++) {
        m[i].msg_hdr.msg_iov = &iov;
        m[i].msg_hdr.msg_iovlen = 1;
    }
    long sent = 0;
    while (sent < count) {
        unsigned k = count - sent < B ? (unsigned)(count - sent) : B;
        int n = sendmmsg(fd, m, k, 0);
        if (n < 0) {
            usleep(50);
            continue;
        }
        sent += n;
    }
    return 0;
}
