/*
 * wire.h - envelopes to frames and back.
 *
 * Decoding treats the payload as hostile.  A pre-pass over the wire format
 * drops unknown fields (proto3: ignored, so any number of them costs
 * nothing) and counts the known field occurrences: more than
 * WIRE_MAX_FIELDS(payload_len) is refused (PROTOCOL.md section 1), a rule a
 * peer can check from the bytes alone.  protobuf-c then allocates through
 * a budgeted allocator as a safety net: WIRE_DECODE_BUDGET covers the
 * largest decoded struct per counted field, so an envelope within the count
 * never meets it (repeated empty messages would otherwise expand a 1 MiB
 * frame into tens of MiB of structs).
 */
#ifndef SANGKIEN_WIRE_H
#define SANGKIEN_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include "sangkien.pb-c.h"

/* Known field occurrences an envelope may hold (each repeated element
 * once, embedded messages' fields included). */
#define WIRE_MAX_FIELDS(payload_len) ((size_t)4096u + (size_t)(payload_len) / 8u)
/* The most a decoded struct (with its pointer slot) takes, per field. */
#define WIRE_STRUCT_MAX 256u
/* Decoded structures may take at most this many bytes for a payload. */
#define WIRE_DECODE_BUDGET(payload_len)                                                            \
	(WIRE_MAX_FIELDS(payload_len) * WIRE_STRUCT_MAX + 2u * (size_t)(payload_len) + 65536u)

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
