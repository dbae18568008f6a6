/*
 * unifeed: the process. Reads the feeds file, opens the state, wires the
 * fetcher, the poll cycle and the HTTP server onto one libevent loop, and
 * handles signals: SIGHUP reloads the feeds file (a bad one is refused),
 * SIGTERM and SIGINT stop cleanly.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <curl/curl.h>
#include <event2/event.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "config.h"
#include "daemon/conf.h"
#include "daemon/cycle.h"
#include "daemon/defaults.h"
#include "daemon/log.h"
#include "daemon/preview.h"
#include "daemon/status.h"
#include "daemon/server.h"
#include "daemon/store.h"
#include "feeds/fetch.h"

#define MAIN_CONF	DEFAULT_CONF

/* Exit codes, documented in unifeed(8). */
enum {
	EXIT_CONFIG = 1,	/* the feeds file is wrong */
	EXIT_USAGE = 2,		/* the command line is wrong */
	EXIT_RUNTIME = 3,	/* state, output or listen address unusable */
	EXIT_SOURCES = 4	/* --once: at least one source failed */
};

struct main_ctx {
	struct event_base	*base;		/* owns */
	struct conf		*conf;		/* owns */
	struct store		*store;		/* owns */
	struct fetch		*fetch;		/* owns */
	struct server		*server;	/* owns, or NULL */
	struct cycle		*cycle;		/* owns */
	const char		*path;		/* borrows: argv */
	int			 once;
};

static void
main_usage(FILE *f)
{
	fprintf(f,
	    "usage: unifeed [-dq] [-c file] [-t | --once]\n"
	    "       unifeed preview [--article] [--json] URL|FILE\n"
	    "       unifeed preview [--json] [-c file] -s source [URL|FILE]\n"
	    "       unifeed status [-c file] [--json]\n"
	    "       unifeed --version | --help | --help-keys\n"
	    "  -c, --config FILE  the feeds file (default %s)\n"
	    "  -t, --test         check the feeds file and exit\n"
	    "      --once         poll every source once, publish, exit\n"
	    "  -d, --debug        log debug messages too\n"
	    "  -q, --quiet        log warnings and errors only\n"
	    "      --help-keys    list the feeds file keys\n"
	    "exit status: 0 ok, 1 feeds file error, 2 usage, 3 runtime "
	    "failure\n"
	    "             (with --once: also publishing failed or "
	    "interrupted),\n"
	    "             4 (--once) some source failed\n", MAIN_CONF);
}

/* Load path, printing every error; NULL when it is not usable. */
static struct conf *
main_load(const char *path)
{
	struct conf *cf;
	char *errors = NULL, *line, *save = NULL;

	if ((cf = conf_load(path, &errors)) != NULL)
		return cf;
	if (errors != NULL)
		for (line = strtok_r(errors, "\n", &save); line != NULL;
		    line = strtok_r(NULL, "\n", &save))
			log_warnx("%s", line);
	free(errors);
	return NULL;
}

/*
 * xmlGenericErrorFunc: libxml2 reports some problems (encoding conversion
 * failures) through its global handler rather than the parser context's,
 * and would print them raw to stderr. The parsers already turn errors into
 * a source's failure; here they only reach the debug log, escaped.
 */
