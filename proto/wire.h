/*
 * wire.h - envelopes to frames and back.
 *
 * Decoding treats the payload as hostile: protobuf-c allocates through a
 * budgeted allocator, so a small frame can never make the decoder allocate
 * more than WIRE_DECODE_BUDGET(payload_len) bytes (repeated empty messages
 * would otherwise expand a 1 MiB frame into tens of MiB of structs).
 */
#ifndef SANGKIEN_WIRE_H
#define SANGKIEN_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include "sangkien.pb-c.h"

/* Decoded structures may take at most this many bytes for a payload. */
#define WIRE_DECODE_BUDGET(payload_len) ((size_t)(payload_len)*16u + 65536u)

enum wire_status {
	WIRE_OK = 0,
	WIRE_DECODE_FAILED, /* not a valid Envelope */
	WIRE_OVER_BUDGET,   /* valid or not, it would take too much memory */
	WIRE_NO_BODY,	    /* an Envelope without a body */
	WIRE_NO_MEMORY,
};

/*
 * Decode one payload (without the 4-byte header).  On WIRE_OK, *out is a new
 * envelope owned by the caller, freed with wire_envelope_free().  On any
 * other status *out is NULL.
 */
enum wire_status wire_decode(const uint8_t *payload, size_t len, Sangkien__Envelope **out);

void wire_envelope_free(Sangkien__Envelope *env);

/*
 * Encode an envelope as a complete frame (header + payload) into a new
 * malloc'd buffer; *frame_len is its total size.  Returns NULL when out of
 * memory or when the payload would exceed max_payload.  Caller frees.
 */
uint8_t *wire_encode(const Sangkien__Envelope *env, uint32_t max_payload, size_t *frame_len);

/* Short English name of a status. */
const char *wire_status_name(enum wire_status st);

/* Name of an envelope body case, e.g. "submit", for logs. */
const char *wire_body_name(Sangkien__Envelope__BodyCase body);

/* Name of an error code, e.g. "BAD_CREDENTIAL". */
const char *wire_error_code_name(Sangkien__ErrorCode code);

#endif
