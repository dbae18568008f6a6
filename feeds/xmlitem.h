/*
 * Item fields out of single libxml2 elements for the XML feed reader:
 * resolved URLs, attachments (enclosures, Media RSS content, images),
 * categories and keyword lists, author names and iTunes durations.
 */
#ifndef FEEDS_XMLITEM_H
#define FEEDS_XMLITEM_H

#include <libxml/tree.h>

#include "feeds/item.h"

/* ref (found at n) resolved against the xml:base chain and the document
 * URL, when that gives an http(s) URL; malloc'd, NULL otherwise. */
char	*xmlitem_resolve(xmlDocPtr doc, xmlNodePtr n, const char *ref);
/* Add the enclosure in n's urlattr (else its text), type and lenattr. */
int	 xmlitem_enclosure(xmlDocPtr doc, struct item *it, xmlNodePtr n,
	    const char *urlattr, const char *lenattr);
/* Take n's attribute attr, resolved, as the item's image if it has none. */
int	 xmlitem_image(xmlDocPtr doc, struct item *it, xmlNodePtr n,
	    const char *attr);
/* A media:content: audio or video as an enclosure, an image as the
 * item's image, anything else ignored. */
int	 xmlitem_media_content(xmlDocPtr doc, struct item *it, xmlNodePtr n);
/* Add the malloc'd s (taken; NULL is ENOMEM) as a category if not empty. */
int	 xmlitem_category(struct item *it, char *s);
/* Add each of the comma-separated keywords in n's text as a category. */
int	 xmlitem_keywords(struct item *it, xmlNodePtr n);
/* Set the item's duration from an itunes:duration n unless already set. */
int	 xmlitem_duration(struct item *it, xmlNodePtr n);
/* The name in an RSS author ("jo@example.com (Jo Bloggs)" gives "Jo
 * Bloggs"); takes the malloc'd s, NULL on ENOMEM. */
char	*xmlitem_author_name(char *s);

#endif /* FEEDS_XMLITEM_H */
