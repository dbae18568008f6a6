/*
 * Item fields out of single libxml2 elements, as the XML feed reader
 * (xmlfeed) hands them over: URLs resolved against xml:base, attachments
 * (RSS enclosures, Atom enclosure links, Media RSS content and thumbnails,
 * iTunes images), categories and keyword lists, the name in an RSS
 * author, and iTunes durations. Pure functions over a tree and an item.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "feeds/item.h"
#include "feeds/url.h"
#include "feeds/xmlitem.h"
#include "feeds/xmltext.h"

/* Resolve ref where it was found, keeping only http(s) URLs. */
char *
xmlitem_resolve(xmlDocPtr doc, xmlNodePtr n, const char *ref)
{
	xmlChar *base;
	char *abs;

	if (ref == NULL || *ref == '\0')
		return NULL;
	base = xmlNodeGetBase(doc, n);
	abs = url_resolve((const char *)base, ref);
	xmlFree(base);
	if (abs != NULL && !url_scheme_is(abs, "http,https")) {
		free(abs);
		return NULL;
	}
	return abs;
}

/* A byte count from an attribute; -1 when missing or not a number. */
static long long
xmlitem_length(const xmlChar *v)
{
	long long n;
	char *end;

	if (v == NULL)
		return -1;
	n = strtoll((const char *)v, &end, 10);
	return end != (const char *)v && *end == '\0' && n >= 0 ? n : -1;
}

/* Add the enclosure urlattr/typeattr/lenattr of n (resolved). */
int
xmlitem_enclosure(xmlDocPtr doc, struct item *it, xmlNodePtr n,
    const char *urlattr, const char *lenattr)
{
	xmlChar *url, *type, *len;
	char *abs;
	int rc = 0;

	if ((url = xmlGetNoNsProp(n, BAD_CAST urlattr)) == NULL)
		url = BAD_CAST xmltext_text(n);
	type = xmlGetNoNsProp(n, BAD_CAST "type");
	len = xmlGetNoNsProp(n, BAD_CAST lenattr);
	if ((abs = xmlitem_resolve(doc, n, (const char *)url)) != NULL)
		rc = item_add_enclosure(it, abs, (const char *)type,
		    xmlitem_length(len));
	free(abs);
	xmlFree(url);
	xmlFree(type);
	xmlFree(len);
	return rc;
}

/* The first image offered wins: itunes:image, media:thumbnail, ... */
int
xmlitem_image(xmlDocPtr doc, struct item *it, xmlNodePtr n, const char *attr)
{
	xmlChar *v;

	if (it->image != NULL)
		return 0;
	v = xmlGetNoNsProp(n, BAD_CAST attr);
	it->image = xmlitem_resolve(doc, n, (const char *)v);
	xmlFree(v);
	return 0;
}

/*
 * media:content: audio and video are enclosures, an image stands in for
 * a missing thumbnail; other media (Flash players, documents) are not
 * something a feed reader can attach.
 */
int
xmlitem_media_content(xmlDocPtr doc, struct item *it, xmlNodePtr n)
{
	xmlChar *type, *medium;
	const char *t, *m;
	int rc = 0;

	type = xmlGetNoNsProp(n, BAD_CAST "type");
	medium = xmlGetNoNsProp(n, BAD_CAST "medium");
	t = type != NULL ? (const char *)type : "";
	m = medium != NULL ? (const char *)medium : "";
	if (strncmp(t, "audio/", 6) == 0 || strncmp(t, "video/", 6) == 0 ||
	    (*t == '\0' && (strcmp(m, "audio") == 0 ||
	    strcmp(m, "video") == 0)))
		rc = xmlitem_enclosure(doc, it, n, "url", "fileSize");
	else if (strncmp(t, "image/", 6) == 0 || strcmp(m, "image") == 0)
		rc = xmlitem_image(doc, it, n, "url");
	xmlFree(type);
	xmlFree(medium);
	return rc;
}

/* Empty categories (an empty <category/>, ",," in keywords) are dropped. */
int
xmlitem_category(struct item *it, char *s)
{
	int rc = 0;

	if (s == NULL)
		return -1;
	if (*s != '\0')
		rc = item_add_category(it, s);
	free(s);
	return rc;
}

/* "a, b, c" (itunes:keywords, media:keywords) as categories. */
int
xmlitem_keywords(struct item *it, xmlNodePtr n)
{
	char *s, *tok, *save = NULL;
	int rc = 0;

	if ((s = xmltext_text(n)) == NULL)
		return -1;
	for (tok = strtok_r(s, ",", &save); tok != NULL && rc == 0;
	    tok = strtok_r(NULL, ",", &save))
		rc = xmlitem_category(it, xmltext_trim(strdup(tok)));
	free(s);
	return rc;
}

/* "1:02:03", "62:03" or "3723" as seconds; 0 when it is none of them. */
static long
xmlitem_seconds(const char *s)
{
	long v = 0, part;
	int fields = 0;
	char *end;

	for (;;) {
		part = strtol(s, &end, 10);
		if (end == s || part < 0 || part > 1000000 || ++fields > 3)
			return 0;
		v = v * 60 + part;
		if (*end != ':')
			break;
		s = end + 1;
	}
	return *end == '\0' || *end == '.' ? v : 0;
}

/* The first itunes:duration that reads as a duration wins. */
int
xmlitem_duration(struct item *it, xmlNodePtr n)
{
	char *s;

	if ((s = xmltext_text(n)) == NULL)
		return -1;
	if (it->duration == 0)
		it->duration = xmlitem_seconds(s);
	free(s);
	return 0;
}

/*
 * The name in an RSS author: "jo@example.com (Jo Bloggs)", "Jo Bloggs
 * <jo@example.com>" and "Jo Bloggs (jo@example.com)" all give "Jo
 * Bloggs"; an address alone stays as it is. Takes s.
 */
char *
xmlitem_author_name(char *s)
{
	char *at, *a, *b, *name;
	size_t n;

	if (s == NULL || (at = strchr(s, '@')) == NULL)
		return s;
	for (a = at; a > s && strchr(" \t<(", a[-1]) == NULL; a--)
		continue;
	for (b = at; *b != '\0' && strchr(" \t>)", *b) == NULL; b++)
		continue;
	if (a > s && strchr("<(", a[-1]) != NULL && *b != '\0' &&
	    strchr(">)", *b) != NULL) {
		a--;
		b++;
	}
	n = (size_t)(a - s);
	if ((name = malloc(n + strlen(b) + 1)) == NULL) {
		free(s);
		return NULL;
	}
	memcpy(name, s, n);
	strcpy(name + n, b);
	/* What is left may be "(Jo Bloggs)" or "Jo Bloggs". */
	xmltext_trim(name);
	n = strlen(name);
	if (n >= 2 && name[0] == '(' && name[n - 1] == ')') {
		memmove(name, name + 1, n - 2);
		name[n - 2] = '\0';
		xmltext_trim(name);
	}
	if (*name == '\0') {
		free(name);
		return s;
	}
	free(s);
	return name;
}
