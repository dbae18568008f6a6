/*
 * Every default and limit in one place. The feeds file may change the
 * configurable ones; see the key table in confkeys.c.
 */
#ifndef DAEMON_DEFAULTS_H
#define DAEMON_DEFAULTS_H

#ifndef SYSCONFDIR
#define SYSCONFDIR		"/etc"
#endif
#define DEFAULT_CONF		SYSCONFDIR "/unifeed/feeds.conf"
#define DEFAULT_TITLE		"unifeed"
#define DEFAULT_LISTEN		"127.0.0.1:8080"
#define DEFAULT_OUTPUT		"public"
#define DEFAULT_STATE		"state.db"
#define DEFAULT_INTERVAL	(30 * 60)	/* seconds between polls */
#define DEFAULT_KEEP		100		/* entries per published feed */
#define DEFAULT_CONNECT_TIMEOUT	10		/* seconds */
#define DEFAULT_TIMEOUT		60		/* seconds, whole transfer */
#define DEFAULT_MAX_SIZE	(16UL * 1024 * 1024)	/* body bytes */
#define DEFAULT_MAX_REDIRECTS	5
#define DEFAULT_PER_HOST	2		/* connections per host */
#define DEFAULT_MAX_ITEMS	1000		/* items kept per parsed feed */
#define DEFAULT_ARTICLE_RATE	2		/* article pages per second
						 * from one host (fulltext) */
#define DEFAULT_RETAIN		(30 * 24 * 3600) /* text kept outside feeds */
#define DEFAULT_MERGE_WINDOW	(3 * 24 * 3600)	/* near-duplicates further
						 * apart are two stories */

#define MIN_INTERVAL		10		/* seconds */
#define MAX_INTERVAL		(7 * 24 * 3600)
#define MAX_KEEP		10000
#define MAX_BACKOFF		(24 * 3600)	/* failing sources wait at most */
#define JITTER_PERCENT		10		/* of the interval, either way */
#define MAX_SOURCES		10000
#define MAX_TOPICS		1000
#define MAX_HTML_SIZE		(1024 * 1024)	/* one summary or content */

/* Ranges of the feeds file's keys (see the key table in confkeys.c). */
#define MAX_TIMEOUT		3600		/* seconds, whole transfer */
#define MAX_CONNECT_TIMEOUT	300		/* seconds */
#define MIN_MAX_SIZE		1024		/* body bytes */
#define MAX_MAX_SIZE		(1024UL * 1024 * 1024)
#define MAX_REDIRECTS		20
#define MAX_ARTICLE_RATE	1000
#define MAX_MERGE_WINDOW	(30 * 24 * 3600)
#define MAX_RETAIN		(10 * 365 * 24 * 3600)
#define PRUNE_EVERY		3600		/* seconds between prunes */
#define MAX_NAME		64		/* bytes in a [source NAME] */
#define MAX_CONF_LINE		4096		/* bytes in a feeds file line */
#define MAX_CONF_ERRORS		100		/* reported before giving up */

#endif /* DAEMON_DEFAULTS_H */
