/*
 * Feed parsing: the one entry from fetched bytes to an item list. It tells
 * JSON from XML, has the bytes decoded to UTF-8 (charset), and owns the
 * libxml2 parser in its safe mode with its recovery from broken XML; the
 * formats themselves are read by xmlfeed and jsonfeed.
 * Pure: bytes and limits in, items or an error out; no I/O, no globals.
 *
 * Broken XML: a document that is not well-formed is parsed again in
 * libxml2's recovery mode, and what that reads (the items before a
 * truncation, a document with a bare "&" or an unclosed tag) is kept with
 * a warning naming the first error. Documents that declare entities are
 * never recovered: the declaration is the attack, and its error is kept.
 *
 * Entities: libxml2 never loads external entities here (no NOENT, DTDLOAD
 * or validation), and the entityDecl hook refuses every declaration but
 * external parameter entities, which are never read (kept so that the
 * common DOCTYPE pulling in an HTML entity set still parses). So no user
 * entity exists and nothing can expand one: XXE, billion laughs and
 * quadratic blowup all end as "Entity 'x' not defined". HTML's named
 * characters (&nbsp;), common in feeds without any DTD, are supplied by
 * the getEntity hook as plain characters.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "feeds/charset.h"
#include "feeds/item.h"
#include "feeds/jsonfeed.h"
#include "feeds/parse.h"
#include "feeds/xmlfeed.h"

/* The input is always UTF-8 (charset decoded it): its declaration is
 * ignored. Huge text nodes are allowed (the size cap is the limit). */
#define PARSE_OPTIONS	(XML_PARSE_NONET | XML_PARSE_NOCDATA | \
			    XML_PARSE_NOWARNING | XML_PARSE_NOERROR | \
			    XML_PARSE_IGNORE_ENC | XML_PARSE_HUGE)


/* What the libxml2 hooks report back through the parser's _private. */
struct parse_report {
	size_t	 line;			/* of the first error */
	char	 msg[200];		/* first error; "" when none */
	int	 declared;		/* entity declarations seen */
	struct parse_html_entity *html;	/* owns: entities handed out */
};

/* An HTML named character handed to libxml2 as a predefined entity. */
struct parse_html_entity {
	xmlEntity			 ent;
	struct parse_html_entity	*next;		/* owns */
	xmlChar				 utf8[8];
};

static int
parse_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Record e as the report's error, its message trimmed. */
static void
parse_error_set(struct parse_report *rep, const xmlError *e)
{
	size_t n;

	rep->line = e->line > 0 ? (size_t)e->line : 0;
	snprintf(rep->msg, sizeof(rep->msg), "%s",
	    e->message != NULL ? e->message : "malformed XML");
	n = strlen(rep->msg);
	while (n > 0 && parse_space(rep->msg[n - 1]))
		rep->msg[--n] = '\0';
	while (n-- > 0)
		if (rep->msg[n] == '\n')
			rep->msg[n] = ' ';
}

/*
 * xmlStructuredErrorFunc: keep the first fatal error, which names the
 * cause; libxml2's last one is often a consequence ("Premature end").
 */
static void
parse_error_cb(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr pc = ctx;
	struct parse_report *rep = pc->_private;

	if (e != NULL && e->level == XML_ERR_FATAL && rep->msg[0] == '\0')
		parse_error_set(rep, e);
}

/*
 * xmlSAXHandler.entityDecl: refuse every entity but external parameter
 * entities (never loaded), so that no entity can ever be expanded.
 */
static void
parse_entity_decl_cb(void *ctx, const xmlChar *name, int type,
    const xmlChar *publicid, const xmlChar *systemid, xmlChar *content)
{
	xmlParserCtxtPtr pc = ctx;
	struct parse_report *rep = pc->_private;

	if (type == XML_EXTERNAL_PARAMETER_ENTITY)
		xmlSAX2EntityDecl(ctx, name, type, publicid, systemid,
		    content);
	rep->declared++;
}

/*
 * xmlSAXHandler.getEntity: no entity is ever declared, so the only ones
 * are XML's five (resolved before this hook) and HTML's named characters,
 * given in text as plain characters (feeds use &nbsp; without a DTD).
 * Attribute values take only one byte of a predefined entity: there the
 * reference stays undeclared.
 */
