/*
 * The published site: every feed rendered from the store, the index page
 * and the OPML list, each handed to publish_file, which writes only what
 * changed. Rendering is deterministic, so an unchanged store rewrites
 * nothing.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "daemon/conf.h"
#include "daemon/site.h"
#include "daemon/store.h"
#include "output/atom.h"
#include "output/index.h"
#include "output/opml.h"
#include "output/publish.h"
#include "output/topic.h"

/* Render one Atom feed (topic NULL = the unified feed) and publish it. */
static int
site_feed(struct store *st, const struct conf *cf, const char *topic,
    const char *title, const char *relpath, size_t *count, char *err,
    size_t errlen)
{
	struct atom_feed meta;
	struct item_list *entries;
	char self[2048];
	char *doc;
	size_t len;
	int changed;

	/* the cap keeps a chatty source from pushing the others out of the
	 * unified feed; a topic's feed is what its topic collects */
	entries = store_recent(st, topic, (size_t)conf_keep(cf),
	    topic == NULL ? conf_max_per_source(cf) : 0, err, errlen);
	if (entries == NULL)
		return -1;
	*count = entries->count;
	snprintf(self, sizeof(self), "%s%s", conf_base_url(cf), relpath);
	memset(&meta, 0, sizeof(meta));
	meta.id = self;
	meta.title = title;
	meta.self = self;
	meta.alternate = conf_base_url(cf);
	meta.author = conf_title(cf);
	meta.generator_version = PACKAGE_VERSION;
	doc = atom_render(&meta, entries, &len);
	item_list_free(entries);
	if (doc == NULL) {
		snprintf(err, errlen, "%s: out of memory rendering", relpath);
		return -1;
	}
	if (publish_file(conf_output(cf), relpath, doc, len, &changed, err,
	    errlen) == -1)
		changed = -1;
	free(doc);
	return changed;
}

/* The OPML list of configured sources. */
static int
site_opml(const struct conf *cf, char *err, size_t errlen)
{
	struct opml_outline *o;
	const struct conf_source *src;
	size_t i, n = conf_nsources(cf), len;
	char *doc;
	int changed;

	if ((o = calloc(n + 1, sizeof(*o))) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		src = conf_source(cf, i);
		o[i].title = conf_source_title(src) ? conf_source_title(src) :
		    conf_source_name(src);
		o[i].xml_url = conf_source_url(src);
	}
	doc = opml_render(conf_title(cf), o, n, &len);
	free(o);
	if (doc == NULL) {
		snprintf(err, errlen, "sources.opml: out of memory rendering");
		return -1;
	}
	if (publish_file(conf_output(cf), "sources.opml", doc, len, &changed,
	    err, errlen) == -1)
		changed = -1;
	free(doc);
	return changed;
}

/* Remove the feeds of topics that left the feeds file, so that no stale
 * topic stays published; returns how many went, or -1. */
static int
site_prune(const struct conf *cf, const struct store_topic *autos,
    size_t nautos, char *err, size_t errlen)
{
	char dir[4096], rel[300], name[256];
	struct dirent *de;
	size_t i, len;
	DIR *d;
	int gone = 0, known;

	snprintf(dir, sizeof(dir), "%s/topics", conf_output(cf));
	if ((d = opendir(dir)) == NULL)
		return 0;	/* no topics published yet */
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len <= 5 || len >= sizeof(name) ||
		    strcmp(de->d_name + len - 5, ".atom") != 0)
			continue;
		memcpy(name, de->d_name, len - 5);
		name[len - 5] = '\0';
		for (known = 0, i = 0; i < conf_ntopics(cf) && !known; i++)
			known = strcmp(topic_name(conf_topic(cf, i)), name) == 0;
		for (i = 0; i < nautos && !known; i++)
			known = strcmp(autos[i].slug, name) == 0;
		if (known)
			continue;
		snprintf(rel, sizeof(rel), "topics/%s", de->d_name);
		if (publish_remove(conf_output(cf), rel, err, errlen) == -1) {
			closedir(d);
			return -1;
		}
		gone++;
	}
	closedir(d);
	return gone;
}

/* The auto-topics to publish: categories with enough entries, except
 * those a [topic] of the same name already publishes (*n 0 when off). */
static int
site_autos(struct store *st, const struct conf *cf, struct store_topic **t,
    size_t *n, char *err, size_t errlen)
{
	size_t i, j, k;

	*t = NULL;
	*n = 0;
	if (conf_auto_topics(cf) <= 0)
		return 0;
	if (store_auto_topics(st, conf_auto_topics(cf), t, n, err,
	    errlen) == -1)
		return -1;
	for (i = k = 0; i < *n; i++) {
		for (j = 0; j < conf_ntopics(cf); j++)
			if (strcmp(topic_name(conf_topic(cf, j)),
			    (*t)[i].slug) == 0)
				break;
		if (j < conf_ntopics(cf)) {
			free((*t)[i].slug);
			free((*t)[i].name);
		} else
			(*t)[k++] = (*t)[i];
	}
	*n = k;
	return 0;
}

/* One topic's feed, its index line filled. */
static int
site_topic(struct store *st, const struct conf *cf, const char *slug,
    const char *title, struct index_feed *feed, char path[128], char *err,
    size_t errlen)
{
	snprintf(path, 128, "topics/%s.atom", slug);
	feed->title = title;
	feed->path = path;
	return site_feed(st, cf, slug, title, path, &feed->entries, err,
	    errlen);
}

int
site_publish(struct store *st, const struct conf *cf, char *err,
    size_t errlen)
{
	struct store_topic *autos = NULL;
	struct index_feed *feeds = NULL;
	const struct topic *t;
	char (*paths)[128] = NULL;
	size_t i, n = conf_ntopics(cf), nautos = 0, len;
	int changed, total = 0, rc = -1;
	char *doc;

	if (site_autos(st, cf, &autos, &nautos, err, errlen) == -1)
		return -1;
	feeds = calloc(n + nautos + 1, sizeof(*feeds));
	paths = calloc(n + nautos + 1, sizeof(*paths));
	if (feeds == NULL || paths == NULL)
		goto out;
	snprintf(paths[0], sizeof(paths[0]), "feed.atom");
	feeds[0].title = conf_title(cf);
	feeds[0].path = paths[0];
	if ((changed = site_feed(st, cf, NULL, conf_title(cf), paths[0],
	    &feeds[0].entries, err, errlen)) == -1)
		goto out;
	total += changed;
	for (i = 0; i < n + nautos; i++) {
		t = i < n ? conf_topic(cf, i) : NULL;
		if ((changed = site_topic(st, cf, t != NULL ? topic_name(t) :
		    autos[i - n].slug, t != NULL ? topic_title(t) :
		    autos[i - n].name, &feeds[i + 1], paths[i + 1], err,
		    errlen)) == -1)
			goto out;
		total += changed;
	}
	if ((changed = site_prune(cf, autos, nautos, err, errlen)) == -1)
		goto out;
	total += changed;
	if ((changed = site_opml(cf, err, errlen)) == -1)
		goto out;
	total += changed;
	doc = index_render(conf_title(cf), conf_base_url(cf), feeds,
	    n + nautos + 1, &len);
	if (doc == NULL) {
		snprintf(err, errlen, "index.html: out of memory rendering");
		goto out;
	}
	if (publish_file(conf_output(cf), "index.html", doc, len, &changed,
	    err, errlen) == 0) {
		total += changed;
		rc = total;
	}
	free(doc);
out:
	free(feeds);
	free(paths);
	store_topics_free(autos, nautos);
	return rc;
}
