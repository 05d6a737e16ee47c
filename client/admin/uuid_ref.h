/*
 * uuid_ref.h - initiatives named by the operator: the full uuid, or a
 * unique prefix of at least UUID_REF_MIN characters (as `review list`
 * shows them), in any case.  The server looks each up through its uuid
 * index (ListInitiatives' uuid_prefix) among the initiatives of the scope
 * (current campaign); the scope is never listed whole.
 */
#ifndef SANGKIEN_UUID_REF_H
#define SANGKIEN_UUID_REF_H

#include <stdbool.h>
#include <stddef.h>

#include "net.h"
#include "sangkien.pb-c.h"

#define UUID_REF_MIN 8

/* A full v7 uuid, or UUID_REF_MIN..35 characters that begin one (hex
 * digits, dashes where a uuid has them). */
bool uuid_ref_is_valid(const char *ref);

/*
 * Replace every refs[i] (malloc'd strings) that is a prefix by the full
 * uuid of the one initiative it begins, in the scope ("" for the
 * operator's); full uuids are not looked up.  A prefix that begins none or
 * several is printed on stderr (the several named with their titles) and
 * nothing is replaced: returns ADMIN_EXIT_REFUSED.  Other failures return
 * their enum admin_exit status.  what names the command in messages.
 */
int uuid_ref_resolve(struct sk_conn *c, const char *scope, char **refs, size_t n, const char *what);

/* One ref, with the message (the first problem) put in msg instead of
 * printed: for the console. */
int uuid_ref_resolve_msg(struct sk_conn *c, const char *scope, char **ref, char *msg,
			 size_t msglen);

/*
 * The one initiative ref names, as listed (content, notes, recognition,
 * reward), in *out (caller frees with
 * sangkien__listed_initiative__free_unpacked(*out, NULL)).  Same statuses
 * and messages as uuid_ref_resolve().
 */
int uuid_ref_fetch(struct sk_conn *c, const char *scope, const char *ref,
		   Sangkien__ListedInitiative **out, const char *what);

#endif
