/*
 * unifeed status [-c FILE] [--json]: each configured source's state as the
 * daemon last left it in the state database (last success, failures,
 * the error, the next poll), for people and scripts; a failing source
 * (an unreachable site, a feed that stopped parsing, selectors that no
 * longer match) shows here as well as in the log.
 */
#ifndef DAEMON_STATUS_H
#define DAEMON_STATUS_H

/* Exit codes beside 0, documented in unifeed(8). */
#define STATUS_EXIT_CONFIG	1	/* the feeds file is wrong */
#define STATUS_EXIT_USAGE	2	/* the command line is wrong */
#define STATUS_EXIT_STATE	3	/* the state database is unusable */
#define STATUS_EXIT_FAILING	4	/* at least one source is failing */

/* Run the subcommand; argv[0] is "status". Returns the exit status. */
int	 status_main(int argc, char *argv[]);

#endif /* DAEMON_STATUS_H */
