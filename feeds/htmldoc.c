/*
 * HTML pages as documents: the one way unifeed hands a fetched page to
 * libxml2's HTML parser.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "feeds/html.h"
#include "feeds/htmldoc.h"

/*
 * A copy of html in which every tag of more attributes than libxml2 can
 * check in reasonable time (it looks for duplicates in quadratic time)
 * is made text; such "tags" are mostly script text misread. -1 on
 * ENOMEM; *copy stays NULL when none needs it.
 */
static int
htmldoc_defuse(const char *html, size_t len, char **copy)
{
	size_t at, off = 0;

	*copy = NULL;
	while (off < len && html_tag_attrs_max((*copy != NULL ? *copy :
	    html) + off, len - off, HTML_MAX_ATTRS + 1, &at) >
	    HTML_MAX_ATTRS) {
		if (*copy == NULL) {
			if ((*copy = malloc(len + 1)) == NULL)
				return -1;
			memcpy(*copy, html, len);
			(*copy)[len] = '\0';
		}
		(*copy)[off + at] = ' ';
		off += at + 1;
	}
	return 0;
}

htmlDocPtr
htmldoc_parse(const char *html, size_t len, char *err, size_t errlen)
{
	htmlDocPtr doc;
	char *copy;

	if (len > HTMLDOC_MAX) {
		snprintf(err, errlen, "page of %zu bytes is over %d", len,
		    HTMLDOC_MAX);
		return NULL;
	}
	if (htmldoc_defuse(html, len, &copy) == -1) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	doc = htmlReadMemory(copy != NULL ? copy : html, (int)len, NULL,
	    "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER | XML_PARSE_HUGE);
	free(copy);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		snprintf(err, errlen, "not an HTML page");
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

const char *
htmldoc_attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	for (a = n->properties; a != NULL; a = a->next)
		if (strcasecmp((const char *)a->name, name) == 0)
			return a->children != NULL && a->children->content !=
			    NULL ? (const char *)a->children->content : "";
	return NULL;
}

xmlNode *
htmldoc_next(xmlNode *n, xmlNode *root, int descend)
{
	if (descend && n->type == XML_ELEMENT_NODE && n->children != NULL)
		return n->children;
	while (n != root && n->next == NULL)
		n = n->parent;
	return n == root ? NULL : n->next;
}

const char *
htmldoc_classid(const xmlNode *n, char *buf, size_t size)
{
	const char *c = htmldoc_attr(n, "class"), *id = htmldoc_attr(n, "id");
	size_t i;

	snprintf(buf, size, "%s %s", c != NULL ? c : "", id != NULL ? id : "");
	for (i = 0; buf[i] != '\0'; i++)
		buf[i] = (char)tolower((unsigned char)buf[i]);
	return buf;
}