static xmlEntityPtr
parse_get_entity_cb(void *ctx, const xmlChar *name)
{
	xmlParserCtxtPtr pc = ctx;
	struct parse_report *rep = pc->_private;
	const htmlEntityDesc *h;
	struct parse_html_entity *e;

	if (pc->instate == XML_PARSER_ATTRIBUTE_VALUE || pc->inSubset != 0 ||
	    (h = htmlEntityLookup(name)) == NULL)
		return NULL;
	for (e = rep->html; e != NULL; e = e->next)
		if (strcmp((const char *)e->ent.name, h->name) == 0)
			return &e->ent;
	if ((e = calloc(1, sizeof(*e))) == NULL)
		return NULL;
	e->ent.type = XML_ENTITY_DECL;
	e->ent.etype = XML_INTERNAL_PREDEFINED_ENTITY;
	e->ent.name = BAD_CAST h->name;
	e->ent.length = xmlCopyCharMultiByte(e->utf8, (int)h->value);
	e->ent.content = e->utf8;
	e->next = rep->html;
	rep->html = e;
	return &e->ent;
}

/* One libxml2 pass over buf with the safe options (and recover). */
static xmlDocPtr
parse_pass(const char *buf, size_t len, const char *url, int recover,
    struct parse_report *rep)
{
	struct parse_html_entity *ent;
	xmlParserCtxtPtr pc;
	xmlDocPtr doc;

	memset(rep, 0, sizeof(*rep));
	if ((pc = xmlNewParserCtxt()) == NULL) {
		snprintf(rep->msg, sizeof(rep->msg), "out of memory");
		return NULL;
	}
	pc->_private = rep;
	pc->sax->serror = parse_error_cb;
	pc->sax->entityDecl = parse_entity_decl_cb;
	pc->sax->getEntity = parse_get_entity_cb;
	doc = xmlCtxtReadMemory(pc, buf, (int)len, url, "UTF-8",
	    PARSE_OPTIONS | (recover ? XML_PARSE_RECOVER : 0));
	if (rep->msg[0] == '\0' && (doc == NULL || !pc->wellFormed) &&
	    xmlCtxtGetLastError(pc) != NULL)
		parse_error_set(rep, xmlCtxtGetLastError(pc));
	if (doc != NULL && !pc->wellFormed && !recover) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	while ((ent = rep->html) != NULL) {
		rep->html = ent->next;
		free(ent);
	}
	xmlFreeParserCtxt(pc);
	return doc;
}

/* Write the report's error as "line N: message". */
static void
parse_report_error(const struct parse_report *rep, char *err, size_t errlen)
{
	if (rep->msg[0] == '\0')
		snprintf(err, errlen, "malformed XML");
	else
		snprintf(err, errlen, "line %zu: %s%s", rep->line,
		    rep->msg, rep->declared > 0 && (strstr(rep->msg,
		    "Entity") != NULL || strstr(rep->msg, "PEReference") !=
		    NULL) ? " (entity declarations are not supported)" : "");
}

/*
 * An XML declaration must open the document, but generators put white
 * space or a comment first often enough: blank such a late declaration
 * out (its encoding is ignored anyway), keeping every line where it was.
 */
static void
parse_blank_late_decl(char *buf, size_t len)
{
	size_t i = 0;
	char *end;

	while (i < len) {
		if (parse_space(buf[i]))
			i++;
		else if (len - i >= 4 && memcmp(buf + i, "<!--", 4) == 0) {
			if ((end = strstr(buf + i + 4, "-->")) == NULL)
				return;
			i = (size_t)(end - buf) + 3;
		} else
			break;
	}
	if (i == 0 || len - i < 6 || memcmp(buf + i, "<?xml", 5) != 0 ||
	    !parse_space(buf[i + 5]) ||
	    (end = strstr(buf + i, "?>")) == NULL)
		return;
	for (end += 2; buf + i < end; i++)
		if (buf[i] != '\n')
			buf[i] = ' ';
}

/*
 * Parse the UTF-8 document buf (NUL-terminated, changed in place) into a
 * tree with the safe options; when it is not well-formed, recover what
 * libxml2 can and say so in *warned (set to 1) and err. NULL with err
 * filled when nothing is usable.
 */
