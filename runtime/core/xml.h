/* Text in XML (the JUnit reports of run and of test): escaped, and the
 * control characters XML 1.0 cannot hold replaced. */
#ifndef PS_XML_H
#define PS_XML_H

#include <stddef.h>
#include <stdio.h>

void ps_xml_text(FILE *out, const char *s, size_t n);
/* s may be NULL: nothing. */
void ps_xml_str(FILE *out, const char *s);

#endif
