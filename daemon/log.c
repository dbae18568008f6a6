/*
 * daemon/log: the one place lines reach stderr. Each event is one line,
 * written with a single write(2) so concurrent writers never interleave.
 * Under systemd the line carries a syslog level prefix ("<3>") that the
 * journal reads; elsewhere it carries an ISO 8601 UTC timestamp.
 * log_escape makes strings from the network safe to put in such a line.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "daemon/log.h"

static void	log_errx(const char *, ...)
	    __attribute__((format(printf, 1, 2)));

#define LOG_LINE_MAX	8192

enum log_level {
	LOG_LEVEL_ERR = 3,
	LOG_LEVEL_WARN = 4,
	LOG_LEVEL_INFO = 6,
	LOG_LEVEL_DEBUG = 7
};

static int	log_verbose;
static int	log_quiet;
static int	log_journal;

/*
 * stderr is the journal only when JOURNAL_STREAM names the very file
 * stderr is open on (systemd.exec(5)); a child that inherited the variable
 * but has stderr redirected must not print level prefixes.
 */
static int
log_is_journal(void)
{
	const char		*env;
	struct stat		 st;
	unsigned long long	 dev, ino;
	char			 end;

	if ((env = getenv("JOURNAL_STREAM")) == NULL || *env == '\0')
		return 0;
	if (sscanf(env, "%llu:%llu%c", &dev, &ino, &end) != 2)
		return 0;
	if (fstat(STDERR_FILENO, &st) == -1)
		return 0;
	return (unsigned long long)st.st_dev == dev &&
	    (unsigned long long)st.st_ino == ino;
}

void
log_init(int verbose, int quiet)
{
	log_verbose = verbose;
	log_quiet = quiet;
	log_journal = log_is_journal();
}

static const char *
log_level_word(enum log_level level)
{
	switch (level) {
	case LOG_LEVEL_ERR:
		return "error: ";
	case LOG_LEVEL_WARN:
		return "warning: ";
	case LOG_LEVEL_DEBUG:
		return "debug: ";
	case LOG_LEVEL_INFO:
	default:
		return "info: ";
	}
}

/* The new length after snprintf returned n, kept one short of the buffer
 * so the final newline always fits. */
static size_t
log_advance(size_t len, int n, size_t size)
{
	if (n > 0)
		len += (size_t)n;
	if (len > size - 2)
		len = size - 2;
	return len;
}

static void	log_vline(enum log_level, int, const char *, va_list)
		    __attribute__((format(printf, 3, 0)));

/* Format one whole line (prefix, message, optional strerror) and write it
 * at once; errnum 0 means no strerror suffix. */
static void
log_vline(enum log_level level, int errnum, const char *fmt, va_list ap)
{
	char		 line[LOG_LINE_MAX];
	char		 stamp[32];
	size_t		 len;
	ssize_t		 w;
	int		 n;
	time_t		 now;
	struct tm	 tm;

	if (level == LOG_LEVEL_DEBUG && log_verbose < 1)
		return;
	if (level == LOG_LEVEL_INFO && log_quiet)
		return;
	if (log_journal)
		(void)snprintf(stamp, sizeof(stamp), "<%d>", (int)level);
	else {
		now = time(NULL);
		gmtime_r(&now, &tm);
		if (strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ ",
		    &tm) == 0)
			stamp[0] = '\0';
	}
	n = snprintf(line, sizeof(line), "%s%s", stamp, log_level_word(level));
	len = n > 0 ? (size_t)n : 0;
	n = vsnprintf(line + len, sizeof(line) - len, fmt, ap);
	len = log_advance(len, n, sizeof(line));
	if (errnum != 0) {
		n = snprintf(line + len, sizeof(line) - len, ": %s",
		    strerror(errnum));
		len = log_advance(len, n, sizeof(line));
	}
	while (len > 0 && line[len - 1] == '\n')
		len--;
	line[len++] = '\n';
	w = write(STDERR_FILENO, line, len);
	(void)w;
}

void
log_warn(const char *fmt, ...)
{
	va_list	 ap;
	int	 saved = errno;

	va_start(ap, fmt);
	log_vline(LOG_LEVEL_WARN, saved, fmt, ap);
	va_end(ap);
	errno = saved;
}

void
log_warnx(const char *fmt, ...)
{
	va_list	 ap;
	int	 saved = errno;

	va_start(ap, fmt);
	log_vline(LOG_LEVEL_WARN, 0, fmt, ap);
	va_end(ap);
	errno = saved;
}

void
log_info(const char *fmt, ...)
{
	va_list	 ap;
	int	 saved = errno;

	va_start(ap, fmt);
	log_vline(LOG_LEVEL_INFO, 0, fmt, ap);
	va_end(ap);
	errno = saved;
}

void
log_debug(const char *fmt, ...)
{
	va_list	 ap;
	int	 saved = errno;

	va_start(ap, fmt);
	log_vline(LOG_LEVEL_DEBUG, 0, fmt, ap);
	va_end(ap);
	errno = saved;
}