static xmlDocPtr
parse_load(char *buf, size_t len, const char *url, int *warned,
    char *err, size_t errlen)
{
	struct parse_report rep;
	xmlDocPtr doc;

	parse_blank_late_decl(buf, len);
	*warned = 0;
	if ((doc = parse_pass(buf, len, url, 0, &rep)) != NULL)
		return doc;
	parse_report_error(&rep, err, errlen);
	if (rep.declared > 0 || strcmp(rep.msg, "out of memory") == 0)
		return NULL;
	if ((doc = parse_pass(buf, len, url, 1, &rep)) == NULL)
		return NULL;
	if (xmlDocGetRootElement(doc) == NULL) {
		xmlFreeDoc(doc);
		return NULL;
	}
	*warned = 1;
	return doc;
}

/* The first byte of buf that is not white space, or NUL at the end. */
static char
parse_first(const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!parse_space(buf[i]))
			return buf[i];
	return '\0';
}

/* 1 when the text starts as an HTML page does (before any XML parse). */
static int
parse_looks_html(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len && parse_space(s[i]); i++)
		continue;
	s += i;
	len -= i;
	return (len >= 9 && strncasecmp(s, "<!doctype", 9) == 0 &&
	    len >= 14 && strncasecmp(s + 9, " html", 5) == 0) ||
	    (len >= 5 && strncasecmp(s, "<html", 5) == 0 &&
	    (len == 5 || s[5] == '>' || parse_space(s[5])));
}

/* Copy the decoder's encoding and warning onto the list. */
static int
parse_note_charset(struct item_list *l, const struct charset_result *cr)
{
	if ((l->encoding = strdup(cr->encoding)) == NULL)
		return -1;
	if (cr->warning[0] != '\0' &&
	    item_list_warn(l, "%s", cr->warning) == -1)
		return -1;
	return 0;
}

/* An XML document: decode, parse (recovering), read the feed. */
static struct item_list *
parse_xml(const char *buf, size_t len, const char *url,
    const char *content_type, const struct parse_limits *lim, char *err,
    size_t errlen)
{
	struct charset_result cr;
	struct item_list *l = NULL;
	char recovered[512];
	xmlDocPtr doc;
	int warned;

	if (charset_decode_xml(buf, len, content_type, &cr, err,
	    errlen) == -1)
		return NULL;
	if ((doc = parse_load(cr.utf8, cr.len, url, &warned, recovered,
	    sizeof(recovered))) == NULL) {
		if (parse_looks_html(cr.utf8, cr.len))
			snprintf(err, errlen, "not a feed: an HTML page");
		else
			snprintf(err, errlen, "%s", recovered);
	} else if ((l = xmlfeed_read(doc, lim, err, errlen)) != NULL &&
	    (parse_note_charset(l, &cr) == -1 || (warned &&
	    item_list_warn(l, "not well-formed XML, read as far as "
	    "possible: %s", recovered) == -1))) {
		snprintf(err, errlen, "out of memory");
		item_list_free(l);
		l = NULL;
	}
	xmlFreeDoc(doc);
	charset_result_free(&cr);
	return l;
}

/* A JSON document: decode, then it must be a JSON Feed. */
static struct item_list *
parse_json(const char *buf, size_t len, const char *url,
    const char *content_type, const struct parse_limits *lim, char *err,
    size_t errlen)
{
	struct charset_result cr;
	struct item_list *l;

	if (charset_decode_text(buf, len, content_type, NULL, &cr, err,
	    errlen) == -1)
		return NULL;
	if ((l = jsonfeed_parse(cr.utf8, cr.len, url, lim, err,
	    errlen)) != NULL && parse_note_charset(l, &cr) == -1) {
		snprintf(err, errlen, "out of memory");
		item_list_free(l);
		l = NULL;
	}
	charset_result_free(&cr);
	return l;
}

/* 1 when buf starts with a UTF-8 byte order mark, then JSON's '{' or '['. */
static int
parse_is_json(const char *buf, size_t len)
{
	char c;

	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	c = parse_first(buf, len);
	return c == '{' || c == '[';
}

struct item_list *
parse_feed(const char *buf, size_t len, const char *url,
    const char *content_type, const struct parse_limits *lim, char *err,
    size_t errlen)
{
	if (len == 0 || parse_first(buf, len) == '\0') {
		snprintf(err, errlen, "empty document");
		return NULL;
	}
	if (len > lim->max_size || len > INT_MAX / 4) {
		snprintf(err, errlen, "document too large (%zu bytes, "
		    "limit %zu)", len, lim->max_size);
		return NULL;
	}
	if (parse_is_json(buf, len))
		return parse_json(buf, len, url, content_type, lim, err,
		    errlen);
	return parse_xml(buf, len, url, content_type, lim, err, errlen);
}
