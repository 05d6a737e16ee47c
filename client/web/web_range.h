/*
 * web_range.h - which bytes of a file a GET asks for, from its Range and
 * If-Range headers (RFC 9110 section 14): one range, "bytes=N-",
 * "bytes=N-M" or "bytes=-S" (the last S bytes).  Both headers come from
 * the network and are hostile: anything else (another unit, several
 * ranges, M < N, a stray character) is ignored and the whole file sent,
 * as the RFC allows; a number too long for 64 bits counts as the largest.
 */
#ifndef SANGKIEN_WEB_RANGE_H
#define SANGKIEN_WEB_RANGE_H

#include <stdint.h>

enum web_range_kind {
	WEB_RANGE_WHOLE,	 /* 200 with the whole file */
	WEB_RANGE_PART,		 /* 206 with bytes first..last */
	WEB_RANGE_UNSATISFIABLE, /* 416: the range starts at or past the end */
};

struct web_range {
	enum web_range_kind kind;
	uint64_t first, last; /* inclusive, within the file; WEB_RANGE_PART only */
};

/*
 * The answer for a file of size bytes whose strong entity tag is etag
 * (quoted, as sent in ETag).  range and if_range are the headers' values,
 * NULL when absent.  An If-Range that is not exactly etag (another tag, a
 * weak one, a date: the file may have changed since) means the whole file.
 */
struct web_range web_range_decide(const char *range, const char *if_range, const char *etag,
				  uint64_t size);

#endif
