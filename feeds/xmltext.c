/*
 * Text out of libxml2 trees: the character data under an element, HTML
 * escaping, serialized inline markup, and the text constructs of Atom
 * (text, html, xhtml, and base64 for other media types), as the feed
 * readers (xmlfeed) need them. Pure functions over a tree.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxml/xmlstring.h>

#include "feeds/xmltext.h"

#define NS_XHTML	"http://www.w3.org/1999/xhtml"

/* How a text construct's element holds its value. */
enum xmltext_kind {
	PK_TEXT,		/* plain text: escaped to HTML */
	PK_HTML,		/* escaped HTML: taken as is */
	PK_XHTML,		/* inline markup: serialized */
	PK_B64_TEXT,		/* base64 of text (or of another type) */
	PK_B64_HTML		/* base64 of HTML (Atom 0.3 mode="base64") */
};

static int
xmltext_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Drop leading and trailing white space of the malloc'd s in place. */
char *
xmltext_trim(char *s)
{
	size_t a, n;

	if (s == NULL)
		return NULL;
	n = strlen(s);
	while (n > 0 && xmltext_space(s[n - 1]))
		n--;
	s[n] = '\0';
	for (a = 0; xmltext_space(s[a]); a++)
		continue;
	memmove(s, s + a, n - a + 1);
	return s;
}

/*
 * Append the text under n, never following an entity reference (a
 * reference left in the tree is undeclared; its name is kept as written).
 */
static int
xmltext_gather(xmlBufferPtr b, xmlNodePtr n)
{
	xmlNodePtr c;

	for (c = n->children; c != NULL; c = c->next) {
		switch (c->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (c->content != NULL &&
			    xmlBufferCat(b, c->content) != 0)
				return -1;
			break;
		case XML_ENTITY_REF_NODE:
			if (xmlBufferCCat(b, "&") != 0 ||
			    xmlBufferCat(b, c->name) != 0 ||
			    xmlBufferCCat(b, ";") != 0)
				return -1;
			break;
		case XML_ELEMENT_NODE:
			if (xmltext_gather(b, c) == -1)
				return -1;
			break;
		default:
			break;
		}
	}
	return 0;
}

/* Copy a buffer out as a trimmed malloc'd string (NULL on ENOMEM). */
static char *
xmltext_buffer_take(xmlBufferPtr b)
{
	char *s;

	s = strdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	return xmltext_trim(s);
}

/* The trimmed text under n, malloc'd ("" when none); NULL on ENOMEM. */
char *
xmltext_text(xmlNodePtr n)
{
	xmlBufferPtr b;

	if ((b = xmlBufferCreate()) == NULL)
		return NULL;
	if (xmltext_gather(b, n) == -1) {
		xmlBufferFree(b);
		return NULL;
	}
	return xmltext_buffer_take(b);
}

/* Escape text so that reading it back as HTML gives it exactly. */
char *
xmltext_escape(const char *s)
{
	xmlBufferPtr b;
	const char *rep;
	int bad = 0;

	if ((b = xmlBufferCreate()) == NULL)
		return NULL;
	for (; *s != '\0' && !bad; s++) {
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		default: rep = NULL; break;
		}
		bad = rep != NULL ? xmlBufferCCat(b, rep) :
		    xmlBufferAdd(b, (const xmlChar *)s, 1);
	}
	if (bad) {
		xmlBufferFree(b);
		return NULL;
	}
	return xmltext_buffer_take(b);
}

/* Put XHTML elements in no namespace so they serialize as plain HTML. */
static void
xmltext_unprefix(xmlNodePtr n)
{
	xmlNodePtr c;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (c->ns != NULL &&
		    strcmp((const char *)c->ns->href, NS_XHTML) == 0)
			c->ns = NULL;
		xmltext_unprefix(c);
	}
}

/* The children of n serialized as markup, malloc'd; NULL on ENOMEM. */
char *
xmltext_markup(xmlDocPtr doc, xmlNodePtr n)
{
	xmlBufferPtr b;
	xmlNodePtr c;

	if ((b = xmlBufferCreate()) == NULL)
		return NULL;
	xmltext_unprefix(n);
	for (c = n->children; c != NULL; c = c->next) {
		if (xmlNodeDump(b, doc, c, 0, 0) == -1) {
			xmlBufferFree(b);
			return NULL;
		}
	}
	return xmltext_buffer_take(b);
}

