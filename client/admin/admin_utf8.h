/*
 * admin_utf8.h - walking UTF-8 text one code point at a time.
 *
 * Validation lives in sk_proto (utf8_is_valid); these helpers are for text
 * already known to be valid, and stay safe on text that is not.
 */
#ifndef SANGKIEN_ADMIN_UTF8_H
#define SANGKIEN_ADMIN_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Code point used for a byte that does not start a valid sequence. */
#define ADMIN_UTF8_REPLACEMENT 0xFFFDu

/*
 * Decode the code point at *pos (pos < end) and advance *pos past it.  An
 * invalid or truncated sequence yields ADMIN_UTF8_REPLACEMENT and advances
 * one byte, so every loop terminates.
 */
uint32_t admin_utf8_next(const char **pos, const char *end);

/* Encode cp into out (at least 4 bytes); returns the number of bytes. */
size_t admin_utf8_put(uint32_t cp, char out[4]);

#endif
