/*
 * daemon/confval: the value syntax of the feeds file. Pure functions, text
 * in and a value or an error message out, so every rule of what a value
 * may look like is unit-tested alone; daemon/conf owns the file structure
 * (sections, keys, lines) and turns these messages into "file:line: key:
 * message".
 */
#include <sys/types.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/confval.h"
#include "daemon/log.h"
#include "feeds/url.h"

/* A unit suffix of a number: "30m", "16M". */
struct confval_suffix {
	char		 suffix;
	long long	 mult;
};

/* Keep in the order of the units' size, smallest first. */
static const struct confval_suffix confval_time_units[] = {
	{ 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 }, { 0, 0 }
};
static const struct confval_suffix confval_size_units[] = {
	{ 'K', 1024LL }, { 'M', 1024LL * 1024 }, { 'G', 1024LL * 1024 * 1024 },
	{ 0, 0 }
};
static const struct confval_suffix confval_no_units[] = { { 0, 0 } };

/* Each unit's suffixes and how to ask for it; indexed by confval_unit. */
static const struct confval_unit_info {
	const struct confval_suffix	*suffixes;
	const char			*like;	/* an example */
} confval_units[] = {
	[CONFVAL_INT] = { confval_no_units, "a whole number" },
	[CONFVAL_DURATION] = { confval_time_units, "a duration like 30m" },
	[CONFVAL_SIZE] = { confval_size_units, "a size like 16M" },
};

/* A value made safe and short enough to quote in a message. */
#define CONFVAL_ESC(s, b)	log_escape((s), (b), sizeof(b))

/* Fill err with "out of memory" and return NULL, for one-line exits. */
static void *
confval_nomem(char *err, size_t errlen)
{
	(void)snprintf(err, errlen, "out of memory");
	return NULL;
}

