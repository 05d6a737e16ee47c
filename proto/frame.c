/* frame.c - see frame.h. */
#include "frame.h"

uint32_t frame_get_length(const uint8_t header[FRAME_HEADER_BYTES])
{
	return ((uint32_t)header[0] << 24) | ((uint32_t)header[1] << 16) |
	       ((uint32_t)header[2] << 8) | (uint32_t)header[3];
}

void frame_put_length(uint8_t header[FRAME_HEADER_BYTES], uint32_t length)
{
	header[0] = (uint8_t)(length >> 24);
	header[1] = (uint8_t)(length >> 16);
	header[2] = (uint8_t)(length >> 8);
	header[3] = (uint8_t)length;
}

enum frame_status frame_peek(const uint8_t *buf, size_t avail, uint32_t max_payload,
			     uint32_t *payload_len)
{
	uint32_t len;

	if (avail < FRAME_HEADER_BYTES)
		return FRAME_NEED_MORE;
	len = frame_get_length(buf);
	*payload_len = len;
	/* Judge the length before anyone waits for or reserves the payload. */
	if (len == 0)
		return FRAME_EMPTY;
	if (len > max_payload || len > FRAME_MAX_PAYLOAD_HARD)
		return FRAME_TOO_LARGE;
	if (avail - FRAME_HEADER_BYTES < len)
		return FRAME_NEED_MORE;
	return FRAME_READY;
}

const char *frame_status_name(enum frame_status st)
{
	switch (st) {
	case FRAME_NEED_MORE:
		return "incomplete frame";
	case FRAME_READY:
		return "frame ready";
	case FRAME_EMPTY:
		return "zero-length frame";
	case FRAME_TOO_LARGE:
		return "frame too large";
	}
	return "unknown frame status";
}
