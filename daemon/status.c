/*
 * The status subcommand: the feeds file's sources and, for each, the fetch
 * state the store keeps, printed as a table or as JSON.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "daemon/conf.h"
#include "daemon/defaults.h"
#include "daemon/log.h"
#include "daemon/status.h"
#include "daemon/store.h"
#include "feeds/date.h"

/* An RFC 3339 date, or "-" for 0, in buf. */
static const char *
status_date(time_t t, char buf[DATE_RFC3339_LEN])
{
	if (t == 0)
		return "-";
	date_rfc3339(t, buf);
	return buf;
}

/* "ok", "failing", or "new" for a source never polled. */
static const char *
status_state(const struct store_fetch *sf)
{
	if (sf->failures > 0)
		return "failing";
	return sf->last_success == 0 ? "new" : "ok";
}

/* One source as a JSON object. */
static struct json_object *
status_json(const char *name, const struct store_fetch *sf)
{
	struct json_object *o;
	char d[DATE_RFC3339_LEN];

	o = json_object_new_object();
	json_object_object_add(o, "source", json_object_new_string(name));
	json_object_object_add(o, "state",
	    json_object_new_string(status_state(sf)));
	json_object_object_add(o, "last_success", sf->last_success == 0 ?
	    NULL : json_object_new_string(status_date(sf->last_success, d)));
	json_object_object_add(o, "last_attempt", sf->last_attempt == 0 ?
	    NULL : json_object_new_string(status_date(sf->last_attempt, d)));
	json_object_object_add(o, "next_poll", sf->next_fetch == 0 ?
	    NULL : json_object_new_string(status_date(sf->next_fetch, d)));
	json_object_object_add(o, "failures",
	    json_object_new_int(sf->failures));
	json_object_object_add(o, "usual_items", sf->usual_items == 0 ?
	    NULL : json_object_new_int(sf->usual_items));
	json_object_object_add(o, "error", sf->last_error == NULL ? NULL :
	    json_object_new_string(sf->last_error));
	return o;
}

/* One source as a block of text; its error escaped for the terminal. */
static void
status_text(const char *name, const struct store_fetch *sf)
{
	char d1[DATE_RFC3339_LEN], d2[DATE_RFC3339_LEN], esc[512];

	printf("%-24s %-8s last success %s, next poll %s", name,
	    status_state(sf), status_date(sf->last_success, d1),
	    status_date(sf->next_fetch, d2));
	if (sf->failures > 0)
		printf(", %d failure%s", sf->failures,
		    sf->failures == 1 ? "" : "s");
	if (sf->usual_items > 0)
		printf(", usually %d items", sf->usual_items);
	printf("\n");
	if (sf->failures > 0 && sf->last_error != NULL)
		printf("%-24s %s\n", "", log_escape(sf->last_error, esc,
		    sizeof(esc)));
}

/* Print every source of cf from st; the number failing, or -1. */
static int
status_print(const struct conf *cf, struct store *st, int json)
{
	struct json_object *a = json ? json_object_new_array() : NULL;
	struct store_fetch sf;
	const char *name;
	char err[512];
	size_t i;
	int failing = 0;

	for (i = 0; i < conf_nsources(cf); i++) {
		name = conf_source_name(conf_source(cf, i));
		if (store_fetch_get(st, name, &sf, err, sizeof(err)) == -1) {
			fprintf(stderr, "unifeed status: %s\n", err);
			json_object_put(a);
			return -1;
		}
		failing += sf.failures > 0;
		if (json)
			json_object_array_add(a, status_json(name, &sf));
		else
			status_text(name, &sf);
		store_fetch_clear(&sf);
	}
	if (json) {
		printf("%s\n", json_object_to_json_string_ext(a,
		    JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
		    JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(a);
	}
	return failing;
}

int
status_main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "config",	required_argument,	NULL, 'c' },
		{ "json",	no_argument,		NULL, 'j' },
		{ NULL,		0,			NULL, 0 }
	};
	const char *path = DEFAULT_CONF;
	struct conf *cf;
	struct store *st;
	char *errors, err[512];
	int ch, json = 0, n;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': path = optarg; break;
		case 'j': json = 1; break;
		default:
			fprintf(stderr, "usage: unifeed status [-c file] "
			    "[--json]\n");
			return STATUS_EXIT_USAGE;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "usage: unifeed status [-c file] [--json]\n");
		return STATUS_EXIT_USAGE;
	}
	if ((cf = conf_load(path, &errors)) == NULL) {
		fprintf(stderr, "%s", errors);
		free(errors);
		return STATUS_EXIT_CONFIG;
	}
	if (access(conf_state(cf), F_OK) == -1) {
		fprintf(stderr, "unifeed status: %s: no state yet: unifeed has "
		    "not polled with this feeds file\n", conf_state(cf));
		conf_free(cf);
		return STATUS_EXIT_STATE;
	}
	if ((st = store_open(conf_state(cf), err, sizeof(err))) == NULL) {
		fprintf(stderr, "unifeed status: %s\n", err);
		conf_free(cf);
		return STATUS_EXIT_STATE;
	}
	n = status_print(cf, st, json);
	store_close(st);
	conf_free(cf);
	return n < 0 ? STATUS_EXIT_STATE : n > 0 ? STATUS_EXIT_FAILING : 0;
}
