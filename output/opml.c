/*
 * The OPML 2.0 list of configured sources (sources.opml), for readers that
 * import subscriptions. Written with libxml2's xmlTextWriter; every string
 * is cleaned first (output/xmlout), so the document is well-formed whatever
 * the feeds file or the network put in a title. No dates are written, so
 * the same sources always give the same bytes.
 */
#include <libxml/xmlwriter.h>

#include "output/opml.h"
#include "output/xmlout.h"

struct opml_doc {
	const char			*title;	/* borrows */
	const struct opml_outline	*o;	/* borrows: n outlines */
	size_t				 n;
};

/* <head><title>title</title></head> */
static int
opml_head(xmlTextWriterPtr w, const char *title)
{
	if (xmlTextWriterStartElement(w, BAD_CAST "head") < 0 ||
	    xmlout_elem(w, "title", title) == -1 ||
	    xmlTextWriterEndElement(w) < 0)
		return -1;
	return 0;
}

/* One subscription; an untitled source is shown by its URL. */
static int
opml_outline(xmlTextWriterPtr w, const struct opml_outline *o)
{
	const char *title;

	title = o->title != NULL && o->title[0] != '\0' ? o->title : o->xml_url;
	if (xmlTextWriterStartElement(w, BAD_CAST "outline") < 0 ||
	    xmlout_attr(w, "type", "rss") == -1 ||
	    xmlout_attr(w, "text", title) == -1 ||
	    xmlout_attr(w, "title", title) == -1 ||
	    xmlout_attr(w, "xmlUrl", o->xml_url) == -1)
		return -1;
	if (o->html_url != NULL && o->html_url[0] != '\0' &&
	    xmlout_attr(w, "htmlUrl", o->html_url) == -1)
		return -1;
	return xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

/* xmlout_render body: the <opml> element, after the declaration. */
static int
opml_document_cb(xmlTextWriterPtr w, void *arg)
{
	const struct opml_doc *d = arg;
	size_t i;

	if (xmlTextWriterStartElement(w, BAD_CAST "opml") < 0 ||
	    xmlout_attr(w, "version", "2.0") == -1 ||
	    opml_head(w, d->title) == -1 ||
	    xmlTextWriterStartElement(w, BAD_CAST "body") < 0)
		return -1;
	for (i = 0; i < d->n; i++)
		if (opml_outline(w, &d->o[i]) == -1)
			return -1;
	if (xmlTextWriterFullEndElement(w) < 0 ||
	    xmlTextWriterEndElement(w) < 0)
		return -1;
	return 0;
}

char *
opml_render(const char *title, const struct opml_outline *o, size_t n,
    size_t *lenp)
{
	struct opml_doc d = { title, o, n };

	return xmlout_render(opml_document_cb, &d, lenp);
}
