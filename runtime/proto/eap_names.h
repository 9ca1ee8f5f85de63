/* EAP's name tables, generated from Scapy 2.5.0 (gen_names.py eap).
 * Internal to runtime/proto/ (eap.c). */
#ifndef PS_EAP_NAMES_H
#define PS_EAP_NAMES_H

#include "table.h"

extern const struct ps_enum ps_eap_types[];
extern const struct ps_enum ps_eap_codes[];

#endif
