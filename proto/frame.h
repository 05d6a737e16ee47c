/*
 * frame.h - the wire framing: a 4-byte big-endian payload length, then the
 * payload (one packed sangkien.Envelope).
 *
 * Pure functions over caller-owned bytes: nothing here allocates, so a length
 * is judged before anyone reserves memory for the payload.
 */
#ifndef SANGKIEN_FRAME_H
#define SANGKIEN_FRAME_H

#include <stddef.h>
#include <stdint.h>

#define FRAME_HEADER_BYTES 4u

/* Largest payload any peer may send; servers announce their own, smaller
 * limit in HelloReply.max_frame_bytes. */
#define FRAME_MAX_PAYLOAD_HARD (16u * 1024u * 1024u)

enum frame_status {
	FRAME_NEED_MORE = 0, /* the header or payload is not complete yet */
	FRAME_READY,	     /* a complete frame starts at buf[0] */
	FRAME_EMPTY,	     /* length 0: protocol error */
	FRAME_TOO_LARGE,     /* length above max_payload: protocol error */
};

/*
 * Look at the first bytes of a stream.  On FRAME_READY, *payload_len is set
 * and buf[FRAME_HEADER_BYTES .. FRAME_HEADER_BYTES + *payload_len) is the
 * payload.  On FRAME_EMPTY / FRAME_TOO_LARGE, *payload_len holds the announced
 * length (for the error message).  On FRAME_NEED_MORE with at least a header,
 * *payload_len is the announced length so the caller knows how much to wait
 * for.  Never reads past buf[avail - 1].
 */
enum frame_status frame_peek(const uint8_t *buf, size_t avail, uint32_t max_payload,
			     uint32_t *payload_len);

/* Decode / encode the 4-byte big-endian length header. */
uint32_t frame_get_length(const uint8_t header[FRAME_HEADER_BYTES]);
void frame_put_length(uint8_t header[FRAME_HEADER_BYTES], uint32_t length);

/* Short English name of a status, for logs and errors. */
const char *frame_status_name(enum frame_status st);

#endif
