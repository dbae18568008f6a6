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
#include <ctype.h>
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
#include "feeds/discover.h"
#include "feeds/html.h"
#include "feeds/item.h"
#include "feeds/jsonfeed.h"
#include "feeds/parse.h"
#include "feeds/xmlfeed.h"

/* The input is always UTF-8 (charset decoded it): its declaration is
 * ignored. Huge text nodes are allowed (the size cap is the limit); small
 * ones are stored in their node (fewer allocations). */
#define PARSE_OPTIONS	(XML_PARSE_NONET | XML_PARSE_NOCDATA | \
			    XML_PARSE_NOWARNING | XML_PARSE_NOERROR | \
			    XML_PARSE_IGNORE_ENC | XML_PARSE_HUGE | \
			    XML_PARSE_COMPACT)


/* What the libxml2 hooks report back through the parser's _private. */
struct parse_report {
	size_t	 line;			/* of the first error */
	char	 msg[200];		/* first error; "" when none */
	int	 declared;		/* entity declarations seen */
	char	 undefined[64];		/* first undefined entity, kept */
	struct xmlfeed *xf;		/* borrows: told of each element end */
	struct parse_html_entity *html;	/* owns: entities handed out */
};

/* Attributes one element may have: libxml2 checks them for duplicates in
 * quadratic time, so a document with thousands on one tag is refused. */
#define PARSE_MAX_ATTRS		1024

/* Longest undefined entity name kept as text ("&name;"). */
#define PARSE_ENTITY_NAME	48

/* An HTML named character, or an undefined reference kept as its own
 * text, handed to libxml2 as a predefined entity. */
struct parse_html_entity {
	xmlEntity			 ent;
	struct parse_html_entity	*next;		/* owns */
	xmlChar				 utf8[PARSE_ENTITY_NAME + 3];
	xmlChar				 name[PARSE_ENTITY_NAME + 1];
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
	size_t n;

	if (pc->instate == XML_PARSER_ATTRIBUTE_VALUE || pc->inSubset != 0 ||
	    (n = strlen((const char *)name)) > PARSE_ENTITY_NAME)
		return NULL;
	for (e = rep->html; e != NULL; e = e->next)
		if (strcmp((const char *)e->ent.name, (const char *)name) == 0)
			return &e->ent;
	if ((e = calloc(1, sizeof(*e))) == NULL)
		return NULL;
	e->ent.type = XML_ENTITY_DECL;
	e->ent.etype = XML_INTERNAL_PREDEFINED_ENTITY;
	if ((h = htmlEntityLookup(name)) != NULL) {
		e->ent.name = BAD_CAST h->name;
		e->ent.length = xmlCopyCharMultiByte(e->utf8, (int)h->value);
	} else if (rep->declared > 0) {
		/* A document that declares entities gets no leniency. */
		free(e);
		return NULL;
	} else {
		/* Undefined: its text as written, as feed readers show it. */
		e->utf8[0] = '&';
		memcpy(e->utf8 + 1, name, n);
		e->utf8[n + 1] = ';';
		memcpy(e->name, name, n + 1);
		e->ent.name = e->name;
		e->ent.length = (int)n + 2;
		if (rep->undefined[0] == '\0')
			snprintf(rep->undefined, sizeof(rep->undefined), "%s",
			    (const char *)name);
	}
	e->ent.content = e->utf8;
	e->next = rep->html;
	rep->html = e;
	return &e->ent;
}

/*
 * xmlSAXHandler.endElementNs: build the tree as libxml2 does, then tell
 * the feed reader, which takes finished items out of it.
 */
