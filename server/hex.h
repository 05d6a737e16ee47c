/*
 * hex.h - hashes as lowercase hex text and back, without stdio (they are
 * encoded and decoded for every stored and answered item).
 */
#ifndef SK_HEX_H
#define SK_HEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* n bytes as 2n lowercase hex digits at out, then a NUL (out holds 2n+1). */
void hex_encode(const uint8_t *bytes, size_t n, char *out);

/* n bytes as a bytea text literal: "\x", 2n hex digits, a NUL (out holds
 * 2n+3): how hashes go to PostgreSQL as text parameters. */
void hex_bytea_literal(const uint8_t *bytes, size_t n, char *out);

/* Exactly 2n hex digits (either case) at text, nothing after them, into n
 * bytes; false on anything else (out is then undefined). */
bool hex_decode(const char *text, uint8_t *out, size_t n);

#endif
