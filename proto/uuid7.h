/*
 * uuid7.h - RFC 9562 version 7 UUIDs: 48-bit Unix milliseconds, version,
 * random bits.  Keys made on the client when an initiative is entered; being
 * time-ordered they keep the server's primary-key index compact.
 */
#ifndef SANGKIEN_UUID7_H
#define SANGKIEN_UUID7_H

#include <stdbool.h>
#include <stdint.h>

#define UUID_TEXT_LEN 36 /* 8-4-4-4-12 without the terminating NUL */

/* Make a new v7 UUID as lower-case text (buffer of UUID_TEXT_LEN + 1).
 * Returns false only when the system has no randomness to give. */
bool uuid7_generate(char out[UUID_TEXT_LEN + 1]);

/* Same, with a given millisecond timestamp (for tests). */
bool uuid7_generate_at(uint64_t unix_ms, char out[UUID_TEXT_LEN + 1]);

/* True when text is a canonical lower-case 8-4-4-4-12 UUID whose version is
 * 7 and variant is RFC 9562's. */
bool uuid7_is_valid(const char *text);

/* The millisecond timestamp in a valid v7 UUID's text. */
uint64_t uuid7_unix_ms(const char *text);

#endif
