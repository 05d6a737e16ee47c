/*
 * query_params.h - typed values as the text parameters of a statement
 * (db_job_add), for the named query functions (*_queries.c).  Each writes
 * into the caller's buffer and returns it, or NULL (SQL NULL) where said.
 */
#ifndef SK_QUERY_PARAMS_H
#define SK_QUERY_PARAMS_H

#include <stdbool.h>
#include <stdint.h>

#define QUERY_PARAM_LEN 24

/* v in decimal. */
const char *query_param_int(char buf[QUERY_PARAM_LEN], int64_t v);
/* v in decimal (unsigned). */
const char *query_param_uint(char buf[QUERY_PARAM_LEN], uint64_t v);
/* A scope unit id: NULL for 0 (the whole tree: an administrator). */
const char *query_param_scope(char buf[QUERY_PARAM_LEN], int64_t scope_unit_id);
/* "true" or "false". */
const char *query_param_bool(bool v);
/* s, or NULL when s is NULL or empty. */
const char *query_param_text_or_null(const char *s);

#endif