int
confval_isspace(int c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

/* --- numbers ------------------------------------------------------------- */

/*
 * Read digits and an optional unit suffix into *out: 0 when done, -1 when
 * v is not such a number, -2 when it does not fit a long long.
 */
static int
confval_strtonum(const char *v, const struct confval_suffix *units,
    long long *out)
{
	const struct confval_suffix	*u;
	const char			*s;
	long long			 n = 0, mult = 1;
	int				 big = 0;

	if (*v < '0' || *v > '9')
		return -1;
	for (s = v; *s >= '0' && *s <= '9'; s++) {
		if (n > (LLONG_MAX - (*s - '0')) / 10)
			big = 1;
		else
			n = n * 10 + (*s - '0');
	}
	if (*s != '\0') {
		for (u = units; u->suffix != 0; u++)
			if (*s == u->suffix || (u->suffix >= 'A' &&
			    u->suffix <= 'Z' && *s == u->suffix + 'a' - 'A'))
				break;
		if (u->suffix == 0 || s[1] != '\0')
			return -1;
		mult = u->mult;
	}
	if (big || n > LLONG_MAX / mult)
		return -2;
	*out = n * mult;
	return 0;
}

const char *
confval_fmtnum(enum confval_unit unit, long long n, char *buf, size_t len)
{
	const struct confval_suffix	*u, *best = NULL;

	for (u = confval_units[unit].suffixes; u->suffix != 0; u++)
		if (n != 0 && n % u->mult == 0)
			best = u;
	if (best != NULL)
		(void)snprintf(buf, len, "%lld%c", n / best->mult,
		    best->suffix);
	else
		(void)snprintf(buf, len, "%lld", n);
	return buf;
}

int
confval_number(const char *v, enum confval_unit unit, long long min,
    long long max, long long *out, char *err, size_t errlen)
{
	const struct confval_unit_info	*t = &confval_units[unit];
	char				 esc[80], lo[32], hi[32];
	long long			 n;
	int				 rc;

	rc = confval_strtonum(v, t->suffixes, &n);
	if (rc == -1) {
		(void)snprintf(err, errlen, "expected %s, got '%s'", t->like,
		    CONFVAL_ESC(v, esc));
		return -1;
	}
	if (rc == -2 || n < min || n > max) {
		(void)snprintf(err, errlen, "'%s' is out of range (%s to %s)",
		    CONFVAL_ESC(v, esc), confval_fmtnum(unit, min, lo,
		    sizeof(lo)), confval_fmtnum(unit, max, hi, sizeof(hi)));
		return -1;
	}
	*out = n;
	return 0;
}

/* --- text and lists ------------------------------------------------------ */

char *
confval_unquote(const char *v)
{
	size_t	 len = strlen(v);

	if (len >= 2 && v[0] == '"' && v[len - 1] == '"')
		return strndup(v + 1, len - 2);
	return strdup(v);
}

char *
confval_text(const char *v, char *err, size_t errlen)
{
	char	 esc[80];
	char	*s;

	if ((s = confval_unquote(v)) == NULL)
		return confval_nomem(err, errlen);
	if (*s == '\0') {
		free(s);
		(void)snprintf(err, errlen, "expected text, got '%s'",
		    CONFVAL_ESC(v, esc));
		return NULL;
	}
	return s;
}

void
confval_list_free(char **list)
{
	char	**s;

	if (list == NULL)
		return;
	for (s = list; *s != NULL; s++)
		free(*s);
	free(list);
}

/* Append a copy of item (len bytes) to the NULL-terminated *list of *np. */
static int
confval_list_add(char ***list, size_t *np, const char *item, size_t len)
{
	char	**grown, *copy;

	if ((copy = strndup(item, len)) == NULL)
		return -1;
	if ((grown = realloc(*list, (*np + 2) * sizeof(*grown))) == NULL) {
		free(copy);
		return -1;
	}
	grown[(*np)++] = copy;
	grown[*np] = NULL;
	*list = grown;
	return 0;
}

/* Why a list is malformed. */
enum confval_list_bad {
	CONFVAL_LIST_OK,
	CONFVAL_LIST_OPENQ,	/* a double quote left open */
	CONFVAL_LIST_AFTERQ,	/* text after a closing quote */
	CONFVAL_LIST_STRAYQ,	/* a double quote inside an item */
	CONFVAL_LIST_EMPTY	/* nothing between two commas */
};

/*
 * Find the list item at *sp: its bounds in *item and *end, and *sp moved
 * to the ',' or NUL after it; on failure says why.
 */
static enum confval_list_bad
confval_list_item(const char **sp, const char **item, const char **end)
{
	const char	*s = *sp;

	while (confval_isspace((unsigned char)*s))
		s++;
	if (*s == '"') {
		*item = s + 1;
		if ((*end = strchr(*item, '"')) == NULL)
			return CONFVAL_LIST_OPENQ;
		s = *end + 1;
		while (confval_isspace((unsigned char)*s))
			s++;
		if (*s != ',' && *s != '\0')
			return CONFVAL_LIST_AFTERQ;
	} else {
		*item = s;
		s += strcspn(s, ",");
		for (*end = s; *end > *item &&
		    confval_isspace((unsigned char)(*end)[-1]); (*end)--)
			;
		if (memchr(*item, '"', *end - *item) != NULL)
			return CONFVAL_LIST_STRAYQ;
	}
	*sp = s;
	return *end == *item ? CONFVAL_LIST_EMPTY : CONFVAL_LIST_OK;
}

/* Put the message for a malformed list v into err. */
static void
confval_list_error(enum confval_list_bad bad, const char *v, char *err,
    size_t errlen)
{
	char	 esc[80];

	CONFVAL_ESC(v, esc);
	switch (bad) {
	case CONFVAL_LIST_OPENQ:
		(void)snprintf(err, errlen, "unterminated double quote");
		break;
	case CONFVAL_LIST_AFTERQ:
		(void)snprintf(err, errlen, "expected ',' after a quoted item "
		    "in '%s'", esc);
		break;
	case CONFVAL_LIST_STRAYQ:
		(void)snprintf(err, errlen, "stray double quote in '%s'", esc);
		break;
	default:
		(void)snprintf(err, errlen, "empty item in list '%s'", esc);
		break;
	}
}

char **
confval_list(const char *v, size_t *np, char *err, size_t errlen)
{
	const char		 *s = v, *item, *end;
	char			**list = NULL;
	enum confval_list_bad	  bad;

	*np = 0;
	for (;;) {
		if ((bad = confval_list_item(&s, &item, &end)) !=
		    CONFVAL_LIST_OK) {
			confval_list_error(bad, v, err, errlen);
			break;
		}
		if (confval_list_add(&list, np, item, end - item) == -1) {
			(void)confval_nomem(err, errlen);
			break;
		}
		if (*s != ',')
			return list;
		s++;
	}
	confval_list_free(list);
	*np = 0;
	return NULL;
}

/* --- addresses and URLs -------------------------------------------------- */

/* 1 when s is a decimal port number 1-65535. */
static int
confval_port_ok(const char *s)
{
	long	 port = 0;
	size_t	 i;

	for (i = 0; s[i] >= '0' && s[i] <= '9' && i < 5; i++)
		port = port * 10 + (s[i] - '0');
	return i > 0 && s[i] == '\0' && port >= 1 && port <= 65535;
}

/* 1 when v is host:port, with the host a name, IPv4 or [IPv6] address. */
static int
confval_listen_ok(const char *v)
{
	const char	*close, *colon, *h;
	char		 addr[INET6_ADDRSTRLEN];
	struct in6_addr	 in6;

	if (*v == '[') {
		if ((close = strchr(v, ']')) == NULL || close[1] != ':' ||
		    (size_t)(close - v - 1) >= sizeof(addr))
			return 0;
		memcpy(addr, v + 1, close - v - 1);
		addr[close - v - 1] = '\0';
		return inet_pton(AF_INET6, addr, &in6) == 1 &&
		    confval_port_ok(close + 2);
	}
	if ((colon = strchr(v, ':')) == NULL || colon == v ||
	    strchr(colon + 1, ':') != NULL)
		return 0;
	for (h = v; h < colon; h++)
		if (!((*h >= 'a' && *h <= 'z') || (*h >= 'A' && *h <= 'Z') ||
		    (*h >= '0' && *h <= '9') || *h == '.' || *h == '-'))
			return 0;
	return confval_port_ok(colon + 1);
}

char *
confval_listen(const char *v, char *err, size_t errlen)
{
	char	 esc[80];
	char	*s;

	if (*v == '\0' || strcmp(v, "off") == 0)
		s = strdup("");
	else if (!confval_listen_ok(v)) {
		(void)snprintf(err, errlen, "expected host:port, "
		    "[v6addr]:port or off, got '%s'", CONFVAL_ESC(v, esc));
		return NULL;
	} else
		s = strdup(v);
	return s != NULL ? s : confval_nomem(err, errlen);
}

char *
confval_baseurl(const char *v, char *err, size_t errlen)
{
	char	 esc[80];
	char	*u = NULL, *s;
	size_t	 len;

	if (!url_scheme_is(v, "http,https") ||
	    (u = url_resolve(NULL, v)) == NULL || strpbrk(u, "?#") != NULL) {
		free(u);
		(void)snprintf(err, errlen, "expected an absolute http or "
		    "https URL without query or fragment, got '%s'",
		    CONFVAL_ESC(v, esc));
		return NULL;
	}
	len = strlen(u);
	if (len > 0 && u[len - 1] == '/')
		return u;
	if ((s = malloc(len + 2)) != NULL) {
		memcpy(s, u, len);
		memcpy(s + len, "/", 2);
	}
	free(u);
	return s != NULL ? s : confval_nomem(err, errlen);
}

/* 1 when v starts with an RFC 3986 scheme and ':'. */
static int
confval_has_scheme(const char *v)
{
	const char	*s = v;

	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		return 0;
	while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	    (*s >= '0' && *s <= '9') || *s == '+' || *s == '-' || *s == '.')
		s++;
	return *s == ':';
}

