/*
 * migrations.h - the schema, embedded into the binary at build time
 * (embed_sql.cmake); sql/README.md says what goes where.
 *
 * sk_migrations: the versioned steps sql/NNN_name.sql, in file-name order,
 * each applied once (tables, indexes, types, data).
 * sk_repeatables: sql/repeatable/LAYER/NAME.sql, one function, view or
 * trigger per file (CREATE OR REPLACE), all re-applied in path order after
 * the versioned steps on every migrate.
 */
#ifndef SK_MIGRATIONS_H
#define SK_MIGRATIONS_H

#include <stddef.h>

struct migration {
	const char *name; /* "001_init", "1_functions/sk_in_scope" */
	const char *sql;  /* NUL-terminated file contents */
	size_t len;
};

extern const struct migration sk_migrations[];
extern const size_t sk_migrations_count;
extern const struct migration sk_repeatables[];
extern const size_t sk_repeatables_count;

#endif
