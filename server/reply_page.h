/*
 * reply_page.h - the one rule for filling a paged reply (audit, lists,
 * credentials, similar): entries go in, in order, while the encoded reply
 * stays within a byte budget; the first entry always goes, so a page is
 * never empty and the client's cursor moves on.  An entry left out sets
 * `more`: the client asks again after the last entry it got.
 */
#ifndef SK_REPLY_PAGE_H
#define SK_REPLY_PAGE_H

#include <stdbool.h>
#include <stddef.h>

struct conn;
struct initiative_row;

struct reply_page {
	size_t budget; /* bytes the entries may take */
	size_t used;
	size_t n;  /* entries taken */
	bool more; /* an entry was left out */
};

/* A page of c's whole frame, less room for the envelope. */
void reply_page_init(struct reply_page *p, const struct conn *c);

/* A page within budget bytes. */
void reply_page_init_budget(struct reply_page *p, size_t budget);

/* Encoded size of an entry of a repeated message field (tag, length,
 * bytes) whose message packs to `packed` bytes. */
size_t reply_page_entry_size(size_t packed);

/* Take an entry of `size` encoded bytes (reply_page_entry_size): true when
 * it goes into the page (n counts it), false when the page is full (more
 * is then set and nothing after it may go). */
bool reply_page_take(struct reply_page *p, size_t size);

/*
 * An initiative entry of `size` encoded bytes, row's message among them:
 * when it is larger than the whole page, cut row to its newest notes
 * (initiative_row_fit) so that it fits, as a pull sends it.  True when row
 * was cut (the caller computes the entry's size again).
 */
bool reply_page_fit_row(const struct reply_page *p, struct initiative_row *row, size_t size);

#endif
