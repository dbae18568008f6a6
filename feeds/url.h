/*
 * URLs: resolving references against a base and the canonical form used as
 * an article's identity, both with curl's URL API (CURLU).
 */
#ifndef FEEDS_URL_H
#define FEEDS_URL_H

/*
 * Resolve ref against base (RFC 3986). base may be NULL when ref is
 * absolute. Returns a malloc'd absolute URL, or NULL when ref cannot be
 * made absolute or is not a valid URL.
 */
char	*url_resolve(const char *base, const char *ref);

/*
 * The canonical form of an absolute http(s) URL: scheme and host in lower
 * case, the default port dropped, the fragment dropped, tracking query
 * parameters (utm_*, fbclid, gclid, ...) dropped, an empty query dropped.
 * Returns a malloc'd string, or NULL when url is not a valid URL.
 */
char	*url_canonical(const char *url);

/*
 * The identity of the story an absolute http(s) URL names, for telling
 * that two URLs are one article: url_canonical's form, then the scheme
 * folded (http and https are one: the key starts "//"), a leading "www."
 * "m." "mobile." or "amp." host label dropped, AMP variants mapped to the
 * article (a last path segment "amp" or "amp.html", ".amp.html" or
 * ".amp" before the end, "/amp/" as the first path segment, query
 * parameters amp, amp=1, outputType=amp, _amp=true), a trailing
 * "index.html" "index.htm" "index.php" "index.shtml" "default.aspx"
 * dropped, a trailing '/' dropped (the root "/" stays), the query's
 * parameters sorted, and the parameters spm and from dropped besides the
 * tracking ones, plus each name in extra (NULL-terminated, may be NULL:
 * the feeds file's tracking-params). Not a URL to fetch: a key. Returns a
 * malloc'd string, or NULL when url is not a valid http(s) URL.
 */
char	*url_story(const char *url, const char *const *extra);

/* The file:// URL of an absolute path, percent-encoding what a URL path
 * cannot hold; malloc'd, NULL on ENOMEM. */
char	*url_from_path(const char *path);

/* The host of an absolute URL in lower case, with its port when one is
 * given ("example.org:8080"); "" for a file: URL. malloc'd; NULL when url
 * is not a valid URL, or on ENOMEM. */
char	*url_host(const char *url);

/* 1 when url's scheme is one of the comma-separated schemes, else 0. */
int	 url_scheme_is(const char *url, const char *schemes);

#endif /* FEEDS_URL_H */
