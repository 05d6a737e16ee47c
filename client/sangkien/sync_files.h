/*
 * sync_files.h - the dossiers' part of a sync (PROTOCOL.md 10), after the
 * initiatives' changes: each pending file of an initiative the server
 * holds is uploaded (UploadStart tells what the server has; the rest goes
 * in chunks, pipelined when the transport allows, read from the store's
 * copy a chunk at a time; UploadCommit), then attached; then the detaches.
 *
 * Resumable at any byte: a cut leaves the row pending and the next run asks
 * the server where the upload stands.  Every reply is checked
 * (reply_check.h) before anything is recorded.  The server's refusals (type,
 * limits, not editable) are kept on the row and reported; an initiative
 * whose version moved on the server (ITEM_CONFLICT on its base) leaves the
 * file pending for the next round, after the pull.
 */
#ifndef SANGKIEN_SYNC_FILES_H
#define SANGKIEN_SYNC_FILES_H

#include "sync.h"

/* UploadStart again after the server lost an upload or the hash did not
 * match, at most this many times per file in one run. */
#define SYNC_FILES_RESTARTS 2
/* Chunks in flight at once on a pipelined transport: while the server
 * stores one batch (up to five chunks) the next one is on its way. */
#define SYNC_FILES_WINDOW 8

/* Send every pending file and detach.  Returns CLIENT_EXIT_OK (refusals
 * are counted in c, not failures) or a failure's exit status with a
 * Vietnamese message in err.  c->files_retry is set to the files left
 * pending for another round. */
int sync_files(struct store *st, const struct sync_params *p, sync_send_fn send, void *arg,
	       struct sync_counts *c, char *err, size_t errlen);

#endif