static void	main_xml_error_cb(void *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

static void
main_xml_error_cb(void *ctx, const char *fmt, ...)
{
	char msg[256], esc[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_debug("libxml2: %s", log_escape(msg, esc, sizeof(esc)));
}

/* evsignal: SIGHUP reloads the feeds file, keeping the old on error. */
static void
main_hup_cb(evutil_socket_t sig, short what, void *arg)
{
	struct main_ctx *m = arg;
	struct conf *cf, *old = m->conf;

	if (m->once) {
		log_warnx("ignoring SIGHUP: --once runs one cycle on the "
		    "file it started with");
		return;
	}
	log_info("reloading %s", m->path);
	if ((cf = main_load(m->path)) == NULL) {
		log_warnx("reload refused: %s has errors; keeping the "
		    "running configuration", m->path);
		return;
	}
	if (cycle_set_conf(m->cycle, cf) == -1) {
		log_warnx("reload refused: out of memory; keeping the "
		    "running configuration");
		conf_free(cf);
		return;
	}
	if (strcmp(conf_listen(cf), conf_listen(old)) != 0 ||
	    strcmp(conf_state(cf), conf_state(old)) != 0 ||
	    conf_timeout(cf) != conf_timeout(old) ||
	    conf_connect_timeout(cf) != conf_connect_timeout(old) ||
	    conf_max_redirects(cf) != conf_max_redirects(old))
		log_warnx("reload: changes to listen, state, timeout, "
		    "connect-timeout and max-redirects take effect at the "
		    "next restart");
	if (m->server != NULL &&
	    server_set_docroot(m->server, conf_output(cf)) == -1)
		log_warnx("reload: cannot serve %s", conf_output(cf));
	conf_free(old);
	m->conf = cf;
	log_info("reloaded %s: %zu sources, %zu topics", m->path,
	    conf_nsources(cf), conf_ntopics(cf));
}

/* evsignal: SIGTERM and SIGINT leave the loop; cleanup cancels the rest. */
static void
main_stop_cb(evutil_socket_t sig, short what, void *arg)
{
	struct main_ctx *m = arg;

	log_info("stopping on signal %d", (int)sig);
	event_base_loopexit(m->base, NULL);
}

/* Open the state and output, start the fetcher and the server. */
static int
main_start(struct main_ctx *m, int once)
{
	struct fetch_limits lim;
	char err[512];

	if ((m->store = store_open(conf_state(m->conf), err,
	    sizeof(err))) == NULL) {
		log_warnx("%s", err);
		return -1;
	}
	if (mkdir(conf_output(m->conf), 0755) == -1 && errno != EEXIST) {
		log_warn("output %s", conf_output(m->conf));
		return -1;
	}
	memset(&lim, 0, sizeof(lim));
	lim.connect_timeout_ms = conf_connect_timeout(m->conf) * 1000L;
	lim.timeout_ms = conf_timeout(m->conf) * 1000L;
	lim.max_size = conf_max_size(m->conf);
	lim.max_redirects = conf_max_redirects(m->conf);
	lim.per_host = DEFAULT_PER_HOST;
	lim.user_agent = PACKAGE_NAME "/" PACKAGE_VERSION;
	if ((m->fetch = fetch_new(m->base, &lim)) == NULL) {
		log_warnx("cannot start the fetcher");
		return -1;
	}
	if (!once && conf_listen(m->conf)[0] != '\0') {
		if ((m->server = server_new(m->base, conf_listen(m->conf),
		    conf_output(m->conf), err, sizeof(err))) == NULL) {
			log_warnx("%s", err);
			return -1;
		}
		log_info("serving %s on %s: subscribe to %sfeed.atom",
		    conf_output(m->conf), conf_listen(m->conf),
		    conf_base_url(m->conf));
	}
	if ((m->cycle = cycle_new(m->base, m->fetch, m->store, m->conf,
	    once)) == NULL) {
		log_warnx("cannot start the poll cycle");
		return -1;
	}
	return 0;
}

/* Run the loop until a signal or, with --once, the end of the cycle. */
static int
main_run(struct main_ctx *m, int once)
{
	struct event *hup, *term, *intr;
	int rc = 0;

	hup = evsignal_new(m->base, SIGHUP, main_hup_cb, m);
	term = evsignal_new(m->base, SIGTERM, main_stop_cb, m);
	intr = evsignal_new(m->base, SIGINT, main_stop_cb, m);
	if (hup == NULL || term == NULL || intr == NULL)
		fatalx("cannot install signal handlers");
	event_add(hup, NULL);
	event_add(term, NULL);
	event_add(intr, NULL);
	log_info("unifeed %s started: %zu sources, %zu topics",
	    PACKAGE_VERSION, conf_nsources(m->conf), conf_ntopics(m->conf));
	if (event_base_dispatch(m->base) == -1)
		rc = EXIT_RUNTIME;
	else if (once && !cycle_published(m->cycle)) {
		log_warnx("the cycle did not end in a publish (interrupted, "
		    "or publishing failed)");
		rc = EXIT_RUNTIME;
	} else if (once && cycle_failures(m->cycle) > 0)
		rc = EXIT_SOURCES;
	event_free(hup);
	event_free(term);
	event_free(intr);
	return rc;
}

static void
main_cleanup(struct main_ctx *m)
{
	cycle_free(m->cycle);
	server_free(m->server);
	fetch_free(m->fetch);
	store_close(m->store);
	conf_free(m->conf);
	if (m->base != NULL)
		event_base_free(m->base);
}

/*
 * Raise the soft descriptor limit to the hard one, as daemons do: the
 * loop and libcurl wait with epoll and poll, never select(2), and the
 * usual soft limit (1024) is what runs out first.
 */
static void
main_raise_nofile(void)
{
	struct rlimit rl;
	rlim_t was;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1 || rl.rlim_cur >= rl.rlim_max)
		return;
	was = rl.rlim_cur;
	rl.rlim_cur = rl.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &rl) == -1)
		log_debug("setrlimit RLIMIT_NOFILE: %s", strerror(errno));
	else
		log_debug("descriptor limit raised from %llu to %llu",
		    (unsigned long long)was, (unsigned long long)rl.rlim_cur);
}

