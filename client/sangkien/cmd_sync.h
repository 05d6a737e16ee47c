/*
 * cmd_sync.h - `sangkien sync` option parsing, exposed for the unit tests.
 */
#ifndef SANGKIEN_CMD_SYNC_H
#define SANGKIEN_CMD_SYNC_H

#include <stddef.h>
#include <stdint.h>

/* Largest --batch accepted. */
#define SYNC_BATCH_MAX 10000

/*
 * Parse `sync` options (argv[0] is "sync").  *batch is the --batch value
 * (0 when absent).  Returns 0, 1 for --help, or CLIENT_EXIT_USAGE with a
 * Vietnamese message in err.
 */
int sync_options_parse(int argc, char **argv, size_t *batch, char *err, size_t errlen);

/*
 * Items per batch: the requested size (0: the default), never above what
 * the server announced (0: no announcement).
 */
size_t sync_batch_size(size_t requested, uint32_t server_max);

#endif
