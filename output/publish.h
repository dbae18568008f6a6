/*
 * Publishing: putting a rendered file into the output directory atomically
 * (temp file, fsync, rename), and only when its bytes changed.
 */
#ifndef OUTPUT_PUBLISH_H
#define OUTPUT_PUBLISH_H

#include <stddef.h>

/*
 * Make dir/relpath hold buf[0..len). Creates missing directories. When the
 * file already holds exactly these bytes it is left alone and *changed is
 * 0; otherwise it is replaced atomically and *changed is 1. Returns 0, or
 * -1 with err filled (naming the path).
 */
int	 publish_file(const char *dir, const char *relpath, const char *buf,
	    size_t len, int *changed, char *err, size_t errlen);

/* Remove dir/relpath if present (a topic that left the feeds file). */
int	 publish_remove(const char *dir, const char *relpath, char *err,
	    size_t errlen);

#endif /* OUTPUT_PUBLISH_H */
