/*
 * progress.h - the progress of a sync on a terminal: one line, redrawn in
 * place, with items done of the total and bytes sent and received.
 */
#ifndef SANGKIEN_PROGRESS_H
#define SANGKIEN_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sync.h"

struct progress {
	FILE *out;
	bool drawn;		    /* a line is on screen (finish ends it) */
	struct sync_counts earlier; /* counts of earlier attempts of this run */
	int64_t last_ms;	    /* last redraw, to redraw at most 10 times a second */
	struct sync_counts last;    /* the latest figures, drawn again by finish */
};

/* "512 B", "12,3 KB", "4,5 MB" (decimal units, Vietnamese decimal comma). */
void progress_bytes(uint64_t n, char *out, size_t outlen);

/* The line for counts c (earlier attempts added), without a newline. */
void progress_line(const struct sync_counts *c, char *out, size_t outlen);

/* A sync_params.progress callback; arg is a struct progress. */
void progress_update(void *arg, const struct sync_counts *c);

/* Draw the latest figures and end the line, if one is on screen. */
void progress_finish(struct progress *pg);

#endif
