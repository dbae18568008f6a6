/*
 * The HTML index (index.html): every published feed with its entry count
 * and an absolute subscribe link, auto-discovery <link>s in <head>, and a
 * link to sources.opml. Text is cleaned (atom_clean) and escaped for HTML;
 * URLs are the configured base URL plus each feed's relative path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output/atom.h"
#include "output/index.h"

#define INDEX_OPML	"sources.opml"

/* Write s escaped for HTML text and double-quoted attribute values alike. */
static void
index_escape(FILE *fp, const char *s)
{
	char *clean, *p;

	if ((clean = atom_clean(s != NULL ? s : "")) == NULL) {
		fp->_flags |= 0;	/* keep going; ferror is checked below */
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
index_url(FILE *fp, const char *base, const char *path)
{
	size_t blen;

	if (base == NULL)
		base = "";
	while (path != NULL && *path == '/')
		path++;
	index_escape(fp, base);
	blen = strlen(base);
	if (blen > 0 && base[blen - 1] != '/')
		putc('/', fp);
	index_escape(fp, path);
}

static void
index_head(FILE *fp, const char *title, const char *base,
    const struct index_feed *feeds, size_t n)
{
	size_t i;

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>", fp);
	index_escape(fp, title);
	fputs("</title>\n", fp);
	for (i = 0; i < n; i++) {
		fputs("<link rel=\"alternate\" type=\"application/atom+xml\" "
		    "title=\"", fp);
		index_escape(fp, feeds[i].title);
		fputs("\" href=\"", fp);
		index_url(fp, base, feeds[i].path);
		fputs("\">\n", fp);
	}
	fputs("</head>\n", fp);
}

static void
index_body(FILE *fp, const char *title, const char *base,
    const struct index_feed *feeds, size_t n)
{
	size_t i;

	fputs("<body>\n<h1>", fp);
	index_escape(fp, title);
	fputs("</h1>\n", fp);
	if (n == 0)
		fputs("<p>No feeds yet.</p>\n", fp);
	else
		fputs("<ul class=\"feeds\">\n", fp);
	for (i = 0; i < n; i++) {
		fputs("<li><span class=\"title\">", fp);
		index_escape(fp, feeds[i].title);
		fprintf(fp, "</span> <span class=\"count\">(%zu %s)</span> "
		    "<a class=\"subscribe\" type=\"application/atom+xml\" "
		    "href=\"", feeds[i].entries,
		    feeds[i].entries == 1 ? "entry" : "entries");
		index_url(fp, base, feeds[i].path);
		fputs("\">", fp);
		index_url(fp, base, feeds[i].path);
		fputs("</a></li>\n", fp);
	}
	if (n > 0)
		fputs("</ul>\n", fp);
	fputs("<p>The sources, for a feed reader to import: <a "
	    "type=\"text/x-opml\" href=\"", fp);
	index_url(fp, base, INDEX_OPML);
	fputs("\">" INDEX_OPML "</a></p>\n</body>\n</html>\n", fp);
}

char *
index_render(const char *title, const char *base,
    const struct index_feed *feeds, size_t n, size_t *lenp)
{
	FILE *fp;
	char *buf = NULL;
	size_t len = 0;
	int bad;

	if ((fp = open_memstream(&buf, &len)) == NULL)
		return NULL;
	index_head(fp, title, base, feeds, n);
	index_body(fp, title, base, feeds, n);
	bad = ferror(fp);
	if (fclose(fp) != 0 || bad) {
		free(buf);
		return NULL;
	}
	*lenp = len;
	return buf;
}
