/*
 * listing_queries.h - the statements of ListInitiativesRequest and
 * SimilarRequest (operators' lists and the similar initiatives of one),
 * and the decoder of their rows: sk_server_initiatives' columns
 * (initiative_row.h) and unit_name, plus similarity for similar.  The
 * handlers validate every value first.  A scope is a unit id, 0 for an
 * administrator's whole tree.
 */
#ifndef SK_LISTING_QUERIES_H
#define SK_LISTING_QUERIES_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "initiative_row.h"
#include "sangkien.pb-c.h"

/* The campaign a list counts for: code, or the current one for "".  One
 * row (counts_from), none when no such campaign. */
bool listing_query_campaign(struct db_job *job, const char *campaign_code);

struct listing_filter {
	const char *scope_code;	   /* "": the credential's scope, else a unit in it */
	int64_t scope;		   /* the credential's scope unit id; 0: whole tree */
	const char *campaign_code; /* "": the current campaign */
	const char *statuses;	   /* a text[] literal of status names; NULL: any */
	uint64_t after_record_id;  /* initiatives with a larger record id */
	uint32_t limit;		   /* rows at most */
	const char *uuid_lo;	   /* NULL, or only uuids from uuid_lo to uuid_hi */
	const char *uuid_hi;	   /* (a prefix's range: listing_uuid_range) */
};

/* The uuids a prefix begins (8..36 characters of a uuid's shape, any
 * case): the lowest and highest, lower case.  False when prefix is not
 * such a prefix. */
bool listing_uuid_range(const char *prefix, char lo[37], char hi[37]);

/* One page of the initiatives f selects, counting in the campaign, by
 * record id. */
bool listing_query_page(struct db_job *job, const struct listing_filter *f);

/* The initiative uuid when inside scope: one row, none when it is not. */
bool similar_query_target(struct db_job *job, const char *uuid, int64_t scope);

/* Up to limit initiatives inside scope resembling uuid's
 * (sql/repeatable/1_functions/sk_similar.sql), most similar first. */
bool similar_query_items(struct db_job *job, const char *uuid, int64_t scope, uint32_t limit);

/* Where the columns of a listing or similar result are; false (err set)
 * when one is missing. */
struct listing_cols {
	struct initiative_cols row;
	int unit_name;
	int similarity; /* -1 in a listing */
};
bool listing_cols_find(struct listing_cols *cols, const PGresult *r, bool similar, char *err,
		       size_t errlen);

/* Row `row` as li (its initiative in *ir, the caller's to free; strings
 * point into r and *ir).  False (err set) when the row is unreadable. */
bool listing_read(Sangkien__ListedInitiative *li, struct initiative_row **ir, const PGresult *r,
		  int row, const struct listing_cols *cols, char *err, size_t errlen);

#endif
