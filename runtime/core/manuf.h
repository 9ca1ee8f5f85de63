/* The vendor names of MAC address blocks, from Wireshark's manuf file when
 * it is installed, as Scapy's conf.manufdb reads them (scapy/data.py): the
 * same file in the same places, the same parsing, so that OUIField prints
 * the same name Scapy prints on this host. */
#ifndef PS_MANUF_H
#define PS_MANUF_H

#include <stdint.h>

/* The long name of the 24-bit OUI, or NULL when the file is not installed
 * or does not name it. Read once, at the first call. */
const char *ps_manuf_name(uint32_t oui);

#endif
