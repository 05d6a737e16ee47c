/*
 * migrations.h - the schema migrations, sql/NNN_name.sql embedded into the
 * binary at build time (embed_sql.cmake), in file-name order.
 */
#ifndef SK_MIGRATIONS_H
#define SK_MIGRATIONS_H

#include <stddef.h>

struct migration {
	const char *name; /* "001_init" */
	const char *sql;  /* NUL-terminated file contents */
	size_t len;
};

extern const struct migration sk_migrations[];
extern const size_t sk_migrations_count;

#endif
