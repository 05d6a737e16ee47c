/*
 * fake_db.h - a database layer for the server fuzz target: it implements
 * db.h (so the server's own db.c is not linked) without a database.  A job
 * is answered from the event loop, never from inside db_pool_run, with the
 * outcome fake_db_mode says; nothing is ever sent anywhere.
 */
#ifndef SANGKIEN_FAKE_DB_H
#define SANGKIEN_FAKE_DB_H

#include <stddef.h>

#include "db.h"

enum fake_db_mode {
	FAKE_DB_UNAVAILABLE,  /* DB_UNAVAILABLE: the database is down */
	FAKE_DB_QUERY_FAILED, /* DB_QUERY_FAILED 23514 at the last statement */
	FAKE_DB_EMPTY,	      /* DB_OK, every statement answered with no row */
	FAKE_DB_MODES
};

extern enum fake_db_mode fake_db_mode;

/* Jobs handed to db_pool_run whose callback has not run yet. */
size_t fake_db_pending(void);

/* Statements received since the start (what reached "the database"). */
size_t fake_db_statements(void);

#endif
