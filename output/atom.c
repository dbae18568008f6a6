/*
 * The Atom 1.0 writer (RFC 4287): turns the entries the store hands back
 * into one feed document, through libxml2's xmlTextWriter so that escaping
 * is never done by hand. Every string is first made fit for XML 1.0
 * (atom_clean), because items carry text from the network. The output
 * depends only on its input: the same entries always give the same bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "feeds/date.h"
#include "output/atom.h"

#define ATOM_NS		"http://www.w3.org/2005/Atom"
#define ATOM_EPOCH	0	/* <updated> of a feed without entries */

/* Written by hand: xmlTextWriterStartDocument would spell it "UTF-8" and
 * convert through an encoder, while the text is already clean UTF-8. */
#define ATOM_XMLDECL	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"

/*
 * Length of the well-formed UTF-8 sequence at p (1-4) with its code point
 * in *cp, or 0 when p starts a malformed, overlong or surrogate sequence.
 */
static size_t
atom_utf8(const unsigned char *p, uint32_t *cp)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n, i;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 2;
		*cp = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 3;
		*cp = p[0] & 0x0f;
		if (p[0] == 0xe0)
			lo = 0xa0;
		else if (p[0] == 0xed)
			hi = 0x9f;	/* no surrogates */
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 4;
		*cp = p[0] & 0x07;
		if (p[0] == 0xf0)
			lo = 0x90;
		else if (p[0] == 0xf4)
			hi = 0x8f;	/* nothing past U+10FFFF */
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if (p[i] < lo || p[i] > hi)
			return 0;	/* also stops at the NUL */
		*cp = (*cp << 6) | (p[i] & 0x3f);
		lo = 0x80;
		hi = 0xbf;
	}
	return n;
}

/* The Char production of XML 1.0, less what UTF-8 decoding already refused. */
static int
atom_xml_char(uint32_t cp)
{
	if (cp < 0x20)
		return cp == '\t' || cp == '\n' || cp == '\r';
	return cp != 0xfffe && cp != 0xffff;
}

/* Malformed UTF-8 becomes U+FFFD, so the damage stays visible; characters
 * XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF) are dropped. */
char *
atom_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), n;
	uint32_t cp;
	char *out, *o;

	if (len > (SIZE_MAX - 1) / 3 || (out = malloc(len * 3 + 1)) == NULL)
		return NULL;
	o = out;
	while (*p != '\0') {
		if ((n = atom_utf8(p, &cp)) == 0) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			p++;
			continue;
		}
		if (atom_xml_char(cp)) {
			memcpy(o, p, n);
			o += n;
		}
		p += n;
	}
	*o = '\0';
	return out;
}

static int
atom_empty(const char *s)
{
	return s == NULL || s[0] == '\0';
}

/* Write an attribute whose value came from outside (NULL is written as ""). */
static int
atom_attr(xmlTextWriterPtr w, const char *name, const char *value)
{
	char *clean;
	int rc;

	if ((clean = atom_clean(value != NULL ? value : "")) == NULL)
		return -1;
	rc = xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST clean);
	free(clean);
	return rc < 0 ? -1 : 0;
}

/* <name [type="type"]>text</name>, text cleaned and escaped. */
static int
atom_elem(xmlTextWriterPtr w, const char *name, const char *type,
    const char *text)
{
	char *clean;
	int rc;

	if (xmlTextWriterStartElement(w, BAD_CAST name) < 0)
		return -1;
	if (type != NULL && atom_attr(w, "type", type) == -1)
		return -1;
	if ((clean = atom_clean(text != NULL ? text : "")) == NULL)
		return -1;
	rc = xmlTextWriterWriteString(w, BAD_CAST clean);
	free(clean);
	if (rc < 0 || xmlTextWriterFullEndElement(w) < 0)
		return -1;
	return 0;
}

static int
atom_date(xmlTextWriterPtr w, const char *name, time_t t)
{
	char buf[DATE_RFC3339_LEN];

	date_rfc3339(t, buf);
	return atom_elem(w, name, NULL, buf);
}

