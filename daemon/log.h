/*
 * Logging in the OpenBSD manner: one line per event, with a level, to
 * stderr (the journal under systemd). Strings that came from the network
 * go through log_escape first.
 */
#ifndef DAEMON_LOG_H
#define DAEMON_LOG_H

#include <stddef.h>

/* verbosity: 0 info and up, 1 adds debug; quiet hides info. */
void	 log_init(int verbose, int quiet);
void	 log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	 fatalx(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
/* Route libevent's own messages into this log. */
void	 log_libevent(void);
/*
 * Copy s into buf (size n) with '\\', control characters, invalid UTF-8
 * and terminal-unsafe code points (C1, bidi overrides) escaped (\n, \x1b,
 * ...), valid UTF-8 kept, and truncated to fit with "..."; returns buf.
 */
char	*log_escape(const char *s, char *buf, size_t n);

#endif /* DAEMON_LOG_H */
