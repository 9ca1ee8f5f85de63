/* Classic BPF run in user space on a frame read from a file, as libpcap's
 * bpf_filter() runs it (pcap_offline_filter): the reader filters with it,
 * in pktspec and in a probe alike. A load past the captured bytes, a
 * division by zero or a jump out of the program drops the frame. */
#include "bpf_prog.h"

#include <stdbool.h>
#include <stdlib.h>

static uint32_t get(const uint8_t *p, uint32_t at, unsigned size)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v = v << 8 | p[at + i];
    return v;
}

static bool alu(uint16_t op, uint32_t *a, uint32_t v)
{
    switch (op) {
    case BPF_ADD: *a += v; break;
    case BPF_SUB: *a -= v; break;
    case BPF_MUL: *a *= v; break;
    case BPF_DIV: if (!v) return false; *a /= v; break;
    case BPF_MOD: if (!v) return false; *a %= v; break;
    case BPF_AND: *a &= v; break;
    case BPF_OR: *a |= v; break;
    case BPF_XOR: *a ^= v; break;
    case BPF_LSH: *a = v < 32 ? *a << v : 0; break;
    case BPF_RSH: *a = v < 32 ? *a >> v : 0; break;
    case BPF_NEG: *a = -*a; break;
    default: return false;
    }
    return true;
}

static bool jump(uint16_t op, uint32_t a, uint32_t v)
{
    switch (op) {
    case BPF_JEQ: return a == v;
    case BPF_JGT: return a > v;
    case BPF_JGE: return a >= v;
    case BPF_JSET: return (a & v) != 0;
    }
    return false;
}

unsigned ps_bpf_run(const struct sock_fprog *prog, const uint8_t *p, size_t caplen,
                    size_t wirelen)
{
    uint32_t a = 0, x = 0, mem[BPF_MEMWORDS] = {0};
    static const unsigned sizes[] = {[BPF_W >> 3] = 4, [BPF_H >> 3] = 2, [BPF_B >> 3] = 1};
    for (size_t pc = 0; pc < prog->len; pc++) {
        const struct sock_filter *in = &prog->filter[pc];
        uint16_t cls = BPF_CLASS(in->code);
        if (cls == BPF_LD || cls == BPF_LDX) {
            uint32_t v;
            uint16_t mode = BPF_MODE(in->code);
            if (mode == BPF_ABS || mode == BPF_IND || mode == BPF_MSH) {
                unsigned size = BPF_SIZE(in->code) >> 3 < 3 ? sizes[BPF_SIZE(in->code) >> 3] : 0;
                uint64_t at = (uint64_t)in->k + (mode == BPF_IND ? x : 0);
                if (!size || (mode == BPF_MSH && size != 1) || at + size > caplen)
                    return 0;
                v = get(p, (uint32_t)at, size);
                if (mode == BPF_MSH)
                    v = (v & 0xf) << 2;
            } else if (mode == BPF_LEN) {
                v = (uint32_t)wirelen;
            } else if (mode == BPF_IMM) {
                v = in->k;
            } else if (mode == BPF_MEM && in->k < BPF_MEMWORDS) {
                v = mem[in->k];
            } else {
                return 0;
            }
            *(cls == BPF_LD ? &a : &x) = v;
        } else if (cls == BPF_ST || cls == BPF_STX) {
            if (in->k >= BPF_MEMWORDS)
                return 0;
            mem[in->k] = cls == BPF_ST ? a : x;
        } else if (cls == BPF_ALU) {
            if (!alu(BPF_OP(in->code), &a, BPF_SRC(in->code) == BPF_X ? x : in->k))
                return 0;
        } else if (cls == BPF_JMP) {
            if (BPF_OP(in->code) == BPF_JA)
                pc += in->k;
            else
                pc += jump(BPF_OP(in->code), a, BPF_SRC(in->code) == BPF_X ? x : in->k) ? in->jt
                                                                                       : in->jf;
        } else if (cls == BPF_RET) {
            return BPF_RVAL(in->code) == BPF_A ? a : in->k;
        } else { /* BPF_MISC */
            if (BPF_MISCOP(in->code) == BPF_TAX)
                x = a;
            else
                a = x;
        }
    }
    return 0;
}

void ps_bpf_free(struct sock_fprog *prog)
{
    free(prog->filter);
    prog->filter = NULL;
    prog->len = 0;
}
