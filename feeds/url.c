/*
 * URLs: resolving a reference found in a document against the document's
 * URL, the canonical form of a link that the store uses as one of an
 * article's identities, and the looser story key that tells a site's
 * http/https, www/mobile and AMP copies of one article apart from other
 * articles. Parsing is curl's URL API (CURLU), so what the fetcher accepts
 * and what we resolve agree.
 */
#include <sys/types.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "feeds/url.h"

#define URL_MAX_LEN	(64 * 1024)	/* longer references: refused */

/*
 * Query parameters that only track the reader, never name the article.
 * Compared case-insensitively; keep sorted (by strcasecmp).
 */
static const char *const url_tracking[] = {
	"_ga",
	"_gl",
	"_hsenc",
	"_hsmi",
	"dclid",
	"fbclid",
	"gbraid",
	"gclid",
	"gclsrc",
	"igshid",
	"mc_cid",
	"mc_eid",
	"mkt_tok",
	"msclkid",
	"ref_src",
	"twclid",
	"wbraid",
	"yclid",
};

/* bsearch comparator over url_tracking and the other sorted name tables. */
static int
url_tracking_cmp_cb(const void *key, const void *elem)
{
	return strcasecmp(key, *(const char *const *)elem);
}

/*
 * A copy of ref as a browser sees it: leading and trailing controls and
 * spaces trimmed, tabs and newlines inside removed (WHATWG URL parsing).
 */
static char *
url_clean(const char *ref)
{
	const char *end;
	char *out, *o;

	while (*ref != '\0' && (unsigned char)*ref <= ' ')
		ref++;
	end = ref + strlen(ref);
	while (end > ref && (unsigned char)end[-1] <= ' ')
		end--;
	if (end - ref > URL_MAX_LEN)
		return NULL;
	if ((out = malloc(end - ref + 1)) == NULL)
		return NULL;
	for (o = out; ref < end; ref++)
		if (*ref != '\t' && *ref != '\n' && *ref != '\r')
			*o++ = *ref;
	*o = '\0';
	return out;
}

/* 1 for an ASCII letter or digit, whatever the locale. */
static int
url_is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/* 1 for an ASCII hex digit. */
static int
url_is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/* The bytes a plain URL tail holds as they are, whatever comes next:
 * ASCII letters and digits and "-._~!$&'()*+,;=:@[]" (not '/', '?', '#'
 * or '%', which url_is_plain_tail looks at). */
