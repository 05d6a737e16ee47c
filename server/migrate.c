/* migrate.c - see migrate.h. */
#include "migrate.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "migrations.h"

/* Any constant will do; it only has to be the same for every run. */
#define MIGRATE_LOCK_KEY "7450001"

int migrate_version(const char *name)
{
	int v = 0, digits = 0;
	for (const char *p = name; *p >= '0' && *p <= '9'; p++, digits++) {
		if (v > 100000)
			return -1;
		v = v * 10 + (*p - '0');
	}
	return digits > 0 ? v : -1;
}

static PGconn *connect_db(const char *conninfo, char *err, size_t errlen)
{
	const char *keys[] = {"dbname", "fallback_application_name", NULL};
	const char *vals[] = {conninfo, "sangkiend", NULL};
	PGconn *pg = PQconnectdbParams(keys, vals, 1);
	if (pg == NULL || PQstatus(pg) != CONNECTION_OK) {
		snprintf(err, errlen, "cannot connect to the database: %s",
			 pg ? PQerrorMessage(pg) : "out of memory");
		PQfinish(pg);
		return NULL;
	}
	return pg;
}

/* Run a command; false with the server's message in err. */
static bool exec_ok(PGconn *pg, const char *sql, int n, const char *const *params, PGresult **keep,
		    char *err, size_t errlen)
{
	PGresult *r =
	    n > 0 ? PQexecParams(pg, sql, n, NULL, params, NULL, NULL, 0) : PQexec(pg, sql);
	ExecStatusType st = PQresultStatus(r);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		snprintf(err, errlen, "%s", PQresultErrorMessage(r));
		PQclear(r);
		return false;
	}
	if (keep)
		*keep = r;
	else
		PQclear(r);
	return true;
}

/*
 * Every function, view and trigger of sql/repeatable, in one transaction
 * after the versioned steps.  Bodies are checked when called, not when
 * created (as pg_dump restores them), so that within a layer the order of
 * the files does not matter.
 */
static bool apply_repeatables(PGconn *pg, char *err, size_t errlen)
{
	char msg[768];
	if (!exec_ok(pg, "BEGIN", 0, NULL, NULL, msg, sizeof(msg)) ||
	    !exec_ok(pg, "SET LOCAL check_function_bodies = off", 0, NULL, NULL, msg,
		     sizeof(msg))) {
		snprintf(err, errlen, "cannot start re-applying definitions: %s", msg);
		return false;
	}
	for (size_t i = 0; i < sk_repeatables_count; i++) {
		if (!exec_ok(pg, sk_repeatables[i].sql, 0, NULL, NULL, msg, sizeof(msg))) {
			snprintf(err, errlen, "definition %s failed: %s", sk_repeatables[i].name,
				 msg);
			return false;
		}
	}
	if (!exec_ok(pg, "COMMIT", 0, NULL, NULL, msg, sizeof(msg))) {
		snprintf(err, errlen, "cannot commit the definitions: %s", msg);
		return false;
	}
	return true;
}

bool migrate_run(const char *conninfo, FILE *out, char *err, size_t errlen)
{
	PGconn *pg = connect_db(conninfo, err, errlen);
	if (pg == NULL)
		return false;
	bool ok = false;
	size_t applied = 0;
	char msg[1024];

	if (!exec_ok(pg, "SET client_min_messages = warning", 0, NULL, NULL, msg, sizeof(msg)) ||
	    !exec_ok(pg, "SELECT pg_advisory_lock(" MIGRATE_LOCK_KEY ")", 0, NULL, NULL, msg,
		     sizeof(msg)) ||
	    !exec_ok(pg,
		     "CREATE TABLE IF NOT EXISTS schema_migrations ("
		     " version int PRIMARY KEY, name text NOT NULL,"
		     " applied_at timestamptz NOT NULL DEFAULT now())",
		     0, NULL, NULL, msg, sizeof(msg))) {
		snprintf(err, errlen, "cannot prepare migrations: %s", msg);
		goto done;
	}
	for (size_t i = 0; i < sk_migrations_count; i++) {
		const struct migration *m = &sk_migrations[i];
		int version = migrate_version(m->name);
		if (version < 0) {
			snprintf(err, errlen, "migration %s: name must start with its number",
				 m->name);
			goto done;
		}
		char vbuf[16];
		snprintf(vbuf, sizeof(vbuf), "%d", version);
		const char *p1[] = {vbuf};
		PGresult *r = NULL;
		if (!exec_ok(pg, "SELECT 1 FROM schema_migrations WHERE version = $1", 1, p1, &r,
			     msg, sizeof(msg))) {
			snprintf(err, errlen, "cannot read schema_migrations: %s", msg);
			goto done;
		}
		bool present = PQntuples(r) > 0;
		PQclear(r);
		if (present)
			continue;
		const char *p2[] = {vbuf, m->name};
		if (!exec_ok(pg, "BEGIN", 0, NULL, NULL, msg, sizeof(msg)) ||
		    !exec_ok(pg, m->sql, 0, NULL, NULL, msg, sizeof(msg)) ||
		    !exec_ok(pg, "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", 2,
			     p2, NULL, msg, sizeof(msg)) ||
		    !exec_ok(pg, "COMMIT", 0, NULL, NULL, msg, sizeof(msg))) {
			snprintf(err, errlen, "migration %s failed (rolled back): %s", m->name,
				 msg);
			PQclear(PQexec(pg, "ROLLBACK"));
			goto done;
		}
		fprintf(out, "applied %s\n", m->name);
		applied++;
	}
	if (applied == 0)
		fprintf(out, "schema up to date (%zu migrations)\n", sk_migrations_count);
	if (!apply_repeatables(pg, err, errlen)) {
		PQclear(PQexec(pg, "ROLLBACK"));
		goto done;
	}
	fprintf(out, "%zu definitions re-applied\n", sk_repeatables_count);
	ok = true;
done:
	PQfinish(pg);
	return ok;
}

bool migrate_create_operator(const char *conninfo, const char *scope_code, const char *label,
			     char *cred, char *err, size_t errlen)
{
	uint8_t digest[AUTH_DIGEST_BYTES];
	char digest_sql[AUTH_DIGEST_SQL_LEN + 1];
	char msg[1024];
	if (!auth_credential_generate(cred, digest)) {
		snprintf(err, errlen, "no randomness available");
		return false;
	}
	auth_digest_sql(digest, digest_sql);
	PGconn *pg = connect_db(conninfo, err, errlen);
	if (pg == NULL)
		return false;
	bool ok = false;
	PGresult *r = NULL;
	const char *params[] = {digest_sql, label ? label : "", scope_code};
	if (scope_code == NULL) {
		ok = exec_ok(pg,
			     "INSERT INTO credentials (secret_sha256, role, unit_id, label)"
			     " VALUES ($1::bytea, 'administrator', NULL, $2) RETURNING id",
			     2, params, &r, msg, sizeof(msg));
	} else {
		ok = exec_ok(pg,
			     "INSERT INTO credentials (secret_sha256, role, unit_id, label)"
			     " SELECT $1::bytea, 'operator', id, $2 FROM units WHERE code = $3"
			     " RETURNING id",
			     3, params, &r, msg, sizeof(msg));
	}
	if (!ok) {
		snprintf(err, errlen, "cannot create the credential: %s", msg);
	} else if (PQntuples(r) != 1) {
		snprintf(err, errlen, "unit \"%s\" does not exist", scope_code);
		ok = false;
	}
	PQclear(r);
	PQfinish(pg);
	if (!ok)
		memset(cred, 0, AUTH_CREDENTIAL_LEN + 1);
	return ok;
}