/* <link rel type href/>; type may be NULL. */
static int
atom_link(xmlTextWriterPtr w, const char *rel, const char *type,
    const char *href)
{
	if (xmlTextWriterStartElement(w, BAD_CAST "link") < 0 ||
	    atom_attr(w, "rel", rel) == -1 ||
	    (type != NULL && atom_attr(w, "type", type) == -1) ||
	    atom_attr(w, "href", href) == -1 ||
	    xmlTextWriterEndElement(w) < 0)
		return -1;
	return 0;
}

/* <author><name>name</name></author> */
static int
atom_author(xmlTextWriterPtr w, const char *name)
{
	if (xmlTextWriterStartElement(w, BAD_CAST "author") < 0 ||
	    atom_elem(w, "name", NULL, name) == -1 ||
	    xmlTextWriterEndElement(w) < 0)
		return -1;
	return 0;
}

/* The date an entry shows in <updated>: its own, else its first
 * publication, else 0 (the caller substitutes the feed's). */
static time_t
atom_entry_time(const struct item *it)
{
	return it->updated != 0 ? it->updated : it->published;
}

/* The newest entry date, so that <updated> follows from the entries alone. */
static time_t
atom_feed_time(const struct item_list *entries)
{
	const struct item *it;
	time_t newest = ATOM_EPOCH, t;

	for (it = entries != NULL ? entries->head : NULL; it != NULL;
	    it = it->next)
		if ((t = atom_entry_time(it)) > newest)
			newest = t;
	return newest;
}

/* The feed's own metadata, everything before the first <entry>. */
static int
atom_head(xmlTextWriterPtr w, const struct atom_feed *f, time_t updated)
{
	const char *author;

	author = !atom_empty(f->author) ? f->author :
	    !atom_empty(f->title) ? f->title : "unifeed";
	if (atom_elem(w, "id", NULL, f->id) == -1 ||
	    atom_elem(w, "title", "text", f->title) == -1 ||
	    (!atom_empty(f->subtitle) &&
	    atom_elem(w, "subtitle", "text", f->subtitle) == -1) ||
	    atom_date(w, "updated", updated) == -1)
		return -1;
	if (!atom_empty(f->self) &&
	    atom_link(w, "self", "application/atom+xml", f->self) == -1)
		return -1;
	if (!atom_empty(f->alternate) &&
	    atom_link(w, "alternate", "text/html", f->alternate) == -1)
		return -1;
	if (atom_author(w, author) == -1 ||
	    xmlTextWriterStartElement(w, BAD_CAST "generator") < 0 ||
	    (f->generator_version != NULL &&
	    atom_attr(w, "version", f->generator_version) == -1) ||
	    xmlTextWriterWriteString(w, BAD_CAST "unifeed") < 0 ||
	    xmlTextWriterEndElement(w) < 0)
		return -1;
	return 0;
}

