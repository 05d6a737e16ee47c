/*
 * fuzz_conn.h - the input format of the server's connection fuzz target
 * (fuzz_conn.c), shared with its replay program (fuzz_conn_replay.c).
 *
 * An input is two bytes of set-up and then the byte stream a client sends:
 *   byte 0 % FUZZ_CONN_ROLES: who the connection is (enum fuzz_conn_role);
 *   byte 1 % FAKE_DB_MODES: how the fake database answers (fake_db.h).
 */
#ifndef SANGKIEN_FUZZ_CONN_H
#define SANGKIEN_FUZZ_CONN_H

#include <stddef.h>
#include <stdint.h>

enum fuzz_conn_role {
	FUZZ_CONN_NEW,	     /* nothing said yet: the stream starts with a hello */
	FUZZ_CONN_UNIT,	     /* a grassroots unit's device, after its hello */
	FUZZ_CONN_OPERATOR,  /* an operator scoped to a district */
	FUZZ_CONN_ADMIN,     /* an administrator */
	FUZZ_CONN_ANONYMOUS, /* an anonymous session (enrollment) */
	FUZZ_CONN_ROLES
};

#define FUZZ_CONN_UNIT_CODE "Q11-027"
#define FUZZ_CONN_SCOPE_CODE "Q11"

/* What the last input did, for the replay's summary. */
struct fuzz_conn_stats {
	unsigned long inputs;
	unsigned long replies;	  /* frames the server sent */
	unsigned long statements; /* statements that reached the fake database */
};
extern struct fuzz_conn_stats fuzz_conn_stats;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
