/*
 * migrate.h - the one-shot database commands: `migrate` and
 * `create-operator`.  They run before or beside the server, not in its
 * event loop, so they use blocking libpq.
 */
#ifndef SK_MIGRATE_H
#define SK_MIGRATE_H

#include <stdbool.h>
#include <stdio.h>

/*
 * Apply every embedded migration not yet recorded in schema_migrations, each
 * in its own transaction, under an advisory lock so two runs cannot
 * interleave.  Prints one line per migration applied (or that none was) to
 * out.  Then re-apply every definition of sql/repeatable (functions, views,
 * triggers) in one transaction.  Returns false with a message in err on
 * failure (that migration, or all the definitions, rolled back; earlier
 * migrations stay).
 */
bool migrate_run(const char *conninfo, FILE *out, char *err, size_t errlen);

/* Version number of a migration name: the leading digits, -1 if none. */
int migrate_version(const char *name);

/*
 * Create an operator credential scoped to scope_code (NULL: administrator of
 * the whole tree) and write its text into cred (AUTH_CREDENTIAL_LEN + 1).
 */
bool migrate_create_operator(const char *conninfo, const char *scope_code, const char *label,
			     char *cred, char *err, size_t errlen);

#endif
