/*
 * auth.h - the secrets: long-lived credentials and one-time enrollment
 * codes.  Pure functions; the database keeps only SHA-256 digests, so a
 * stolen table does not let anyone in.
 *
 * Credential text: "skc1_" followed by the 32 random bytes in unpadded
 * base64url (43 characters), 48 characters in all.
 * Enrollment code: 16 characters of an unambiguous base32 alphabet (no I, O,
 * 0, 1), shown in groups of four: "ABCD-EFGH-JKLM-NPQR".  Users may type it
 * in lower case, with or without dashes and spaces.
 */
#ifndef SK_AUTH_H
#define SK_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define AUTH_CREDENTIAL_PREFIX "skc1_"
#define AUTH_SECRET_BYTES 32
#define AUTH_CREDENTIAL_LEN 48 /* without NUL */
#define AUTH_DIGEST_BYTES 32
/* Digest as a PostgreSQL bytea literal: "\x" + 64 hex digits. */
#define AUTH_DIGEST_SQL_LEN (2 + 2 * AUTH_DIGEST_BYTES)

#define AUTH_ENROLL_CHARS 16
#define AUTH_ENROLL_DISPLAY_LEN 19 /* with three dashes, without NUL */
#define AUTH_ENROLL_ALPHABET "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

/*
 * Make a new credential: text into out (AUTH_CREDENTIAL_LEN + 1 bytes) and
 * its digest.  False only when the system has no randomness.
 */
bool auth_credential_generate(char out[AUTH_CREDENTIAL_LEN + 1], uint8_t digest[AUTH_DIGEST_BYTES]);

/*
 * Check a credential's form and compute its digest.  False (digest
 * untouched) when the text is not a well-formed credential.
 */
bool auth_credential_digest(const char *text, uint8_t digest[AUTH_DIGEST_BYTES]);

/* Make a new enrollment code in display form (AUTH_ENROLL_DISPLAY_LEN + 1)
 * and the digest of its normalized form. */
bool auth_enroll_generate(char out[AUTH_ENROLL_DISPLAY_LEN + 1], uint8_t digest[AUTH_DIGEST_BYTES]);

/*
 * Normalize what a user typed (upper-case, dashes and spaces dropped) into
 * the 16 code characters (out: AUTH_ENROLL_CHARS + 1).  False when the
 * result is not 16 characters of the alphabet.
 */
bool auth_enroll_normalize(const char *typed, char out[AUTH_ENROLL_CHARS + 1]);

/* Digest of a normalized enrollment code. */
void auth_enroll_digest(const char normalized[AUTH_ENROLL_CHARS + 1],
			uint8_t digest[AUTH_DIGEST_BYTES]);

/* Digest as a bytea literal for a text query parameter (out: LEN + 1). */
void auth_digest_sql(const uint8_t digest[AUTH_DIGEST_BYTES], char out[AUTH_DIGEST_SQL_LEN + 1]);

#endif
