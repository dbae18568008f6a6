/*
 * The OPML 2.0 list of configured sources (sources.opml), for readers that
 * import subscriptions. Written with libxml2's xmlTextWriter; every string
 * goes through atom_clean first, so the document is well-formed whatever
 * the feeds file or the network put in a title. No dates are written, so
 * the same sources always give the same bytes.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "output/atom.h"
#include "output/opml.h"

#define OPML_XMLDECL	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"

static int
opml_attr(xmlTextWriterPtr w, const char *name, const char *value)
{
	char *clean;
	int rc;

	if ((clean = atom_clean(value != NULL ? value : "")) == NULL)
		return -1;
	rc = xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST clean);
	free(clean);
	return rc < 0 ? -1 : 0;
}

/* <head><title>title</title></head> */
static int
opml_head(xmlTextWriterPtr w, const char *title)
{
	char *clean;
	int rc;

	if ((clean = atom_clean(title != NULL ? title : "")) == NULL)
		return -1;
	rc = xmlTextWriterStartElement(w, BAD_CAST "head") < 0 ||
	    xmlTextWriterStartElement(w, BAD_CAST "title") < 0 ||
	    xmlTextWriterWriteString(w, BAD_CAST clean) < 0 ||
	    xmlTextWriterFullEndElement(w) < 0 ||
	    xmlTextWriterEndElement(w) < 0;
	free(clean);
	return rc ? -1 : 0;
}

/* One subscription; an untitled source is shown by its URL. */
static int
opml_outline(xmlTextWriterPtr w, const struct opml_outline *o)
{
	const char *title;

	title = o->title != NULL && o->title[0] != '\0' ? o->title : o->xml_url;
	if (xmlTextWriterStartElement(w, BAD_CAST "outline") < 0 ||
	    opml_attr(w, "type", "rss") == -1 ||
	    opml_attr(w, "text", title) == -1 ||
	    opml_attr(w, "title", title) == -1 ||
	    opml_attr(w, "xmlUrl", o->xml_url) == -1)
		return -1;
	if (o->html_url != NULL && o->html_url[0] != '\0' &&
	    opml_attr(w, "htmlUrl", o->html_url) == -1)
		return -1;
	return xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

static int
opml_document(xmlTextWriterPtr w, const char *title,
    const struct opml_outline *o, size_t n)
{
	size_t i;

	if (xmlTextWriterSetIndent(w, 1) < 0 ||
	    xmlTextWriterSetIndentString(w, BAD_CAST "  ") < 0 ||
	    xmlTextWriterWriteRaw(w, BAD_CAST OPML_XMLDECL) < 0 ||
	    xmlTextWriterStartElement(w, BAD_CAST "opml") < 0 ||
	    opml_attr(w, "version", "2.0") == -1 ||
	    opml_head(w, title) == -1 ||
	    xmlTextWriterStartElement(w, BAD_CAST "body") < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (opml_outline(w, &o[i]) == -1)
			return -1;
	if (xmlTextWriterFullEndElement(w) < 0 ||
	    xmlTextWriterEndElement(w) < 0 || xmlTextWriterEndDocument(w) < 0)
		return -1;
	return 0;
}

char *
opml_render(const char *title, const struct opml_outline *o, size_t n,
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
	rc = opml_document(w, title, o, n);
	xmlFreeTextWriter(w);	/* flushes into buf */
	if (rc == 0 && (out = malloc(xmlBufferLength(buf) + 1)) != NULL) {
		memcpy(out, xmlBufferContent(buf), xmlBufferLength(buf));
		out[xmlBufferLength(buf)] = '\0';
		*lenp = xmlBufferLength(buf);
	}
	xmlBufferFree(buf);
	return out;
}