/* The preview subcommand, with the libraries set up as for the daemon. */
static int
main_preview(int argc, char *argv[])
{
	int rc;

	log_init(0, 1);
	LIBXML_TEST_VERSION
	xmlSetGenericErrorFunc(NULL, main_xml_error_cb);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		fatalx("cannot initialise libcurl");
	rc = preview_main(argc, argv);
	curl_global_cleanup();
	xmlCleanupParser();
	return rc;
}

/*
 * The loop. With epoll, event changes wait in a changelist until the next
 * dispatch: evhttp turns each connection's read and write events off and
 * on for every request, and without it each turn is an epoll_ctl call.
 * (libevent's caveat, descriptors shared by dup(), does not arise here.)
 */
static struct event_base *
main_event_base(void)
{
	struct event_config *cfg;
	struct event_base *base;

	if ((cfg = event_config_new()) == NULL)
		return NULL;
	event_config_set_flag(cfg, EVENT_BASE_FLAG_EPOLL_USE_CHANGELIST);
	base = event_base_new_with_config(cfg);
	event_config_free(cfg);
	return base;
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "config",	required_argument,	NULL, 'c' },
		{ "debug",	no_argument,		NULL, 'd' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "help-keys",	no_argument,		NULL, 'K' },
		{ "once",	no_argument,		NULL, 'O' },
		{ "quiet",	no_argument,		NULL, 'q' },
		{ "test",	no_argument,		NULL, 't' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 }
	};
	struct main_ctx m;
	int ch, debug = 0, quiet = 0, test = 0, once = 0, rc;

	if (argc > 1 && strcmp(argv[1], "preview") == 0)
		return main_preview(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "status") == 0)
		return status_main(argc - 1, argv + 1);
	memset(&m, 0, sizeof(m));
	m.path = MAIN_CONF;
	while ((ch = getopt_long(argc, argv, "c:dqt", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': m.path = optarg; break;
		case 'd': debug = 1; break;
		case 'q': quiet = 1; break;
		case 't': test = 1; break;
		case 'O': once = 1; break;
		case 'h': main_usage(stdout); return 0;
		case 'K': conf_print_keys(); return 0;
		case 'V': printf("unifeed %s\n", PACKAGE_VERSION); return 0;
		default: main_usage(stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc || (test && once)) {
		main_usage(stderr);
		return EXIT_USAGE;
	}
	log_init(debug, quiet);
	main_raise_nofile();
	if ((m.conf = main_load(m.path)) == NULL)
		return EXIT_CONFIG;
	if (test) {
		printf("%s: ok (%zu sources, %zu topics)\n", m.path,
		    conf_nsources(m.conf), conf_ntopics(m.conf));
		conf_free(m.conf);
		return 0;
	}
	signal(SIGPIPE, SIG_IGN);
	LIBXML_TEST_VERSION
	xmlSetGenericErrorFunc(NULL, main_xml_error_cb);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		fatalx("cannot initialise libcurl");
	log_libevent();
	if ((m.base = main_event_base()) == NULL)
		fatalx("cannot create the event loop");
	m.once = once;
	rc = main_start(&m, once) == -1 ? EXIT_RUNTIME : main_run(&m, once);
	main_cleanup(&m);
	curl_global_cleanup();
	xmlCleanupParser();
	log_info("stopped");
	return rc;
}
