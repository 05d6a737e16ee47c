/* handle_common.c - helpers for the handlers (see handlers.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "handlers.h"

const char *handler_scope_param(const struct conn *c, char buf[24])
{
	if (c->sess.role == SANGKIEN__ROLE__ROLE_ADMINISTRATOR)
		return NULL;
	snprintf(buf, 24, "%lld", (long long)c->sess.unit_id);
	return buf;
}

int64_t handler_scope_id(const struct conn *c)
{
	return c->sess.role == SANGKIEN__ROLE__ROLE_ADMINISTRATOR ? 0 : c->sess.unit_id;
}

int64_t handler_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

const char *handler_text(const PGresult *r, int row, int col)
{
	if (row >= PQntuples(r) || col >= PQnfields(r) || PQgetisnull(r, row, col))
		return "";
	return PQgetvalue(r, row, col);
}

const char *handler_named(const PGresult *r, int row, const char *name)
{
	int col = PQfnumber(r, name);
	return col < 0 ? "" : handler_text(r, row, col);
}

const char *handler_field(const PGresult *r, const char *name)
{
	return handler_named(r, 0, name);
}

int64_t handler_int(const PGresult *r, int row, int col)
{
	return strtoll(handler_text(r, row, col), NULL, 10);
}

bool handler_job_actor_of(struct db_job *job, int64_t credential_id, const char *action)
{
	char cred[24];
	snprintf(cred, sizeof(cred), "%lld", (long long)credential_id);
	const char *params[] = {credential_id > 0 ? cred : NULL, action};
	return db_job_add(job, "SELECT sk_set_actor($1::bigint, $2)", 2, params);
}

bool handler_job_actor(struct db_job *job, const struct conn *c, const char *action)
{
	return handler_job_actor_of(job, c->sess.credential_id, action);
}

struct db_job *handler_writing_job(const struct conn *c, const char *action)
{
	struct db_job *job = db_job_create();
	if (job != NULL && !handler_job_actor(job, c, action)) {
		db_job_free(job);
		return NULL;
	}
	return job;
}

Sangkien__Role handler_role_from_text(const char *role)
{
	if (strcmp(role, "unit") == 0)
		return SANGKIEN__ROLE__ROLE_UNIT;
	if (strcmp(role, "operator") == 0)
		return SANGKIEN__ROLE__ROLE_OPERATOR;
	if (strcmp(role, "administrator") == 0)
		return SANGKIEN__ROLE__ROLE_ADMINISTRATOR;
	return SANGKIEN__ROLE__ROLE_UNSPECIFIED;
}
