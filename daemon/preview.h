/*
 * unifeed preview [--json] URL|FILE: what the daemon would extract from
 * one document, printed, without touching the state.
 */
#ifndef DAEMON_PREVIEW_H
#define DAEMON_PREVIEW_H

/* Exit codes beside 0, documented in unifeed(8). */
#define PREVIEW_EXIT_USAGE	2	/* the command line is wrong */
#define PREVIEW_EXIT_NOFEED	4	/* nothing fetched, or not a feed */

/* Run the subcommand; argv[0] is "preview". Returns the exit status. */
int	 preview_main(int argc, char *argv[]);

#endif /* DAEMON_PREVIEW_H */
