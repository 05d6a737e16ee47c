/*
 * fuzz_client_reply.h - what the client-reply fuzz target (fuzz_client_reply.c)
 * and its replay program (fuzz_client_reply_replay.c) share: the unit and the
 * items of the store each input starts from.
 */
#ifndef SANGKIEN_FUZZ_CLIENT_REPLY_H
#define SANGKIEN_FUZZ_CLIENT_REPLY_H

#include "sangkien.pb-c.h"

#define FUZZ_REPLY_UNIT "Q11-027"

/* The store's items in id order: a new one, one with a pending edit, one
 * with a pending withdrawal (both at server version 1). */
extern const char *const fuzz_reply_uuids[3];

/* Valid content of the unit for uuid (a and ap are the author's storage). */
void fuzz_reply_content(Sangkien__Initiative *c, Sangkien__Author *a, Sangkien__Author **ap,
			const char *uuid, const char *title);

/* The exit status of the last input's sync run (for the replay's seeds). */
extern int fuzz_reply_last_rc;

#endif
