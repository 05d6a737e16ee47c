/*
 * progress_pages.h - every page of a scope's progress (ProgressRequest
 * with paged, PROTOCOL.md 6.8), each checked as it arrives: a hostile or
 * broken server must not make a client loop for ever, list a unit twice or
 * keep growing memory.
 */
#ifndef SANGKIEN_PROGRESS_PAGES_H
#define SANGKIEN_PROGRESS_PAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net.h"
#include "sangkien.pb-c.h"

/* The most units a client takes from one scope (the nation has about
 * 130,000): a server sending more is refused, not followed. */
#define PROGRESS_PAGES_MAX_UNITS 1000000

/* Every page's units and tree nodes as one reply (whole: its arrays point
 * at the pages' messages, kept in pages until progress_pages_release). */
struct progress_pages {
	Sangkien__ProgressReply whole;
	Sangkien__Envelope **pages;
	size_t n_pages;
	bool cut; /* stopped at `most` units with more to come */
};

/* Told after each page: the units received so far. */
typedef void (*progress_pages_fn)(void *arg, size_t units);

/*
 * One page checked against the cursor it was asked with (a pure rule, so
 * the unit tests and the fuzz target reach it): unit codes valid and each
 * after the one before in byte order, the first after `cursor`;
 * next_cursor the last unit's code (the cursor itself when the page has
 * none); more only with at least one unit, so each page moves on.  False
 * with a Vietnamese reason in err (plain ASCII codes only once valid).
 */
bool progress_page_check(const Sangkien__ProgressReply *r, const char *cursor, char *err,
			 size_t errlen);

/*
 * Ask for pages of scope ("": the credential's) of at most page_units
 * units (0: the server's size) until more is false, or until more than
 * `most` units have come (0: PROGRESS_PAGES_MAX_UNITS; out->cut then says
 * the scope has more).  A page's tree, when
 * the server left it out (tree_omitted), leaves the whole tree out, so
 * whole.tree is either complete or empty.  Returns an enum admin_exit
 * status; on failure the message (Vietnamese, may hold server text
 * unfiltered) is in msg and out is empty.  shown may be NULL.
 */
int progress_pages_fetch(struct sk_conn *c, const char *scope, uint32_t page_units, size_t most,
			 progress_pages_fn shown, void *arg, struct progress_pages *out, char *msg,
			 size_t msglen);

void progress_pages_release(struct progress_pages *p);

#endif
