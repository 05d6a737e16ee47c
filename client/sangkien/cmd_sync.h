/*
 * cmd_sync.h - `sangkien sync` option parsing, exposed for the unit tests.
 */
#ifndef SANGKIEN_CMD_SYNC_H
#define SANGKIEN_CMD_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "command.h"
#include "store.h"
#include "sync.h"

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

/* sync's options, declared once (command.h): parsing and --help. */
extern const struct command_option cmd_sync_options[];

/*
 * Parse `sync` options (argv[0] is "sync") into o (defaults filled in).
 * Returns 0, or CLIENT_EXIT_USAGE with a Vietnamese message in err (or
 * err "" when command_getopt has reported the mistake already).
 */
int sync_options_parse(int argc, char **argv, struct sync_options *o, char *err, size_t errlen);

/*
 * Items per batch: the requested size (0: the default), never above what
 * the server announced (0: no announcement).
 */
size_t sync_batch_size(size_t requested, uint32_t server_max);

/*
 * One sync attempt, as `sync` and `ui` make it: connect, send and pull
 * (batch items per batch, 0: the default), then refresh the quota when the
 * pull did not bring it, writing "Chỉ tiêu ..." into quota_line.  progress
 * (may be NULL) is sync_params.progress; report gets one line per refused
 * item (NULL: none).  Returns sync_run()'s status, c filled in every case.
 */
int sync_attempt(struct store *st, size_t batch,
		 void (*progress)(void *, const struct sync_counts *), void *progress_arg,
		 FILE *report, struct sync_counts *c, char *quota_line, size_t quota_len, char *err,
		 size_t errlen);

/*
 * The last sync run, kept in the store's settings (key "last_sync") by
 * `sync` and `ui` alike, so Home can say when it was and how it went.
 */
struct sync_last {
	int64_t at_unix_ms;
	int rc; /* enum client_exit */
	int64_t sent, refused, pulled, notes;
};
#define SYNC_KEY_LAST "last_sync"
/* Record a run that ended with rc.  Returns 0 or -1 (store error). */
int sync_record_last(struct store *st, int rc, const struct sync_counts *c);
/* Load it; *found false before the first run. */
int sync_load_last(struct store *st, struct sync_last *last, bool *found);

#endif
