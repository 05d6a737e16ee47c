/*
 * upload_sweep.h - the dossiers' background sweep (PROTOCOL.md 10.7), off
 * the request path: every upload_sweep_ms the server, in one job of its
 * pool (periodic_job.h), drops the uploads untouched for upload_abandon_s
 * with their bytes (sk_upload_sweep) and removes the bytes of committed
 * files attached to no initiative for unattached_file_keep_s
 * (sk_file_sweep), a batch of each at a time, at once again while a batch
 * comes back full.
 */
#ifndef SK_UPLOAD_SWEEP_H
#define SK_UPLOAD_SWEEP_H

#include "periodic_job.h"

/* Start on srv's loop and pool; stop with periodic_job_free.  NULL when
 * out of memory. */
struct periodic_job *upload_sweep_start(struct server *srv);

#endif
