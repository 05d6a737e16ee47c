/*
 * cmd_sync.h - `sangkien sync` option parsing, exposed for the unit tests.
 */
#ifndef SANGKIEN_CMD_SYNC_H
#define SANGKIEN_CMD_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Largest --batch accepted. */
#define SYNC_BATCH_MAX 10000
/* Largest --retries and --max-wait accepted. */
#define SYNC_RETRIES_MAX 100
#define SYNC_MAX_WAIT_MAX 86400

struct sync_options {
	size_t batch;	   /* --batch (0 when absent) */
	unsigned retries;  /* --retries: attempts after the first (default 5) */
	unsigned max_wait; /* --max-wait: longest wait between attempts, seconds (default 60) */
	bool dry_run;	   /* --dry-run: check locally, send nothing */
};

/*
 * Parse `sync` options (argv[0] is "sync") into o (defaults filled in).
 * Returns 0, 1 for --help, or CLIENT_EXIT_USAGE with a Vietnamese message
 * in err.
 */
int sync_options_parse(int argc, char **argv, struct sync_options *o, char *err, size_t errlen);

/*
 * Items per batch: the requested size (0: the default), never above what
 * the server announced (0: no announcement).
 */
size_t sync_batch_size(size_t requested, uint32_t server_max);

#endif
