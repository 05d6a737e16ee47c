/*
 * metrics.h - the server's counters, kept in struct server and shown in
 * the Prometheus text format on the metrics port (metrics_http.h).
 * Everything runs in the one event loop, so plain integers suffice.
 */
#ifndef SK_METRICS_H
#define SK_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "sangkien.pb-c.h"

/* Envelope body cases and error codes index the arrays below. */
#define METRICS_BODIES 96
#define METRICS_RESULTS 16 /* 0: ok, else the ErrorCode */
#define METRICS_ITEM_STATUSES 9
/* Request latency histogram bounds, milliseconds (then +Inf). */
#define METRICS_LATENCY_BUCKETS 12
extern const double metrics_latency_bounds_ms[METRICS_LATENCY_BUCKETS];

struct latency_histogram {
	uint64_t buckets[METRICS_LATENCY_BUCKETS + 1]; /* not cumulative; last: +Inf */
	uint64_t count;
	double sum_seconds;
};

struct metrics {
	/* listener */
	uint64_t conn_accepted;
	uint64_t conn_refused_full; /* beyond max_connections: ERROR_UNAVAILABLE */
	uint64_t conn_shed_nofile;  /* out of descriptors: answered busy, closed */
	uint64_t accept_pauses;	    /* times accepting stopped for lack of descriptors */
	/* enrollment limits (ratelimit.h) */
	uint64_t enroll_refused_address;
	uint64_t enroll_refused_global;
	uint64_t enroll_failed; /* wrong, used or expired codes */
	uint64_t enroll_succeeded;
	/* credentials */
	uint64_t sessions_revoked; /* sessions ended because their credential was revoked */
	/* requests by type (body case) and result, answered ones only */
	uint64_t requests[METRICS_BODIES][METRICS_RESULTS];
	struct latency_histogram latency[METRICS_BODIES];
	/* items of submit, edit and withdraw batches by request type and status */
	uint64_t items[METRICS_BODIES][METRICS_ITEM_STATUSES];
	uint64_t report_db_fallbacks; /* reports run on the primary: report_db down */
	uint64_t pull_pages;
	uint64_t pull_items;
	/* dossiers (PROTOCOL.md 10) */
	uint64_t upload_bytes;		   /* file bytes stored from UploadChunk */
	uint64_t uploads_committed;	   /* files committed (kept or found kept) */
	uint64_t uploads_refused_hash;	   /* commits refused: hash mismatch */
	uint64_t uploads_refused_type;	   /* commits refused: type not accepted */
	uint64_t uploads_abandoned;	   /* uploads dropped by the sweep */
	uint64_t files_unattached_removed; /* committed files removed by the sweep */
	uint64_t download_bytes;	   /* file bytes sent in FileChunkReply */
};

struct conn;

/* A request was read from c and is about to be handled. */
void metrics_request_started(struct conn *c, const Sangkien__Envelope *req);

/* A reply is being queued on c: counts the request it answers (the first
 * reply with the request's id), its result, latency and items. */
void metrics_reply_sent(struct conn *c, const Sangkien__Envelope *reply);

#endif
