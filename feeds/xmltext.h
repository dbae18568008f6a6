/*
 * Text out of libxml2 trees for the XML feed reader: character data,
 * escaping, inline markup and Atom text constructs.
 */
#ifndef FEEDS_XMLTEXT_H
#define FEEDS_XMLTEXT_H

#include <libxml/tree.h>

/* Drop leading and trailing white space of the malloc'd s in place; NULL
 * stays NULL. */
char	*xmltext_trim(char *s);
/* The trimmed character data under n (entity references left as written),
 * malloc'd ("" when none); NULL on ENOMEM. */
char	*xmltext_text(xmlNodePtr n);
/* s escaped so that reading it back as HTML gives it exactly; malloc'd. */
char	*xmltext_escape(const char *s);
/* The children of n serialized as markup (XHTML put in no namespace, so it
 * reads as plain HTML), malloc'd; NULL on ENOMEM. Changes n's subtree. */
char	*xmltext_markup(xmlDocPtr doc, xmlNodePtr n);
/* An HTML-ish field: escaped HTML as is, or inline markup serialized. */
char	*xmltext_html(xmlDocPtr doc, xmlNodePtr n);
/* An Atom text construct (RFC 4287 3.1, and Atom 0.3 modes) as HTML. */
char	*xmltext_construct(xmlDocPtr doc, xmlNodePtr n);

#endif /* FEEDS_XMLTEXT_H */