static const unsigned char url_plain_byte[256] = {
	['-'] = 1, ['.'] = 1, ['_'] = 1, ['~'] = 1, ['!'] = 1, ['$'] = 1,
	['&'] = 1, ['\''] = 1, ['('] = 1, [')'] = 1, ['*'] = 1, ['+'] = 1,
	[','] = 1, [';'] = 1, ['='] = 1, [':'] = 1, ['@'] = 1, ['['] = 1,
	[']'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};

/*
 * 1 when the path, query and fragment at p (p at the path's '/') are as
 * curl writes them: no dot segments, only characters RFC 3986 allows
 * unencoded (or %XX), no empty query or fragment (curl drops them).
 */
static int
url_is_plain_tail(const char *u, const char *p)
{
	int path = 1;

	for (; *p != '\0'; p++) {
		/* most bytes: a letter, a digit or a sub-delimiter */
		if (url_plain_byte[(unsigned char)*p])
			continue;
		if (*p == '%') {
			if (!url_is_hex(p[1]) || !url_is_hex(p[2]))
				return 0;
			p += 2;
		} else if (*p == '/') {
			if (path && p[1] == '.')
				return 0;
		} else if (*p == '?' || *p == '#') {
			if (p[1] == '\0' || p[1] == '#')
				return 0;
			path = 0;
		} else
			return 0;
	}
	return p - u <= URL_MAX_LEN;
}

/* Where the host of u starts, if u begins "http://" or "https://"; else
 * NULL. */
static const char *
url_http_host(const char *u)
{
	if (strncmp(u, "http://", 7) == 0)
		return u + 7;
	if (strncmp(u, "https://", 8) == 0)
		return u + 8;
	return NULL;
}

/* Past the letters, digits, '-' and '.' of a host name at p. */
static const char *
url_host_end(const char *p)
{
	while (url_is_alnum(*p) || *p == '-' || *p == '.')
		p++;
	return p;
}

/*
 * 1 when u is an absolute http(s) URL that curl gives back byte for byte,
 * so that resolving it needs no parse: a lower-case scheme, a host name
 * (starting with a letter: no IPv4 number to normalize) with no user or
 * port, then a plain tail. test_url compares this against curl on many
 * URLs.
 */
static int
url_is_plain(const char *u)
{
	const char *p;

	if ((p = url_http_host(u)) == NULL ||
	    !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return 0;
	if (*(p = url_host_end(p)) != '/')
		return 0;	/* no path, or a user or port */
	return url_is_plain_tail(u, p);
}

/*
 * 1 when curl surely accepts base: a plain file:/// URL, or an http(s)
 * URL whose host is letters, digits, '-' and '.' (a dotted IPv4 address
 * too: a base need only be accepted, not given back as it was) with at
 * most a port of 1 to 5 digits, then a plain tail. Feeds served from
 * 127.0.0.1:8080 resolve their absolute links without curl too.
 */
static int
url_is_plain_base(const char *base)
{
	const char *p, *start;
	size_t n;

	if (strncmp(base, "file:///", 8) == 0)
		return url_is_plain_tail(base, base + 7);
	if ((p = url_http_host(base)) == NULL || !url_is_alnum(*p))
		return 0;
	p = url_host_end(p);
	if (*p != '/' && *p != ':')
		return 0;	/* no path, or a user */
	if (*p == ':') {
		start = ++p;
		for (n = 0; *p >= '0' && *p <= '9' && p - start < 5; p++)
			n = n * 10 + (*p - '0');
		if (n == 0 || n > 65535 || *p != '/')
			return 0;
	}
	return url_is_plain_tail(base, p);
}

/* curl's string as a malloc'd one (callers free with free()). */
static char *
url_from_curl(char *s)
{
	char *copy;

	if (s == NULL)
		return NULL;
	copy = strdup(s);
	curl_free(s);
	return copy;
}

/* Fill h with the absolute URL ref means relative to base. */
static int
url_set(CURLU *h, const char *base, const char *ref)
{
	const unsigned int fl = CURLU_NON_SUPPORT_SCHEME;

	if (base != NULL && curl_url_set(h, CURLUPART_URL, base, fl) != 0)
		return -1;
	if (base != NULL && ref[0] == '\0')
		return curl_url_set(h, CURLUPART_FRAGMENT, NULL, 0) ? -1 : 0;
	/* curl drops the last path segment for "#f"; RFC 3986 keeps it. */
	if (base != NULL && ref[0] == '#')
		return curl_url_set(h, CURLUPART_FRAGMENT, ref + 1, 0) ? -1 : 0;
	if (curl_url_set(h, CURLUPART_URL, ref, fl) != 0)
		return -1;
	return 0;
}

char *
url_resolve(const char *base, const char *ref)
{
	CURLU *h;
	char *clean, *out = NULL, *s = NULL;

	if (ref == NULL)
		return NULL;
	/* most links in feeds: curl would give ref back unchanged */
	if ((base == NULL || url_is_plain_base(base)) && url_is_plain(ref))
		return strdup(ref);
	if ((clean = url_clean(ref)) == NULL)
		return NULL;
	if ((h = curl_url()) == NULL) {
		free(clean);
		return NULL;
	}
	if (url_set(h, base, clean) == 0 &&
	    curl_url_get(h, CURLUPART_URL, &s, 0) == 0)
		out = url_from_curl(s);
	curl_url_cleanup(h);
	free(clean);
	return out;
}

char *
url_host(const char *url)
{
	CURLU *h;
	char *host = NULL, *port = NULL, *out = NULL, *p;
	size_t n;

	if ((h = curl_url()) == NULL)
		return NULL;
	if (curl_url_set(h, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) !=
	    0) {
		curl_url_cleanup(h);
		return NULL;
	}
	if (curl_url_get(h, CURLUPART_HOST, &host, 0) != 0)
		out = strdup("");	/* file:///path has none */
	else {
		(void)curl_url_get(h, CURLUPART_PORT, &port, 0);
		n = strlen(host) + (port != NULL ? strlen(port) + 1 : 0) + 1;
		if ((out = malloc(n)) != NULL) {
			snprintf(out, n, "%s%s%s", host, port != NULL ? ":" : "",
			    port != NULL ? port : "");
			for (p = out; *p != '\0'; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p - 'A' + 'a');
		}
	}
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(h);
	return out;
}

/* Lower-case the ASCII letters of the host; IDN bytes stay as they are. */
static int
url_lower_host(CURLU *h)
{
	char *host, *p;
	int rc;

	if (curl_url_get(h, CURLUPART_HOST, &host, 0) != 0)
		return 0;	/* file:///x has no host */
	for (p = host; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = *p - 'A' + 'a';
	rc = curl_url_set(h, CURLUPART_HOST, host, 0) ? -1 : 0;
	curl_free(host);
	return rc;
}

/* 1 when the name of query parameter p (up to '=' or the end) tracks. */
static int
url_is_tracking(const char *p, size_t len)
{
	char name[32];
	const char *eq;
	size_t n;

	eq = memchr(p, '=', len);
	n = eq != NULL ? (size_t)(eq - p) : len;
	if (n >= sizeof(name))
		return 0;
	memcpy(name, p, n);
	name[n] = '\0';
	if (strncasecmp(name, "utm_", 4) == 0)
		return 1;
	return bsearch(name, url_tracking,
	    sizeof(url_tracking) / sizeof(url_tracking[0]),
	    sizeof(url_tracking[0]), url_tracking_cmp_cb) != NULL;
}

/*
 * Copy query q[0..n) to out (room for n + 1) without tracking and empty
 * parameters, keeping the others in order; returns the length written.
 */
static size_t
url_filter(const char *q, size_t n, char *out)
{
	const char *p, *amp, *end = q + n;
	char *o = out;
	size_t len;

	for (p = q; p < end; p = amp + 1) {
		if ((amp = memchr(p, '&', end - p)) == NULL)
			amp = end;
		len = amp - p;
		if (len == 0 || url_is_tracking(p, len))
			continue;
		if (o != out)
			*o++ = '&';
		memcpy(o, p, len);
		o += len;
	}
	*o = '\0';
	return o - out;
}

/* Drop tracking and empty parameters, keeping the others in order. */
static int
url_filter_query(CURLU *h)
{
	char *q, *out;
	int rc;

	if (curl_url_get(h, CURLUPART_QUERY, &q, 0) != 0)
		return 0;	/* no query */
	if ((out = malloc(strlen(q) + 1)) == NULL) {
		curl_free(q);
		return -1;
	}
	rc = curl_url_set(h, CURLUPART_QUERY,
	    url_filter(q, strlen(q), out) > 0 ? out : NULL, 0);
	free(out);
	curl_free(q);
	return rc ? -1 : 0;
}

/*
 * The canonical form of a URL url_is_plain accepts with no '%' in its
 * query, as curl writes it: host in lower case, fragment dropped, query
 * filtered.
 */
static char *
url_canonical_plain(const char *url)
{
	const char *host, *q, *end;
	char *out, *o;
	size_t n;

	host = strstr(url, "://") + 3;
	end = url + strcspn(url, "#");
	q = url + strcspn(url, "?#");
	if ((out = malloc(end - url + 1)) == NULL)
		return NULL;
	memcpy(out, url, q - url);
	for (o = out + (host - url); *o != '/'; o++)
		if (*o >= 'A' && *o <= 'Z')
			*o = *o - 'A' + 'a';
	o = out + (q - url);
	if (q < end && (n = url_filter(q + 1, end - q - 1, o + 1)) > 0) {
		*o = '?';
		o += n + 1;
	}
	*o = '\0';
	return out;
}

char *
url_canonical(const char *url)
{
	CURLU *h;
	char *clean, *s = NULL, *out = NULL;

	if (url == NULL || !url_scheme_is(url, "http,https"))
		return NULL;
	/* curl rewrites %XX in a query it is handed back: not done here */
	if (url_is_plain(url) && strchr(url + strcspn(url, "?"), '%') == NULL)
		return url_canonical_plain(url);
	if ((clean = url_clean(url)) == NULL)
		return NULL;
	if ((h = curl_url()) == NULL) {
		free(clean);
		return NULL;
	}
	if (url_set(h, NULL, clean) == 0 && url_lower_host(h) == 0 &&
	    curl_url_set(h, CURLUPART_FRAGMENT, NULL, 0) == 0 &&
	    url_filter_query(h) == 0 &&
	    curl_url_get(h, CURLUPART_URL, &s, CURLU_NO_DEFAULT_PORT) == 0)
		out = url_from_curl(s);
	curl_url_cleanup(h);
	free(clean);
	return out;
}

/*
 * Query parameters, beyond the tracking ones, that say where a reader came
 * from and never which story: dropped from the story key by name.
 * Compared case-insensitively; keep sorted (by strcasecmp).
 */
static const char *const url_story_params[] = {
	"from",
	"spm",
};

/*
 * Whole query parameters that ask for the AMP rendering of a story.
 * Compared case-insensitively; keep sorted (by strcasecmp).
 */
static const char *const url_amp_params[] = {
	"_amp=true",
	"amp",
	"amp=1",
	"outputType=amp",
};

/*
 * Last path segments a server answers for their directory.
 * Compared case-insensitively (IIS is); keep sorted (by strcasecmp).
 */
static const char *const url_index_names[] = {
	"default.aspx",
	"index.htm",
	"index.html",
	"index.php",
	"index.shtml",
};

/* Leading host labels of a site's mobile, AMP or "www" twin. */
static const char *const url_twin_labels[] = {
	"amp.",
	"m.",
	"mobile.",
	"www.",
};

#define URL_NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* One query parameter inside the story key's buffer. */
struct url_param {
	const char	*s;	/* borrows: the key's normalized query */
	size_t		 n;
};

/* 1 when s[0..n) equals, ignoring case, a string of the sorted table. */
static int
url_in_table(const char *s, size_t n, const char *const *table, size_t len)
{
	char key[32];

	if (n >= sizeof(key))
		return 0;	/* no table entry is this long */
	memcpy(key, s, n);
	key[n] = '\0';
	return bsearch(key, table, len, sizeof(table[0]),
	    url_tracking_cmp_cb) != NULL;
}

/* 1 for a character RFC 3986 section 2.3 calls unreserved. */
static int
url_is_unreserved(unsigned char c)
{
	return url_is_alnum((char)c) || c == '-' || c == '.' || c == '_' ||
	    c == '~';
}

/* The value of an ASCII hex digit. */
static int
url_hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return c - 'A' + 10;
}

/*
 * Write s[0..n) to out (room for 3n) in one spelling per meaning (RFC 3986
 * 6.2.2): %XX of an unreserved character decoded, other %XX in upper
 * case, and bytes a URL cannot hold as they are (UTF-8, controls, "<>{}"
 * and the like) encoded, so a link written by hand and one a browser
 * encoded agree. Returns the length written.
 */
static size_t
url_pct_normalize(const char *s, size_t n, char *out)
{
	static const char	 hex[] = "0123456789ABCDEF";
	static const char	 ok[] = ":/?#[]@!$&'()*+,;=%";
	const unsigned char	*p = (const unsigned char *)s, *end = p + n;
	char			*o = out;
	int			 c;

	for (; p < end; p++) {
		if (*p == '%' && end - p >= 3 && url_is_hex((char)p[1]) &&
		    url_is_hex((char)p[2])) {
			c = url_hex_value((char)p[1]) * 16 +
			    url_hex_value((char)p[2]);
			p += 2;
		} else if (url_is_unreserved(*p) ||
		    (*p != '\0' && strchr(ok, *p) != NULL)) {
			*o++ = (char)*p;	/* a lone '%' stays too */
			continue;
		} else
			c = *p;
		if (url_is_unreserved((unsigned char)c))
			*o++ = (char)c;
		else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	return o - out;
}

/*
 * Write the authority auth[0..n) to o without a leading twin label, when
 * what remains is still a name with a dot ("www.com" stays); returns
 * the end of what was written.
 */
static char *
url_story_host(char *o, const char *auth, size_t n)
{
	const char *host, *at, *end, *rest;
	size_t i, len;

	host = auth;
	while ((at = memchr(host, '@', auth + n - host)) != NULL)
		host = at + 1;
	end = host;
	while (end < auth + n && *end != ':')
		end++;
	for (i = 0; i < URL_NITEMS(url_twin_labels); i++) {
		len = strlen(url_twin_labels[i]);
		rest = host + len;
		if ((size_t)(end - host) > len &&
		    strncmp(host, url_twin_labels[i], len) == 0 &&
		    memchr(rest, '.', end - rest) != NULL) {
			memcpy(o, auth, host - auth);
			o += host - auth;
			memcpy(o, rest, auth + n - rest);
			return o + (auth + n - rest);
		}
	}
	memcpy(o, auth, n);
	return o + n;
}

/* 1 when s[0..n) ends with the NUL-terminated suffix and has more. */
static int
url_ends(const char *s, size_t n, const char *suffix)
{
	size_t len = strlen(suffix);

	return n > len && memcmp(s + n - len, suffix, len) == 0;
}

/*
 * Map the normalized path[0..n) (starting '/') in place to its article:
 * AMP forms and index files dropped, no trailing '/'; returns the new
 * length.
 */
static size_t
url_story_path(char *path, size_t n)
{
	char *seg;
	size_t len;

	if (n >= 5 && memcmp(path, "/amp/", 5) == 0) {
		memmove(path, path + 4, n - 4);
		n -= 4;
	}
	if (n > 1 && path[n - 1] == '/')
		n--;
	for (seg = path + n; seg[-1] != '/'; seg--)
		;
	len = path + n - seg;
	if ((len == 3 && memcmp(seg, "amp", 3) == 0) ||
	    (len == 8 && memcmp(seg, "amp.html", 8) == 0))
		n -= len;
	else if (url_ends(seg, len, ".amp.html")) {
		memmove(path + n - 9, path + n - 5, 5);	/* ".html" */
		n -= 4;
	} else if (url_ends(seg, len, ".amp"))
		n -= 4;
	for (seg = path + n; seg[-1] != '/'; seg--)
		;
	if (url_in_table(seg, path + n - seg, url_index_names,
	    URL_NITEMS(url_index_names)))
		n = seg - path;
	if (n > 1 && path[n - 1] == '/')
		n--;
	return n;
}

/* 1 when query parameter p[0..len) is left out of the story key. */
static int
url_story_drops(const char *p, size_t len, const char *const *extra)
{
	const char *eq;
	size_t n;

	if (url_is_tracking(p, len) ||
	    url_in_table(p, len, url_amp_params, URL_NITEMS(url_amp_params)))
		return 1;
	eq = memchr(p, '=', len);
	n = eq != NULL ? (size_t)(eq - p) : len;
	if (url_in_table(p, n, url_story_params,
	    URL_NITEMS(url_story_params)))
		return 1;
	for (; extra != NULL && *extra != NULL; extra++)
		if (strncasecmp(*extra, p, n) == 0 && (*extra)[n] == '\0')
			return 1;
	return 0;
}

/* qsort comparator over struct url_param: bytewise, shorter first. */
static int
url_param_cmp_cb(const void *a, const void *b)
{
	const struct url_param *pa = a, *pb = b;
	int c;

	c = memcmp(pa->s, pb->s, pa->n < pb->n ? pa->n : pb->n);
	if (c != 0)
		return c;
	return (pa->n > pb->n) - (pa->n < pb->n);
}

/*
 * Write "?" and the kept parameters of the normalized query q[0..n),
 * sorted, to o (room for n + 1), or nothing when none is kept; returns the
 * length written, or -1 on ENOMEM.
 */
static ssize_t
url_story_query(const char *q, size_t n, const char *const *extra, char *o)
{
	struct url_param *v;
	const char *p, *amp, *end = q + n;
	size_t i, nv = 1;
	char *start = o;

	for (p = q; p < end; p++)
		nv += *p == '&';
	if ((v = calloc(nv, sizeof(*v))) == NULL)
		return -1;
	nv = 0;
	for (p = q; p < end; p = amp + 1) {
		if ((amp = memchr(p, '&', end - p)) == NULL)
			amp = end;
		if (amp > p && !url_story_drops(p, amp - p, extra)) {
			v[nv].s = p;
			v[nv++].n = amp - p;
		}
	}
	qsort(v, nv, sizeof(*v), url_param_cmp_cb);
	for (i = 0; i < nv; i++) {
		*o++ = i == 0 ? '?' : '&';
		memcpy(o, v[i].s, v[i].n);
		o += v[i].n;
	}
	free(v);
	return o - start;
}

/*
 * Build the key from the canonical form c: "//", the authority, the
 * path and the query, each folded; NULL on ENOMEM.
 */
static char *
url_story_key(const char *c, const char *const *extra)
{
	const char *auth, *path, *q;
	char *key, *o, *qbuf;
	size_t n, qn;
	ssize_t w;

	auth = strstr(c, "://") + 3;
	path = auth + strcspn(auth, "/?");
	q = path + strcspn(path, "?");
	n = strlen(c);
	if ((key = malloc(3 * n + 4)) == NULL)
		return NULL;
	memcpy(key, "//", 2);
	o = url_story_host(key + 2, auth, path - auth);
	if (q == path)
		memcpy(o, "/", 1);
	n = q == path ? 1 : url_pct_normalize(path, q - path, o);
	o += url_story_path(o, n);
	if (*q == '?') {
		if ((qbuf = malloc(3 * strlen(q) + 1)) == NULL) {
			free(key);
			return NULL;
		}
		qn = url_pct_normalize(q + 1, strlen(q + 1), qbuf);
		w = url_story_query(qbuf, qn, extra, o);
		free(qbuf);
		if (w == -1) {
			free(key);
			return NULL;
		}
		o += w;
	}
	*o = '\0';
	return key;
}

char *
url_story(const char *url, const char *const *extra)
{
	char *c, *key;

	if ((c = url_canonical(url)) == NULL)
		return NULL;
	key = url_story_key(c, extra);
	free(c);
	return key;
}

int
url_scheme_is(const char *url, const char *schemes)
{
	const char *p, *end;
	size_t n, len;

	if (url == NULL || schemes == NULL)
		return 0;
	while (*url != '\0' && (unsigned char)*url <= ' ')
		url++;
	if (!isalpha((unsigned char)url[0]))
		return 0;
	for (n = 1; isalnum((unsigned char)url[n]) || url[n] == '+' ||
	    url[n] == '-' || url[n] == '.'; n++)
		;
	if (url[n] != ':')
		return 0;
	for (p = schemes; *p != '\0'; p = *end != '\0' ? end + 1 : end) {
		if ((end = strchr(p, ',')) == NULL)
			end = p + strlen(p);
		while (p < end && *p == ' ')
			p++;
		for (len = end - p; len > 0 && p[len - 1] == ' '; len--)
			;
		if (len == n && strncasecmp(url, p, n) == 0)
			return 1;
	}
	return 0;
}

char *
url_from_path(const char *path)
{
	static const char	 ok[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/!$&'()*+,;=:@";
	char			*url, *o;
	const unsigned char	*s;

	if ((url = malloc(strlen("file://") + 3 * strlen(path) + 1)) == NULL)
		return NULL;
	o = url + strlen(strcpy(url, "file://"));
	for (s = (const unsigned char *)path; *s != '\0'; s++)
		if (strchr(ok, *s) != NULL)
			*o++ = (char)*s;
		else
			o += sprintf(o, "%%%02X", *s);
	*o = '\0';
	return url;
}