static void
parse_end_cb(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri)
{
	xmlParserCtxtPtr pc = ctx;
	struct parse_report *rep = pc->_private;
	xmlNodePtr n = pc->node;

	xmlSAX2EndElementNs(ctx, localname, prefix, uri);
	if (n != NULL && n->type == XML_ELEMENT_NODE && pc->myDoc != NULL &&
	    rep->xf != NULL)
		xmlfeed_element_end(rep->xf, pc->myDoc, n);
	/*
	 * With n gone, the parent's last child may be the text before it;
	 * libxml2 would append the next text to that node using the length
	 * it remembers of the text inside n. 0 makes it concatenate safely.
	 */
	pc->nodemem = 0;
}

/* One libxml2 pass over buf with the safe options (and recover), the
 * feed read by xf as it goes. */
static xmlDocPtr
parse_pass(const char *buf, size_t len, const char *url, int recover,
    struct xmlfeed *xf, struct parse_report *rep)
{
	struct parse_html_entity *ent;
	xmlParserCtxtPtr pc;
	xmlDocPtr doc;

	memset(rep, 0, sizeof(*rep));
	rep->xf = xf;
	if ((pc = xmlNewParserCtxt()) == NULL) {
		snprintf(rep->msg, sizeof(rep->msg), "out of memory");
		return NULL;
	}
	pc->_private = rep;
	pc->sax->serror = parse_error_cb;
	pc->sax->entityDecl = parse_entity_decl_cb;
	pc->sax->getEntity = parse_get_entity_cb;
	pc->sax->endElementNs = parse_end_cb;
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

/* Length of the character or entity reference at p ("&amp;"), 0 if p's
 * '&' starts none. */
static size_t
parse_ref_len(const char *p)
{
	size_t i = 1;

	if (p[i] == '#') {
		i++;
		if (p[i] == 'x' || p[i] == 'X')
			while (isxdigit((unsigned char)p[++i]))
				continue;
		else
			while (isdigit((unsigned char)p[i]))
				i++;
		return i > 2 && p[i] == ';' ? i + 1 : 0;
	}
	if (!isalpha((unsigned char)p[i]) && p[i] != '_' && p[i] != ':')
		return 0;
	while (isalnum((unsigned char)p[i]) ||
	    (p[i] != '\0' && strchr("._:-", p[i]) != NULL))
		i++;
	return p[i] == ';' ? i + 1 : 0;
}

/*
 * A copy of buf with every "&" that starts no reference written "&amp;",
 * the most common slip of hand-made feeds ("?a=1&b=2", "Q&A"); NULL on
 * ENOMEM or when there is none to fix.
 */
static char *
parse_fix_amps(const char *buf, size_t len, size_t *outlen)
{
	const char *p, *end = buf + len;
	size_t bare = 0, o = 0;
	char *out;

	for (p = buf; (p = memchr(p, '&', (size_t)(end - p))) != NULL; p++)
		bare += parse_ref_len(p) == 0;
	if (bare == 0 || len + 4 * bare > INT_MAX ||
	    (out = malloc(len + 4 * bare + 1)) == NULL)
		return NULL;
	for (p = buf; p < end; p++) {
		out[o++] = *p;
		if (*p == '&' && parse_ref_len(p) == 0) {
			memcpy(out + o, "amp;", 4);
			o += 4;
		}
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

/*
 * Parse the UTF-8 document buf (NUL-terminated, changed in place) into a
 * tree with the safe options, the feed read into *xfp (new, the caller
 * frees it) as it goes; when it is not well-formed, recover what libxml2
 * can and say so in *warned (set to 1) and err. NULL with err filled when
 * nothing is usable.
 */
static xmlDocPtr
parse_load(char *buf, size_t len, const char *url,
    const struct parse_limits *lim, struct parse_report *r,
    struct xmlfeed **xfp, int *warned, char *err, size_t errlen)
{
	struct parse_report rep;
	xmlDocPtr doc;
	char *fixed;
	const char *p;
	size_t flen, at, line;

	parse_blank_late_decl(buf, len);
	*warned = 0;
	*xfp = NULL;
	if (html_tag_attrs_max(buf, len, PARSE_MAX_ATTRS + 1, &at) >
	    PARSE_MAX_ATTRS) {
		for (line = 1, p = buf; (p = memchr(p, '\n',
		    (size_t)(buf + at - p))) != NULL; p++)
			line++;
		snprintf(err, errlen, "line %zu: an element with more than "
		    "%d attributes", line, PARSE_MAX_ATTRS);
		return NULL;
	}
	if ((*xfp = xmlfeed_new(lim)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if ((doc = parse_pass(buf, len, url, 0, *xfp, r)) != NULL)
		return doc;
	parse_report_error(r, err, errlen);
	xmlfeed_free(*xfp);
	*xfp = NULL;
	if (r->declared > 0 || strcmp(r->msg, "out of memory") == 0 ||
	    (*xfp = xmlfeed_new(lim)) == NULL)
		return NULL;
	if ((fixed = parse_fix_amps(buf, len, &flen)) != NULL) {
		doc = parse_pass(fixed, flen, url, 1, *xfp, &rep);
		free(fixed);
	} else
		doc = parse_pass(buf, len, url, 1, *xfp, &rep);
	if (doc != NULL && xmlDocGetRootElement(doc) == NULL) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (doc == NULL) {
		xmlfeed_free(*xfp);
		*xfp = NULL;
		return NULL;
	}
	memcpy(r->undefined, rep.undefined, sizeof(r->undefined));
	*warned = 1;
	return doc;
}

/*
 * The first byte of buf that is neither white space nor part of a byte
 * order mark or of UTF-16/32's zero bytes, or NUL when there is none: a
 * sniff of what the document is, whatever its encoding.
 */
static char
parse_first(const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!parse_space(buf[i]) && buf[i] != '\0' &&
		    strchr("\xef\xbb\xbf\xfe\xff", buf[i]) == NULL)
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
	struct parse_report rep;
	struct item_list *l = NULL;
	struct xmlfeed *xf = NULL;
	char recovered[512];
	xmlDocPtr doc;
	int warned;

	if (charset_decode_xml(buf, len, content_type, &cr, err,
	    errlen) == -1)
		return NULL;
	if ((doc = parse_load(cr.utf8, cr.len, url, lim, &rep, &xf, &warned,
	    recovered, sizeof(recovered))) == NULL) {
		if (parse_looks_html(cr.utf8, cr.len))
			snprintf(err, errlen, "%s", PARSE_HTML_PAGE);
		else
			snprintf(err, errlen, "%s", recovered);
	} else if ((l = xmlfeed_finish(xf, doc, err, errlen)) != NULL &&
	    (parse_note_charset(l, &cr) == -1 || (warned &&
	    item_list_warn(l, "not well-formed XML, read as far as "
	    "possible: %s", recovered) == -1) || (rep.undefined[0] != '\0' &&
	    item_list_warn(l, "undefined entity &%s; kept as text",
	    rep.undefined) == -1))) {
		snprintf(err, errlen, "out of memory");
		item_list_free(l);
		l = NULL;
	}
	xmlfeed_free(xf);
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

/* 1 when the document starts (after any byte order mark) as JSON does. */
static int
parse_is_json(const char *buf, size_t len)
{
	char c;

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

char *
parse_discover(const char *buf, size_t len, const char *url,
    const char *content_type, char *type, size_t typelen)
{
	struct discover_feed f[DISCOVER_MAX];
	struct charset_result cr;
	char err[128];
	char *found = NULL;
	int i, n;

	if (len == 0 || len > INT_MAX / 4 ||
	    charset_decode_html(buf, len, content_type, &cr, err,
	    sizeof(err)) == -1)
		return NULL;
	n = discover_feeds(cr.utf8, cr.len, url, f);
	for (i = 0; i < n; i++) {
		if (found == NULL) {
			found = f[i].url;
			f[i].url = NULL;
			snprintf(type, typelen, "%s", f[i].type);
		}
		discover_feed_clear(&f[i]);
	}
	charset_result_free(&cr);
	return found;
}