/* An error-level line that does not end the process. */
static void
log_errx(const char *fmt, ...)
{
	va_list	 ap;
	int	 saved = errno;

	va_start(ap, fmt);
	log_vline(LOG_LEVEL_ERR, 0, fmt, ap);
	va_end(ap);
	errno = saved;
}

void
fatal(const char *fmt, ...)
{
	va_list	 ap;
	int	 saved = errno;

	va_start(ap, fmt);
	log_vline(LOG_LEVEL_ERR, saved, fmt, ap);
	va_end(ap);
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_vline(LOG_LEVEL_ERR, 0, fmt, ap);
	va_end(ap);
	exit(1);
}

/* event_set_log_callback: libevent's own diagnostics, at our levels. */
static void
log_event_cb(int severity, const char *msg)
{
	char	 esc[1024];

	log_escape(msg, esc, sizeof(esc));
	switch (severity) {
	case EVENT_LOG_DEBUG:
		log_debug("libevent: %s", esc);
		break;
	case EVENT_LOG_MSG:
		log_info("libevent: %s", esc);
		break;
	case EVENT_LOG_WARN:
		log_warnx("libevent: %s", esc);
		break;
	default:
		log_errx("libevent: %s", esc);
		break;
	}
}

/* event_set_fatal_callback: libevent hit an internal error; it must not
 * return, so log it and end the process as fatalx would. */
static void
log_event_fatal_cb(int err)
{
	fatalx("libevent: fatal internal error %d", err);
}

void
log_libevent(void)
{
	event_set_log_callback(log_event_cb);
	event_set_fatal_callback(log_event_fatal_cb);
}

/*
 * The length of the valid UTF-8 sequence at p (RFC 3629: no overlong
 * forms, no surrogates, nothing past U+10FFFF), or 0. The string's NUL
 * fails every continuation test, so this never reads past it.
 */
static size_t
log_utf8_len(const unsigned char *p)
{
	unsigned char	 lo = 0x80, hi = 0xbf;
	size_t		 len, i;

	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		if (p[0] == 0xe0)
			lo = 0xa0;
		else if (p[0] == 0xed)
			hi = 0x9f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		if (p[0] == 0xf0)
			lo = 0x90;
		else if (p[0] == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return len;
}

/*
 * Valid UTF-8 that is still unsafe on a terminal or in a log line: the C1
 * controls, the line and paragraph separators and the bidirectional
 * overrides and isolates, which can make a line read as something else.
 */
static int
log_utf8_unsafe(const unsigned char *p, size_t len)
{
	if (len == 2)
		return p[0] == 0xc2 && p[1] <= 0x9f;
	if (len == 3 && p[0] == 0xe2 && p[1] == 0x80)
		return p[2] >= 0xa8 && p[2] <= 0xae;
	if (len == 3 && p[0] == 0xe2 && p[1] == 0x81)
		return p[2] >= 0xa6 && p[2] <= 0xa9;
	return 0;
}

/* The escaped form of the character at p into out; returns the number of
 * input bytes it stands for. */
static size_t
log_escape_one(const unsigned char *p, char out[32])
{
	size_t	 len, i;

	if (*p == '\\' || *p == '\n' || *p == '\t' || *p == '\r') {
		out[0] = '\\';
		out[1] = *p == '\\' ? '\\' : *p == '\n' ? 'n' :
		    *p == '\t' ? 't' : 'r';
		out[2] = '\0';
		return 1;
	}
	if (*p >= 0x20 && *p < 0x7f) {
		out[0] = (char)*p;
		out[1] = '\0';
		return 1;
	}
	if (*p >= 0x80 && (len = log_utf8_len(p)) != 0) {
		if (!log_utf8_unsafe(p, len)) {
			memcpy(out, p, len);
			out[len] = '\0';
		} else
			for (i = 0; i < len; i++)
				(void)snprintf(out + 4 * i, 5, "\\x%02x",
				    p[i]);
		return len;
	}
	(void)snprintf(out, 5, "\\x%02x", *p);
	return 1;
}

/* Escape s into buf, at most limit bytes before the NUL; returns 1 when
 * all of s fit, 0 when it stopped early (never inside an escape). */
static int
log_escape_into(const char *s, char *buf, size_t limit)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			 one[32];
	size_t			 len = 0, k, used;

	while (*p != '\0') {
		used = log_escape_one(p, one);
		k = strlen(one);
		if (len + k > limit) {
			buf[len] = '\0';
			return 0;
		}
		memcpy(buf + len, one, k);
		len += k;
		p += used;
	}
	buf[len] = '\0';
	return 1;
}

char *
log_escape(const char *s, char *buf, size_t n)
{
	if (n == 0)
		return buf;
	if (s == NULL)
		s = "(null)";
	if (log_escape_into(s, buf, n - 1))
		return buf;
	/* Too long: cut where "..." still fits, so a reader sees the cut. */
	if (n > 4) {
		(void)log_escape_into(s, buf, n - 4);
		memcpy(buf + strlen(buf), "...", 4);
	}
	return buf;
}