char *
confval_url(const char *base, const char *v, char *err, size_t errlen)
{
	static const char	 schemes[] = "http,https,file";
	char			 esc[80];
	char			*u;

	if (confval_has_scheme(v) && !url_scheme_is(v, schemes)) {
		(void)snprintf(err, errlen, "scheme must be http, https or "
		    "file, got '%s'", CONFVAL_ESC(v, esc));
		return NULL;
	}
	if ((u = url_resolve(base, v)) == NULL ||
	    !url_scheme_is(u, schemes)) {
		free(u);
		(void)snprintf(err, errlen, "not a valid URL: '%s'",
		    CONFVAL_ESC(v, esc));
		return NULL;
	}
	return u;
}

/* --- paths --------------------------------------------------------------- */

char *
confval_join(const char *dir, const char *name)
{
	size_t	 dlen, nlen = strlen(name);
	char	*s;

	if (strcmp(dir, "/") == 0)
		dir = "";
	dlen = strlen(dir);
	if ((s = malloc(dlen + nlen + 2)) == NULL)
		return NULL;
	memcpy(s, dir, dlen);
	s[dlen] = '/';
	memcpy(s + dlen + 1, name, nlen + 1);
	return s;
}

char *
confval_path(const char *dir, const char *v, char *err, size_t errlen)
{
	char	*s, *abs;

	if ((s = confval_unquote(v)) == NULL)
		return confval_nomem(err, errlen);
	if (*s == '\0') {
		free(s);
		(void)snprintf(err, errlen, "expected a path, got an empty "
		    "one");
		return NULL;
	}
	if (*s == '/' || dir == NULL)
		return s;
	abs = confval_join(dir, s);
	free(s);
	return abs != NULL ? abs : confval_nomem(err, errlen);
}
