/*
 * Writing XML text safely: cleaning strings from the network for XML 1.0
 * and the xmlTextWriter boilerplate the output writers share. An
 * output-internal helper (atom, opml, index), so it exposes libxml2's
 * xmlTextWriter type rather than hiding it.
 */
#ifndef OUTPUT_XMLOUT_H
#define OUTPUT_XMLOUT_H

#include <stddef.h>

#include <libxml/xmlwriter.h>

/*
 * A malloc'd copy of s fit for any XML or HTML document: malformed UTF-8
 * becomes U+FFFD and characters XML 1.0 forbids are dropped. NULL on ENOMEM.
 */
char	*xmlout_clean(const char *s);

/* Attribute name="value", value cleaned (NULL is written as ""). 0 or -1. */
int	 xmlout_attr(xmlTextWriterPtr w, const char *name, const char *value);

/* Text at the writer's position, cleaned and escaped (NULL as ""). 0 or -1. */
int	 xmlout_text(xmlTextWriterPtr w, const char *text);

/* <name>text</name>, text cleaned and escaped (NULL as ""). 0 or -1. */
int	 xmlout_elem(xmlTextWriterPtr w, const char *name, const char *text);

/*
 * Render one document: an indenting writer (two spaces) over a memory
 * buffer, the declaration <?xml version="1.0" encoding="utf-8"?>, then
 * body(w, arg), which returns 0 or -1. Returns a malloc'd NUL-terminated
 * copy of the document with its length in *lenp, or NULL on any failure.
 */
char	*xmlout_render(int (*body)(xmlTextWriterPtr w, void *arg), void *arg,
	    size_t *lenp);

#endif /* OUTPUT_XMLOUT_H */
