/* SMB's name tables, generated from Scapy 2.5.0 (gen_names.py smb).
 * Internal to runtime/proto/ (smb.c). */
#ifndef PS_SMB_NAMES_H
#define PS_SMB_NAMES_H

#include "table.h"

extern const struct ps_enum ps_smb_com[];
extern const struct ps_enum ps_smb_status[];

#endif
