/*
 * upload_sweep.h - drops abandoned uploads (PROTOCOL.md 10.7) off the
 * request path: every upload_sweep_ms the server deletes, in one statement
 * of its pool (sk_upload_sweep, a batch at a time, at once again while
 * batches come back full), the uploads untouched for upload_abandon_s with
 * their bytes.  Nothing blocks: it is one more asynchronous job.
 */
#ifndef SK_UPLOAD_SWEEP_H
#define SK_UPLOAD_SWEEP_H

struct server;
struct upload_sweep;

/* Start on srv's loop and pool.  NULL when out of memory. */
struct upload_sweep *upload_sweep_start(struct server *srv);
/* A run still in the pool ends with its DB_SHUTDOWN callback later. */
void upload_sweep_free(struct upload_sweep *us);

#endif
