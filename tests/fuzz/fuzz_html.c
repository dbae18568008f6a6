/*
 * libFuzzer target for the HTML sanitizer and the text reducer: the input,
 * as a NUL-terminated string, goes through html_sanitize and html_to_text.
 * Asserted: the sanitized output never holds "<script" in any case, and it
 * is well-formed XML (as html.h promises). With FUZZ_HTML_IDEMPOTENT=1 in
 * the environment, sanitizing the output again must not change it; that
 * is off by default because it does not hold today (see README.md).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "feeds/html.h"

#define FUZZ_MAX_SIZE	(1024 * 1024)
#define FUZZ_BASE	"https://example.org/news/a.html"
#define FUZZ_WRAP_OPEN	"<div>"
#define FUZZ_WRAP_CLOSE	"</div>"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int fuzz_idempotent;	/* FUZZ_HTML_IDEMPOTENT set */

/* Abort with the offending output: libFuzzer saves the input. */
static void
fuzz_fail(const char *what, const char *out)
{
	fprintf(stderr, "fuzz_html: %s\n--- output ---\n%.2000s\n", what, out);
	abort();
}

/* 1 when s contains "<script" in any letter case. */
static int
fuzz_has_script(const char *s)
{
	for (; (s = strchr(s, '<')) != NULL; s++)
		if (strncasecmp(s, "<script", 7) == 0)
			return 1;
	return 0;
}

/* 1 when s is well-formed XML inside a <div>, needing no DTD. */
static int
fuzz_well_formed(const char *s)
{
	xmlDocPtr doc;
	char *w;
	size_t n = strlen(s);

	if ((w = malloc(n + sizeof(FUZZ_WRAP_OPEN FUZZ_WRAP_CLOSE))) == NULL)
		return 1;
	memcpy(w, FUZZ_WRAP_OPEN, sizeof(FUZZ_WRAP_OPEN) - 1);
	memcpy(w + sizeof(FUZZ_WRAP_OPEN) - 1, s, n);
	memcpy(w + sizeof(FUZZ_WRAP_OPEN) - 1 + n, FUZZ_WRAP_CLOSE,
	    sizeof(FUZZ_WRAP_CLOSE));
	doc = xmlReadMemory(w, (int)strlen(w), NULL, "UTF-8", XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
	free(w);
	if (doc == NULL)
		return 0;
	xmlFreeDoc(doc);
	return 1;
}

/* libFuzzer's start-up hook: read the optional checks once. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *v;

	(void)argc;
	(void)argv;
	v = getenv("FUZZ_HTML_IDEMPOTENT");
	fuzz_idempotent = v != NULL && strcmp(v, "1") == 0;
	return 0;
}

/* Check the sanitizer's promises on out, made from some input. */
static void
fuzz_check(const char *out)
{
	char *again;

	if (fuzz_has_script(out))
		fuzz_fail("html_sanitize let \"<script\" through", out);
	if (!fuzz_well_formed(out))
		fuzz_fail("html_sanitize output is not well-formed", out);
	if (!fuzz_idempotent)
		return;
	if ((again = html_sanitize(out, FUZZ_BASE, FUZZ_MAX_SIZE * 2)) ==
	    NULL || strcmp(again, out) != 0) {
		fprintf(stderr, "--- sanitized again ---\n%.2000s\n",
		    again != NULL ? again : "(NULL)");
		fuzz_fail("html_sanitize is not idempotent", out);
	}
	free(again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in, *out;

	if (size > FUZZ_MAX_SIZE || (in = malloc(size + 1)) == NULL)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	if ((out = html_sanitize(in, FUZZ_BASE, FUZZ_MAX_SIZE)) != NULL) {
		fuzz_check(out);
		free(out);
	}
	free(html_to_text(in, FUZZ_MAX_SIZE));
	free(in);
	return 0;
}
