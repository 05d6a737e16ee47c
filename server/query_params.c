/* query_params.c - see query_params.h. */
#include "query_params.h"

#include <stdio.h>

const char *query_param_int(char buf[QUERY_PARAM_LEN], int64_t v)
{
	snprintf(buf, QUERY_PARAM_LEN, "%lld", (long long)v);
	return buf;
}

const char *query_param_uint(char buf[QUERY_PARAM_LEN], uint64_t v)
{
	snprintf(buf, QUERY_PARAM_LEN, "%llu", (unsigned long long)v);
	return buf;
}

const char *query_param_scope(char buf[QUERY_PARAM_LEN], int64_t scope_unit_id)
{
	return scope_unit_id == 0 ? NULL : query_param_int(buf, scope_unit_id);
}

const char *query_param_bool(bool v)
{
	return v ? "true" : "false";
}

const char *query_param_text_or_null(const char *s)
{
	return s == NULL || s[0] == '\0' ? NULL : s;
}
