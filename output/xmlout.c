/*
 * Writing XML text safely, shared by the output writers: every string an
 * item or the feeds file carries is made fit for XML 1.0 (xmlout_clean)
 * before libxml2's xmlTextWriter escapes it, so no document is ever
 * malformed whatever the network sent, and escaping is never done by hand.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "output/xmlout.h"

/* Written by hand: xmlTextWriterStartDocument would spell it "UTF-8" and
 * convert through an encoder, while the text is already clean UTF-8. */
#define XMLOUT_DECL	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"

/*
 * Length of the well-formed UTF-8 sequence at p (1-4) with its code point
 * in *cp, or 0 when p starts a malformed, overlong or surrogate sequence.
 */
static size_t
xmlout_utf8(const unsigned char *p, uint32_t *cp)
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
xmlout_xml_char(uint32_t cp)
{
	if (cp < 0x20)
		return cp == '\t' || cp == '\n' || cp == '\r';
	return cp != 0xfffe && cp != 0xffff;
}

/* Malformed UTF-8 becomes U+FFFD, so the damage stays visible; characters
 * XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF) are dropped. */
char *
xmlout_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), n;
	uint32_t cp;
	char *out, *o;

	if (len > (SIZE_MAX - 1) / 3 || (out = malloc(len * 3 + 1)) == NULL)
		return NULL;
	o = out;
	while (*p != '\0') {
		if ((n = xmlout_utf8(p, &cp)) == 0) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			p++;
			continue;
		}
		if (xmlout_xml_char(cp)) {
			memcpy(o, p, n);
			o += n;
		}
		p += n;
	}
	*o = '\0';
	return out;
}

int
xmlout_attr(xmlTextWriterPtr w, const char *name, const char *value)
{
	char *clean;
	int rc;

	if ((clean = xmlout_clean(value != NULL ? value : "")) == NULL)
		return -1;
	rc = xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST clean);
	free(clean);
	return rc < 0 ? -1 : 0;
}

int
xmlout_text(xmlTextWriterPtr w, const char *text)
{
	char *clean;
	int rc;

	if ((clean = xmlout_clean(text != NULL ? text : "")) == NULL)
		return -1;
	rc = xmlTextWriterWriteString(w, BAD_CAST clean);
	free(clean);
	return rc < 0 ? -1 : 0;
}

/* Always a full end tag (<name></name>, never <name/>), as the writers
 * have always emitted, so that an empty text does not change the shape. */
int
xmlout_elem(xmlTextWriterPtr w, const char *name, const char *text)
{
	if (xmlTextWriterStartElement(w, BAD_CAST name) < 0 ||
	    xmlout_text(w, text) == -1 ||
	    xmlTextWriterFullEndElement(w) < 0)
		return -1;
	return 0;
}

/* The writer is freed before the buffer is read, since freeing it is what
 * flushes the last of the document into the buffer. */
char *
xmlout_render(int (*body)(xmlTextWriterPtr w, void *arg), void *arg,
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
	rc = xmlTextWriterSetIndent(w, 1) < 0 ||
	    xmlTextWriterSetIndentString(w, BAD_CAST "  ") < 0 ||
	    xmlTextWriterWriteRaw(w, BAD_CAST XMLOUT_DECL) < 0 ||
	    body(w, arg) == -1 ||
	    xmlTextWriterEndDocument(w) < 0 ? -1 : 0;
	xmlFreeTextWriter(w);
	if (rc == 0 && (out = malloc(xmlBufferLength(buf) + 1)) != NULL) {
		memcpy(out, xmlBufferContent(buf), xmlBufferLength(buf));
		out[xmlBufferLength(buf)] = '\0';
		*lenp = xmlBufferLength(buf);
	}
	xmlBufferFree(buf);
	return out;
}
