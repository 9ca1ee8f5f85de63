/* libFuzzer harness: any bytes, as a frame of each link type pktspec knows
 * (and one it does not), through the decoder and every printer: summary,
 * show, repr, command, ls, json into a buffer (checking snprintf's
 * contract with a short one too) and hexdump into /dev/null. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "linktype.h"
#include "print.h"

static int summary_printer(const struct ps_packet *pkt, char *out, size_t cap)
{
    return ps_summary(pkt, out, cap);
}

static int json_printer(const struct ps_packet *pkt, char *out, size_t cap)
{
    return ps_json(pkt, "\"packet\": 1", out, cap);
}

static const ps_packet_printer printers[] = {
    summary_printer, ps_show, ps_repr, ps_command, ps_ls_packet, json_printer,
};

static const int linktypes[] = {
    PS_DLT_EN10MB, PS_DLT_IPV4, PS_DLT_RAW, PS_DLT_RAW_ALT, PS_DLT_NULL, PS_DLT_LINUX_SLL, 147,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The harness's own scratch: a decoded packet is ~100 KB. */
    static struct ps_packet pkt;
    static struct ps_layer subs[40];
    static char text[1 << 21], small[48];
    static FILE *devnull;
    if (!devnull && !(devnull = fopen("/dev/null", "w")))
        abort();
    if (size > PS_MAX_FRAME)
        size = PS_MAX_FRAME;
    /* An exact copy, so that a read past the frame is an ASan finding. */
    uint8_t *frame = malloc(size ? size : 1);
    if (!frame)
        return 0;
    memcpy(frame, data, size);
    for (size_t t = 0; t < sizeof linktypes / sizeof linktypes[0]; t++) {
        struct ps_decode_room room = {.subs = subs, .subs_cap = 40};
        ps_decode(frame, size, linktypes[t], &pkt, &room);
        for (size_t p = 0; p < sizeof printers / sizeof printers[0]; p++) {
            int n = printers[p](&pkt, text, sizeof text);
            int k = printers[p](&pkt, small, sizeof small);
            if (n < 0 || k != n || (size_t)n >= sizeof text || strlen(text) != (size_t)n ||
                strncmp(small, text, sizeof small - 1) != 0)
                abort();
            fputs(text, devnull);
        }
        ps_print_to(devnull, ps_show, &pkt);
    }
    ps_hexdump(devnull, frame, size);
    free(frame);
    return 0;
}
