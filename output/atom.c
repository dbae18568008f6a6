/*
 * The Atom 1.0 writer (RFC 4287): turns the entries the store hands back
 * into one feed document, through libxml2's xmlTextWriter so that escaping
 * is never done by hand. Every string is first made fit for XML 1.0
 * (output/xmlout), because items carry text from the network. The output
 * depends only on its input: the same entries always give the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "feeds/date.h"
#include "feeds/strbuf.h"
#include "output/atom.h"
#include "output/xmlout.h"

#define ATOM_NS		"http://www.w3.org/2005/Atom"
#define ATOM_EPOCH	0	/* <updated> of a feed without entries */

static int
atom_empty(const char *s)
{
	return s == NULL || s[0] == '\0';
}

/* <name [type="type"]>text</name>, text cleaned and escaped. */
static int
atom_elem(xmlTextWriterPtr w, const char *name, const char *type,
    const char *text)
{
	if (type == NULL)
		return xmlout_elem(w, name, text);
	if (xmlTextWriterStartElement(w, BAD_CAST name) < 0 ||
	    xmlout_attr(w, "type", type) == -1 ||
	    xmlout_text(w, text) == -1 ||
	    xmlTextWriterFullEndElement(w) < 0)
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
	    xmlout_attr(w, "rel", rel) == -1 ||
	    (type != NULL && xmlout_attr(w, "type", type) == -1) ||
	    xmlout_attr(w, "href", href) == -1 ||
	    xmlTextWriterEndElement(w) < 0)
		return -1;
	return 0;
}

/* <link rel="enclosure">: an attachment, as RFC 4287 4.2.7.2 has it. */
static int
atom_enclosure(xmlTextWriterPtr w, const struct item_enclosure *e)
{
	char len[24];

	snprintf(len, sizeof(len), "%lld", e->length);
	if (xmlTextWriterStartElement(w, BAD_CAST "link") < 0 ||
	    xmlout_attr(w, "rel", "enclosure") == -1 ||
	    (e->type != NULL && xmlout_attr(w, "type", e->type) == -1) ||
	    (e->length >= 0 && xmlout_attr(w, "length", len) == -1) ||
	    xmlout_attr(w, "href", e->url) == -1 ||
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
	    xmlout_attr(w, "version", f->generator_version) == -1) ||
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

/* Append s to b escaped for HTML text and double-quoted attributes. */
static void
atom_esc(struct strbuf *b, const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++)
		switch (*p) {
		case '&': strbuf_str(b, "&amp;"); break;
		case '<': strbuf_str(b, "&lt;"); break;
		case '>': strbuf_str(b, "&gt;"); break;
		case '"': strbuf_str(b, "&quot;"); break;
		default: strbuf_add(b, p, 1); break;
		}
}

/*
 * html followed by "Also reported by" and a link to each further source
 * of the story, in a new string (NULL on ENOMEM); a copy of html when
 * there is none.
 */
static char *
atom_with_vias(const char *html, const struct item *it)
{
	struct strbuf b = STRBUF_INIT;
	size_t i;

	strbuf_str(&b, html != NULL ? html : "");
	if (it->nvias > 0)
		strbuf_str(&b, "<p>Also reported by ");
	for (i = 0; i < it->nvias; i++) {
		if (i > 0)
			strbuf_str(&b, i + 1 == it->nvias ? " and " : ", ");
		strbuf_str(&b, "<a href=\"");
		atom_esc(&b, it->vias[i].link);
		strbuf_str(&b, "\">");
		atom_esc(&b, it->vias[i].title != NULL ?
		    it->vias[i].title : it->vias[i].link);
		strbuf_str(&b, "</a>");
	}
	if (it->nvias > 0)
		strbuf_str(&b, ".</p>");
	return strbuf_take(&b);
}

/* summary and content; an entry with neither link nor content gets its
 * summary (or "") as content, since RFC 4287 requires one of the two.
 * The further sources of a merged story close the content, or the
 * summary when there is no content. */
static int
atom_body(xmlTextWriterPtr w, const struct item *it)
{
	char *s;
	int rc = 0, in_content;

	in_content = !atom_empty(it->content) ||
	    (atom_empty(it->link) && atom_empty(it->content));
	if (atom_empty(it->link) && atom_empty(it->content)) {
		if ((s = atom_with_vias(it->summary, it)) == NULL)
			return -1;
		rc = atom_elem(w, "content", "html", s);
		free(s);
		return rc;
	}
	if (!atom_empty(it->summary) || (!in_content && it->nvias > 0)) {
		if ((s = in_content ? strdup(it->summary) :
		    atom_with_vias(it->summary, it)) == NULL)
			return -1;
		rc = atom_elem(w, "summary", "html", s);
		free(s);
		if (rc == -1)
			return -1;
	}
	if (in_content) {
		if ((s = atom_with_vias(it->content, it)) == NULL)
			return -1;
		rc = atom_elem(w, "content", "html", s);
		free(s);
	}
	return rc;
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
	for (i = 0; i < it->nvias; i++)
		if (atom_link(w, "via", "text/html", it->vias[i].link) == -1)
			return -1;
	for (i = 0; i < it->nenclosures; i++)
		if (atom_enclosure(w, &it->enclosures[i]) == -1)
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
		    xmlout_attr(w, "term", it->categories[i]) == -1 ||
		    xmlTextWriterEndElement(w) < 0)
			return -1;
	}
	if (atom_body(w, it) == -1 || atom_source(w, it) == -1 ||
	    xmlTextWriterEndElement(w) < 0)
		return -1;
	return 0;
}

struct atom_doc {
	const struct atom_feed	*feed;		/* borrows */
	const struct item_list	*entries;	/* borrows, may be NULL */
};

/* xmlout_render body: the <feed> element, after the declaration. */
static int
atom_document_cb(xmlTextWriterPtr w, void *arg)
{
	const struct atom_doc *d = arg;
	const struct item *it;
	time_t updated;

	updated = atom_feed_time(d->entries);
	if (xmlTextWriterStartElement(w, BAD_CAST "feed") < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns",
	    BAD_CAST ATOM_NS) < 0 ||
	    atom_head(w, d->feed, updated) == -1)
		return -1;
	for (it = d->entries != NULL ? d->entries->head : NULL; it != NULL;
	    it = it->next)
		if (atom_entry(w, it, updated) == -1)
			return -1;
	return xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

char *
atom_render(const struct atom_feed *f, const struct item_list *entries,
    size_t *lenp)
{
	struct atom_doc d = { f, entries };

	return xmlout_render(atom_document_cb, &d, lenp);
}
