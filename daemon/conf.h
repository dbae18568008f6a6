/*
 * The feeds file: an INI-style file of [unifeed], [source NAME] and
 * [topic NAME] sections, parsed and validated against one key table.
 * Relative paths and URLs in it are resolved against the file's own
 * directory, so a feeds file and its demo sources travel together.
 */
#ifndef DAEMON_CONF_H
#define DAEMON_CONF_H

#include <stddef.h>

#include "feeds/scrape.h"

struct conf;
struct conf_source;
struct topic;

/*
 * Parse and validate path. On success returns the configuration; on
 * failure returns NULL and sets *errors to a malloc'd text of one
 * "file:line: message" line per error found (all of them, not just the
 * first).
 */
struct conf	*conf_load(const char *path, char **errors);
void		 conf_free(struct conf *);

const char	*conf_path(const struct conf *);	/* as given */
const char	*conf_title(const struct conf *);
const char	*conf_base_url(const struct conf *);	/* ends in '/' */
const char	*conf_listen(const struct conf *);	/* "host:port", "" = off */
const char	*conf_output(const struct conf *);	/* absolute */
const char	*conf_state(const struct conf *);	/* absolute */
int		 conf_interval(const struct conf *);	/* seconds */
int		 conf_keep(const struct conf *);
int		 conf_timeout(const struct conf *);	/* seconds */
int		 conf_connect_timeout(const struct conf *);
size_t		 conf_max_size(const struct conf *);
int		 conf_max_redirects(const struct conf *);

size_t		 conf_nsources(const struct conf *);
const struct conf_source *conf_source(const struct conf *, size_t i);
const char	*conf_source_name(const struct conf_source *);
const char	*conf_source_url(const struct conf_source *);	/* absolute */
const char	*conf_source_title(const struct conf_source *); /* or NULL */
const char	*conf_source_type(const struct conf_source *); /* auto, feed,
								 * html */
/* The selector written for f, or NULL; with items set, the type is html
 * and SCRAPE_TITLE is the source's title key. */
const char	*conf_source_selector(const struct conf_source *,
		    enum scrape_field f);
const char	*conf_source_date_format(const struct conf_source *); /* or
								       * NULL */
const char	*conf_source_timezone(const struct conf_source *); /* or NULL */
int		 conf_source_fulltext(const struct conf_source *);
int		 conf_article_rate(const struct conf *);	/* per host, /s */
int		 conf_max_per_source(const struct conf *);	/* 0: no limit */
int		 conf_merge_window(const struct conf *);	/* seconds, 0: off */
/* Whose body a merged story keeps: an enum store_merge value. */
int		 conf_merge_keep(const struct conf *);
int		 conf_near_title(const struct conf *);	/* bits */
int		 conf_near_text(const struct conf *);	/* bits */
int		 conf_auto_topics(const struct conf *);	/* 0: off */
int		 conf_retain(const struct conf *);	/* seconds */
/* The extra tracking parameters, NULL-terminated, or NULL for none. */
const char *const *conf_tracking_params(const struct conf *);
int		 conf_source_interval(const struct conf_source *);
size_t		 conf_source_ntopics(const struct conf_source *);
const char	*conf_source_topic(const struct conf_source *, size_t i);

/* Every topic: the [topic] sections, then topics that sources name
 * without a section (title = name, no keywords), in first-seen order. */
size_t		 conf_ntopics(const struct conf *);
const struct topic *conf_topic(const struct conf *, size_t i);

/* Print the key table (name, section, type, default, help) to stdout. */
void		 conf_print_keys(void);

#endif /* DAEMON_CONF_H */