/* <source>: where a republished entry came from (RFC 4287 4.2.11). */
static int
atom_source(xmlTextWriterPtr w, const struct item *it)
{
	const char *title;

	title = !atom_empty(it->source_title) ? it->source_title :
	    it->source_name;
	if (atom_empty(it->source_url) && atom_empty(title) &&
	    atom_empty(it->source_link))
		return 0;
	if (xmlTextWriterStartElement(w, BAD_CAST "source") < 0)
		return -1;
	if (!atom_empty(it->source_url) &&
	    atom_elem(w, "id", NULL, it->source_url) == -1)
		return -1;
	if (!atom_empty(title) && atom_elem(w, "title", "text", title) == -1)
		return -1;
	if (!atom_empty(it->source_url) &&
	    atom_link(w, "self", NULL, it->source_url) == -1)
		return -1;
	if (!atom_empty(it->source_link) &&
	    atom_link(w, "alternate", "text/html", it->source_link) == -1)
		return -1;
	return xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

/* summary and content; an entry with neither link nor content gets its
 * summary (or "") as content, since RFC 4287 requires one of the two. */
static int
atom_body(xmlTextWriterPtr w, const struct item *it)
{
	if (atom_empty(it->link) && atom_empty(it->content))
		return atom_elem(w, "content", "html",
		    it->summary != NULL ? it->summary : "");
	if (!atom_empty(it->summary) &&
	    atom_elem(w, "summary", "html", it->summary) == -1)
		return -1;
	if (!atom_empty(it->content) &&
	    atom_elem(w, "content", "html", it->content) == -1)
		return -1;
	return 0;
}

/* One <entry>; feed_updated stands in for an entry without any date. */
static int
atom_entry(xmlTextWriterPtr w, const struct item *it, time_t feed_updated)
{
	const char *id;
	time_t updated;
	size_t i;

	id = !atom_empty(it->uid) ? it->uid : it->link;
	updated = atom_entry_time(it);
	if (xmlTextWriterStartElement(w, BAD_CAST "entry") < 0 ||
	    atom_elem(w, "id", NULL, id) == -1 ||
	    atom_elem(w, "title", "text",
	    !atom_empty(it->title) ? it->title : "(untitled)") == -1)
		return -1;
	if (!atom_empty(it->link) &&
	    atom_link(w, "alternate", "text/html", it->link) == -1)
		return -1;
	if (updated == 0)
		updated = feed_updated;
	if ((it->published != 0 &&
	    atom_date(w, "published", it->published) == -1) ||
	    atom_date(w, "updated", updated) == -1)
		return -1;
	if (!atom_empty(it->author) && atom_author(w, it->author) == -1)
		return -1;
	for (i = 0; i < it->ncategories; i++) {
		if (atom_empty(it->categories[i]))
			continue;
		if (xmlTextWriterStartElement(w, BAD_CAST "category") < 0 ||
		    atom_attr(w, "term", it->categories[i]) == -1 ||
		    xmlTextWriterEndElement(w) < 0)
			return -1;
	}
	if (atom_body(w, it) == -1 || atom_source(w, it) == -1 ||
	    xmlTextWriterEndElement(w) < 0)
		return -1;
	return 0;
}

/* The whole document into w. */
static int
atom_document(xmlTextWriterPtr w, const struct atom_feed *f,
    const struct item_list *entries)
{
	const struct item *it;
	time_t updated;

	updated = atom_feed_time(entries);
	if (xmlTextWriterSetIndent(w, 1) < 0 ||
	    xmlTextWriterSetIndentString(w, BAD_CAST "  ") < 0 ||
	    xmlTextWriterWriteRaw(w, BAD_CAST ATOM_XMLDECL) < 0 ||
	    xmlTextWriterStartElement(w, BAD_CAST "feed") < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns",
	    BAD_CAST ATOM_NS) < 0 ||
	    atom_head(w, f, updated) == -1)
		return -1;
	for (it = entries != NULL ? entries->head : NULL; it != NULL;
	    it = it->next)
		if (atom_entry(w, it, updated) == -1)
			return -1;
	if (xmlTextWriterEndElement(w) < 0 || xmlTextWriterEndDocument(w) < 0)
		return -1;
	return 0;
}

char *
atom_render(const struct atom_feed *f, const struct item_list *entries,
    size_t *lenp)
{
	xmlBufferPtr buf;
	xmlTextWriterPtr w;
	char *out = NULL;
	int rc;

	if ((buf = xmlBufferCreate()) == NULL)
		return NULL;
	if ((w = xmlNewTextWriterMemory(buf, 0)) == NULL) {
		xmlBufferFree(buf);
		return NULL;
	}
	rc = atom_document(w, f, entries);
	xmlFreeTextWriter(w);	/* flushes into buf */
	if (rc == 0 && (out = malloc(xmlBufferLength(buf) + 1)) != NULL) {
		memcpy(out, xmlBufferContent(buf), xmlBufferLength(buf));
		out[xmlBufferLength(buf)] = '\0';
		*lenp = xmlBufferLength(buf);
	}
	xmlBufferFree(buf);
	return out;
}
