/*
 * utf8.h - walking UTF-8 text one code point at a time, for both clients.
 *
 * Validation of whole strings lives in sk_proto (utf8_is_valid); these
 * helpers read text of any origin and stay safe on text that is not valid.
 */
#ifndef SANGKIEN_CLIENT_UTF8_H
#define SANGKIEN_CLIENT_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Code point returned for a byte that does not start a valid sequence. */
#define UTF8_REPLACEMENT 0xFFFDu

/*
 * Decode the code point at *pos (pos < end) and advance *pos past it.  An
 * invalid, overlong, surrogate or truncated sequence yields UTF8_REPLACEMENT
 * and advances one byte, so every loop terminates.
 */
uint32_t utf8_next(const char **pos, const char *end);

/* Encode cp (at most U+10FFFF) into out; returns the number of bytes, 1..4. */
size_t utf8_put(uint32_t cp, char out[4]);

#endif
