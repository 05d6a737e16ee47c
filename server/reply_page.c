/* reply_page.c - see reply_page.h. */
#include "reply_page.h"

#include "conn.h"
#include "initiative_row.h"

/* Room kept for the envelope and the reply's own fields. */
#define REPLY_PAGE_MARGIN 64

void reply_page_init_budget(struct reply_page *p, size_t budget)
{
	p->budget = budget;
	p->used = 0;
	p->n = 0;
	p->more = false;
}

void reply_page_init(struct reply_page *p, const struct conn *c)
{
	size_t limit = conn_frame_limit(c);
	reply_page_init_budget(p, limit > REPLY_PAGE_MARGIN ? limit - REPLY_PAGE_MARGIN : 1);
}

size_t reply_page_entry_size(size_t packed)
{
	size_t n = 2 + packed;
	for (size_t v = packed; v >= 0x80; v >>= 7)
		n++;
	return n;
}

bool reply_page_take(struct reply_page *p, size_t size)
{
	if (p->more || (p->n > 0 && p->used + size > p->budget)) {
		p->more = true;
		return false;
	}
	p->used += size;
	p->n++;
	return true;
}

bool reply_page_fit_row(const struct reply_page *p, struct initiative_row *row, size_t size)
{
	if (size <= p->budget)
		return false;
	size_t own = sangkien__server_initiative__get_packed_size(&row->msg);
	size_t over = size - p->budget + 16;
	initiative_row_fit(row, own > over ? own - over : 0);
	return true;
}
