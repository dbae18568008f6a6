/*
 * daemon/confint: internal to conf.c and confkeys.c; nothing else includes
 * it. The bodies of the feeds file's structs, the key and type tables that
 * daemon/confkeys owns, and what each of the two files calls in the other.
 */
#ifndef DAEMON_CONFINT_H
#define DAEMON_CONFINT_H

#include <stddef.h>

#include "daemon/conf.h"
#include "daemon/confval.h"
#include "daemon/defaults.h"
#include "daemon/log.h"
#include "feeds/scrape.h"

enum conf_sec {
	CONF_SEC_UNIFEED,
	CONF_SEC_SOURCE,
	CONF_SEC_TOPIC,
	CONF_SEC_NONE,		/* before the first section */
	CONF_SEC_SKIP		/* inside a section we could not read */
};

enum conf_type {
	CONF_T_TEXT,
	CONF_T_BASEURL,
	CONF_T_LISTEN,
	CONF_T_PATH,
	CONF_T_DURATION,
	CONF_T_INT,
	CONF_T_SIZE,
	CONF_T_URL,
	CONF_T_SRCTYPE,
	CONF_T_TOPICS,
	CONF_T_KEYWORDS,
	CONF_T_SELECTOR,
	CONF_T_BOOL,
	CONF_T_ZONE,
	CONF_T_LIST,
	CONF_T_REGEX,
	CONF_T_MERGE
};

#define CONF_REQUIRED	0x1	/* the section is wrong without it */
#define CONF_DEFDOC	0x2	/* def describes the default, is not one */

struct conf_key {
	enum conf_sec	 sec;
	const char	*name;
	enum conf_type	 type;
	size_t		 off;	/* of the field in the section's struct */
	long long	 min, max;	/* numeric types */
	long long	 defnum;	/* numeric types */
	const char	*def;	/* borrows: text default, or NULL */
	int		 flags;
	const char	*help;
};

struct conf_list {
	char	**v;		/* owns: n owned strings */
	size_t	  n;
};

struct conf_source {
	char		*name;		/* owns */
	char		*url;		/* owns: absolute */
	char		*title;		/* owns, or NULL */
	char		*type;		/* owns: "auto", "feed" or "html" */
	int		 interval;	/* seconds; -1 until resolved */
	char		*sel[SCRAPE_NFIELDS]; /* owns: selectors as written,
					 * or NULL (sel[SCRAPE_TITLE] is
					 * taken from title when items is
					 * set) */
	char		*date_format;	/* owns, or NULL */
	char		*timezone;	/* owns: IANA name, or NULL */
	int		 fulltext;	/* fetch each new article's page */
	struct conf_list topics;	/* owns */
	int		 line;		/* of the section header */
};

/* A [topic] section as read, turned into a struct topic at the end. */
struct conf_tsec {
	char		*name;		/* owns */
	char		*title;		/* owns, or NULL */
	struct conf_list match;		/* owns */
	char		*regex;		/* owns: PCRE2 pattern, or NULL */
	struct conf_list categories;	/* owns */
	int		 line;		/* of the section header */
	int		 match_line;	/* of its match key, or 0 */
	int		 regex_line;	/* of its regex key, or 0 */
	int		 categories_line; /* of its categories key, or 0 */
};

struct conf {
	char		 *path;		/* owns: as given */
	char		 *title;	/* owns */
	char		 *base_url;	/* owns: ends in '/' */
	char		 *listen;	/* owns: "" when off */
	char		 *output;	/* owns: absolute */
	char		 *state;	/* owns: absolute */
	int		  interval;
	int		  keep;
	int		  timeout;
	int		  connect_timeout;
	size_t		  max_size;
	int		  max_redirects;
	int		  article_rate;	/* article pages per second and host */
	int		  max_per_source; /* entries of one source in the
					 * unified feed, 0: no limit */
	int		  merge_keep;	/* enum store_merge: whose body */
	int		  near_title;	/* bits near-duplicate titles differ */
	int		  near_text;	/* bits near-duplicate texts differ */
	int		  merge_window;	/* seconds: near-duplicates further
					 * apart are different stories */
	int		  retain;	/* seconds an entry outside every
					 * feed keeps its content */
	int		  auto_topics;	/* entries a source category needs
					 * for its own feed, 0: off */
	struct conf_list tracking;	/* owns: extra tracking parameters */
	struct conf_source **sources;	/* owns: nsources owned */
	size_t		  nsources;
	struct topic	**topics;	/* owns: ntopics owned */
	size_t		  ntopics;
};

/* A field's offset in the section's struct, for conf_keys[].off. */
#define U(f)	offsetof(struct conf, f)
#define S(f)	offsetof(struct conf_source, f)
#define T(f)	offsetof(struct conf_tsec, f)

/* Entries of conf_keys; confkeys.c checks it against the table. */
#define CONF_NKEYS	39

/* One parse of one file: where we are and what went wrong. */
struct conf_parse {
	struct conf		 *conf;		/* borrows: being built */
	const char		 *file;		/* borrows: path as given */
	char			 *dir;		/* owns: real directory */
	char			 *statedir;	/* owns: $STATE_DIRECTORY, or NULL */
	char			 *base;		/* owns: file:// URL of file */
	char			 *errors;	/* owns: joined messages */
	size_t			  errlen;
	size_t			  nerrors;
	int			  line;
	enum conf_sec		  sec;
	void			 *obj;		/* borrows: section's struct */
	char			  secname[MAX_NAME + 96]; /* "[source a]" */
	int			  secline;
	int			  keyline[CONF_NKEYS];	/* first use in sec */
	int			  unifeed_line;
	int			  topics_full;	/* reported once */
	struct conf_tsec	**tsecs;	/* owns: ntsecs owned */
	size_t			  ntsecs;
};

/* What each type is called, how it is read; indexed by enum conf_type. */
struct conf_type_info {
	const char		 *name;
	enum confval_unit	  unit;		/* numeric types */
	int			(*parse)(struct conf_parse *,
				    const struct conf_key *, const char *,
				    void *);
	int			  empty_ok;
};

/* The key table: keep it sorted by section, then name (confkeys.c). */
extern const struct conf_key		conf_keys[];
/* The value types, indexed by enum conf_type (confkeys.c). */
extern const struct conf_type_info	conf_types[];

/* A value made safe and short enough to quote in a message. */
#define CONF_ESC(s, b)	log_escape((s), (b), sizeof(b))

/* Room for one message from daemon/confval. */
#define CONF_ERRLEN	512

/* Report a problem at the current line (conf.c), collected with the rest. */
void	conf_error(struct conf_parse *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Report a problem at line (0: the file as a whole) (conf.c). */
void	conf_error_at(struct conf_parse *, int, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
/* The entry for key name in section sec, or NULL if it has none. */
const struct conf_key *conf_key_find(enum conf_sec, const char *);
/* Check selector v as field f would compile it; 0, or -1 reported at
 * line under name. */
int	conf_check_selector(struct conf_parse *, int, const char *,
	    enum scrape_field, const char *);
/* Free what the list holds and leave it empty, ready for reuse. */
void	conf_list_clear(struct conf_list *);

#endif /* DAEMON_CONFINT_H */
