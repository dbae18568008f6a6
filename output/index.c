/*
 * The HTML index (index.html): every published feed with its entry count
 * and an absolute subscribe link, auto-discovery <link>s in <head>, and a
 * link to sources.opml. Text is cleaned (xmlout_clean) and escaped for HTML;
 * URLs are the configured base URL plus each feed's relative path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output/index.h"
#include "output/xmlout.h"

#define INDEX_OPML	"sources.opml"
/* A few lines of style so the page reads well; no scripts, no fonts. */
#define INDEX_STYLE	"<style>\n" \
	"body{font:16px/1.5 system-ui,sans-serif;max-width:46em;" \
	"margin:2em auto;padding:0 1em;color:#222}\n" \
	"ul.feeds{list-style:none;padding:0}\n" \
	"ul.feeds li{margin:0 0 1em}\n" \
	".title{font-weight:600}.count{color:#666}\n" \
	"a.subscribe{display:block;word-break:break-all}\n" \
	"</style>\n"

struct index_out {
	FILE	*fp;		/* borrows: the memory stream being filled */
	int	 failed;	/* cleaning a string ran out of memory */
};

/* Write s escaped for HTML text and double-quoted attribute values alike. */
static void
index_escape(struct index_out *o, const char *s)
{
	FILE *fp = o->fp;
	char *clean, *p;

	if ((clean = xmlout_clean(s != NULL ? s : "")) == NULL) {
		o->failed = 1;
		return;
	}
	for (p = clean; *p != '\0'; p++) {
		switch (*p) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		case '\'':
			fputs("&#39;", fp);
			break;
		default:
			putc(*p, fp);
		}
	}
	free(clean);
}

/* base + path, escaped: the base ends in '/', the path must not start
 * with one, whatever the configuration said. */
static void
index_url(struct index_out *o, const char *base, const char *path)
{
	size_t blen;

	if (base == NULL)
		base = "";
	while (path != NULL && *path == '/')
		path++;
	index_escape(o, base);
	blen = strlen(base);
	if (blen > 0 && base[blen - 1] != '/')
		putc('/', o->fp);
	index_escape(o, path);
}

/* <head>: one auto-discovery link per feed, so a reader given the site's
 * address finds every feed. */
static void
index_head(struct index_out *o, const char *title, const char *base,
    const struct index_feed *feeds, size_t n)
{
	FILE *fp = o->fp;
	size_t i;

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>", fp);
	index_escape(o, title);
	fputs("</title>\n" INDEX_STYLE, fp);
	for (i = 0; i < n; i++) {
		fputs("<link rel=\"alternate\" type=\"application/atom+xml\" "
		    "title=\"", fp);
		index_escape(o, feeds[i].title);
		fputs("\" href=\"", fp);
		index_url(o, base, feeds[i].path);
		fputs("\">\n", fp);
	}
	fputs("</head>\n", fp);
}

/* <body>: what a person sees, each feed with its subscribe URL shown in
 * full so it can be copied into any reader. */
static void
index_body(struct index_out *o, const char *title, const char *base,
    const struct index_feed *feeds, size_t n)
{
	FILE *fp = o->fp;
	size_t i;

	fputs("<body>\n<h1>", fp);
	index_escape(o, title);
	fputs("</h1>\n", fp);
	if (n == 0)
		fputs("<p>No feeds yet.</p>\n", fp);
	else
		fputs("<ul class=\"feeds\">\n", fp);
	for (i = 0; i < n; i++) {
		fputs("<li><span class=\"title\">", fp);
		index_escape(o, feeds[i].title);
		fprintf(fp, "</span> <span class=\"count\">(%zu %s)</span> "
		    "<a class=\"subscribe\" type=\"application/atom+xml\" "
		    "href=\"", feeds[i].entries,
		    feeds[i].entries == 1 ? "entry" : "entries");
		index_url(o, base, feeds[i].path);
		fputs("\">", fp);
		index_url(o, base, feeds[i].path);
		fputs("</a></li>\n", fp);
	}
	if (n > 0)
		fputs("</ul>\n", fp);
	fputs("<p>The sources, for a feed reader to import: <a "
	    "type=\"text/x-opml\" href=\"", fp);
	index_url(o, base, INDEX_OPML);
	fputs("\">" INDEX_OPML "</a></p>\n</body>\n</html>\n", fp);
}

char *
index_render(const char *title, const char *base,
    const struct index_feed *feeds, size_t n, size_t *lenp)
{
	struct index_out o = { NULL, 0 };
	char *buf = NULL;
	size_t len = 0;
	int bad;

	if ((o.fp = open_memstream(&buf, &len)) == NULL)
		return NULL;
	index_head(&o, title, base, feeds, n);
	index_body(&o, title, base, feeds, n);
	bad = ferror(o.fp) || o.failed;
	if (fclose(o.fp) != 0 || bad) {
		free(buf);
		return NULL;
	}
	*lenp = len;
	return buf;
}
