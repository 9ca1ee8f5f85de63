/* Text in XML: escaped for attributes and for element content alike. */
#include "xml.h"

#include <string.h>

void ps_xml_text(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        default:
            if (c < 0x20 && c != '\n' && c != '\t')
                fprintf(out, "&#xfffd;");
            else
                fputc(c, out);
        }
    }
}

void ps_xml_str(FILE *out, const char *s)
{
    ps_xml_text(out, s ? s : "", s ? strlen(s) : 0);
}