static int
xmltext_has_elements(xmlNodePtr n)
{
	xmlNodePtr c;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return 1;
	return 0;
}

/* An HTML-ish field: escaped HTML as is, or inline markup serialized. */
char *
xmltext_html(xmlDocPtr doc, xmlNodePtr n)
{
	return xmltext_has_elements(n) ? xmltext_markup(doc, n) :
	    xmltext_text(n);
}

/*
 * Read an Atom 1.0 type or Atom 0.3 type/mode pair. RFC 4287 3.1.1 and
 * 4.1.3.3: a missing (or empty) type is text, and a media type that is
 * neither text nor XML is base64.
 */
static enum xmltext_kind
xmltext_kind_of(xmlNodePtr n)
{
	xmlChar *type, *mode;
	enum xmltext_kind k;
	const char *t;
	size_t len;
	int b64;

	type = xmlGetNoNsProp(n, BAD_CAST "type");
	mode = xmlGetNoNsProp(n, BAD_CAST "mode");
	t = type != NULL && *type != '\0' ? (const char *)type : "text";
	len = strlen(t);
	b64 = mode != NULL && strcmp((const char *)mode, "base64") == 0;
	if (strcmp(t, "html") == 0 || strcmp(t, "text/html") == 0)
		k = b64 ? PK_B64_HTML : PK_HTML;
	else if (strcmp(t, "text") == 0 || strcmp(t, "text/plain") == 0)
		k = b64 ? PK_B64_TEXT : PK_TEXT;
	else if (strncmp(t, "text/", 5) == 0)
		k = b64 ? PK_B64_HTML : PK_TEXT;
	else if (!b64 && (strcmp(t, "xhtml") == 0 || (len > 4 &&
	    (strcmp(t + len - 4, "+xml") == 0 ||
	    strcmp(t + len - 4, "/xml") == 0))))
		k = PK_XHTML;
	else	/* decoded, read as HTML: it is sanitized like any */
		k = PK_B64_HTML;
	xmlFree(type);
	xmlFree(mode);
	return k;
}

/* The value of one base64 digit, -1 for anything else. */
static int
xmltext_b64_digit(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

/*
 * Decode base64 text (white space ignored, padding optional) in place.
 * The result must be UTF-8 text: anything else (binary, a NUL) gives "".
 */
static char *
xmltext_b64_decode(char *s)
{
	unsigned int acc = 0;
	size_t o = 0;
	int bits = 0, d;
	char *p;

	for (p = s; *p != '\0' && *p != '='; p++) {
		if (xmltext_space(*p))
			continue;
		if ((d = xmltext_b64_digit((unsigned char)*p)) == -1) {
			o = 0;
			break;
		}
		acc = (acc << 6) | (unsigned int)d;
		if ((bits += 6) >= 8) {
			bits -= 8;
			s[o++] = (char)((acc >> bits) & 0xff);
		}
	}
	s[o] = '\0';
	if (strlen(s) != o || !xmlCheckUTF8((const unsigned char *)s))
		s[0] = '\0';
	return s;
}

/*
 * An Atom text construct as HTML: text escaped, html as is, xhtml as the
 * markup inside its xhtml:div, base64 decoded. NULL on ENOMEM.
 */
char *
xmltext_construct(xmlDocPtr doc, xmlNodePtr n)
{
	enum xmltext_kind k;
	xmlNodePtr c;
	char *s, *e;

	switch ((k = xmltext_kind_of(n))) {
	case PK_HTML:
		return xmltext_html(doc, n);
	case PK_XHTML:
		for (c = n->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				break;
		if (c != NULL && c->ns != NULL &&
		    strcmp((const char *)c->ns->href, NS_XHTML) == 0 &&
		    strcmp((const char *)c->name, "div") == 0)
			n = c;
		return xmltext_markup(doc, n);
	default:
		if ((s = xmltext_text(n)) == NULL)
			return NULL;
		if (k == PK_B64_HTML)
			return xmltext_trim(xmltext_b64_decode(s));
		if (k == PK_B64_TEXT)
			xmltext_trim(xmltext_b64_decode(s));
		e = xmltext_escape(s);
		free(s);
		return e;
	}
}

