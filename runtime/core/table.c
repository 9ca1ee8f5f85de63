/* Lookups over one protocol table: a field by name, enum names, flags. */
#include "table.h"

#include <string.h>

#include "packet.h"

int ps_field_index(const struct ps_proto *p, const char *name)
{
    for (size_t i = 0; i < p->nfields; i++)
        if (strcmp(p->fields[i].name, name) == 0)
            return (int)i;
    return -1;
}

size_t ps_field_def_bytes(const struct ps_field *f, const uint8_t **bytes)
{
    *bytes = (const uint8_t *)(f->def_text ? f->def_text : "");
    return f->def_len ? f->def_len : strlen((const char *)*bytes);
}

bool ps_field_takes_class(const struct ps_field *f, const char *klass)
{
    return klass && ((f->sub_class && strcmp(klass, f->sub_class) == 0) ||
                     (f->sub_also && strcmp(klass, f->sub_also) == 0));
}

/* Names compare with '-' and '_' the same, so echo-request == echo_request. */
static bool same_name(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a == '-' ? '_' : *a, y = *b == '-' ? '_' : *b;
        if (x != y)
            return false;
    }
    return *a == *b;
}

/* The last entry holding the name, as Scapy's s2i keeps the last one. */
static bool lookup_value(const struct ps_enum *e, const char *name, uint64_t *value)
{
    bool found = false;
    for (; e && e->name; e++)
        if (same_name(e->name, name)) {
            *value = e->value;
            found = true;
        }
    return found;
}

static const char *lookup_name(const struct ps_enum *e, uint64_t value)
{
    for (; e && e->name; e++)
        if (e->value == value)
            return e->name;
    return NULL;
}

bool ps_enum_value(const struct ps_field *f, const char *name, uint64_t *value)
{
    if (f->multi) {
        bool found = false;
        for (const struct ps_enum_multi *m = f->multi; m->enums; m++)
            found |= lookup_value(m->enums, name, value);
        return found;
    }
    return lookup_value(f->enums, name, value);
}

const char *ps_enum_name(const struct ps_field *f, uint64_t value)
{
    return f->multi ? NULL : lookup_name(f->enums, value);
}

const struct ps_enum *ps_enums_in(const struct ps_layer *l, const struct ps_field *f)
{
    if (!f->multi)
        return f->enums;
    uint64_t key = ps_layer_uint(l, f->multi_on);
    for (const struct ps_enum_multi *m = f->multi; m->enums; m++)
        if (m->key == key)
            return m->enums;
    return NULL;
}

bool ps_enum_value_in(const struct ps_layer *l, const struct ps_field *f, const char *name,
                      uint64_t *value)
{
    if (f->multi && lookup_value(ps_enums_in(l, f), name, value))
        return true;
    return ps_enum_value(f, name, value);
}

const char *ps_enum_name_in(const struct ps_layer *l, const struct ps_field *f, uint64_t value)
{
    return lookup_name(ps_enums_in(l, f), value);
}

static bool single_letters(const char *const *flags)
{
    for (; *flags; flags++)
        if (strlen(*flags) != 1)
            return false;
    return true;
}

static int flag_bit(const char *const *flags, const char *name, size_t len)
{
    for (int i = 0; flags[i]; i++)
        if (strlen(flags[i]) == len && strncmp(flags[i], name, len) == 0)
            return i;
    return -1;
}

bool ps_flags_parse(const struct ps_field *f, const char *text, uint64_t *value,
                    const char **bad)
{
    uint64_t v = 0;
    if (!f->flags) {
        if (bad)
            *bad = text;
        return false;
    }
    /* Scapy's FlagValue: a string is its letters when the names were given
     * as one string of letters, else '+'-separated names (multi: the names
     * were a list, even of single letters, as VXLAN's gpflags). */
    bool letters = single_letters(f->flags) && !f->flags_list;
    const char *p = text;
    while (*p) {
        size_t len = letters ? 1 : strcspn(p, "+");
        int bit = flag_bit(f->flags, p, len);
        if (bit < 0) {
            if (bad)
                *bad = p;
            return false;
        }
        v |= UINT64_C(1) << bit;
        p += len;
        if (!letters && *p == '+' && !*++p) {
            if (bad)
                *bad = p; /* "MF+": Scapy finds no flag named "" */
            return false;
        }
    }
    *value = v;
    return true;
}

bool ps_field_takes(const struct ps_field *f, const struct ps_proto *p)
{
    if (!f->sub_class)
        return false;
    if (strcmp(f->sub_class, "Packet") == 0)
        return true;
    return ps_field_takes_class(f, p->klass);
}
