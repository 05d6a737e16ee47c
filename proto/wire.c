/* wire.c - see wire.h. */
#include "wire.h"

#include <stdlib.h>
#include <string.h>

#include "frame.h"

/*
 * Every block handed to protobuf-c carries its size in front, so that the
 * budget can be given back on free and one free function serves both the
 * budgeted decode and the later wire_envelope_free().
 */
struct alloc_header {
	size_t size;
	max_align_t align_;
};

#define HEADER_BYTES offsetof(struct alloc_header, align_)

struct decode_budget {
	size_t used;
	size_t limit;
	int exceeded;
};

static void *budget_alloc(void *data, size_t size)
{
	struct decode_budget *b = data;
	struct alloc_header *h;

	if (size > b->limit - b->used) {
		b->exceeded = 1;
		return NULL;
	}
	h = malloc(HEADER_BYTES + size);
	if (h == NULL)
		return NULL;
	h->size = size;
	b->used += size;
	return (char *)h + HEADER_BYTES;
}

static void budget_free(void *data, void *ptr)
{
	struct decode_budget *b = data;
	struct alloc_header *h;

	if (ptr == NULL)
		return;
	h = (struct alloc_header *)((char *)ptr - HEADER_BYTES);
	if (b != NULL)
		b->used -= h->size;
	free(h);
}

/* Frees only: used once the decode (and its budget) is over. */
static ProtobufCAllocator free_only_allocator = {
    .alloc = budget_alloc, /* never called with this allocator */
    .free = budget_free,
    .allocator_data = NULL,
};

enum wire_status wire_decode(const uint8_t *payload, size_t len, Sangkien__Envelope **out)
{
	struct decode_budget budget = {0, WIRE_DECODE_BUDGET(len), 0};
	ProtobufCAllocator alloc = {
	    .alloc = budget_alloc,
	    .free = budget_free,
	    .allocator_data = &budget,
	};
	Sangkien__Envelope *env;

	*out = NULL;
	env = sangkien__envelope__unpack(&alloc, len, payload);
	if (env == NULL) {
		if (budget.exceeded)
			return WIRE_OVER_BUDGET;
		return WIRE_DECODE_FAILED;
	}
	if (env->body_case == SANGKIEN__ENVELOPE__BODY__NOT_SET) {
		wire_envelope_free(env);
		return WIRE_NO_BODY;
	}
	*out = env;
	return WIRE_OK;
}

void wire_envelope_free(Sangkien__Envelope *env)
{
	if (env != NULL)
		sangkien__envelope__free_unpacked(env, &free_only_allocator);
}

uint8_t *wire_encode(const Sangkien__Envelope *env, uint32_t max_payload, size_t *frame_len)
{
	size_t len = sangkien__envelope__get_packed_size(env);
	uint8_t *frame;

	if (len == 0 || len > max_payload || len > FRAME_MAX_PAYLOAD_HARD)
		return NULL;
	frame = malloc(FRAME_HEADER_BYTES + len);
	if (frame == NULL)
		return NULL;
	frame_put_length(frame, (uint32_t)len);
	sangkien__envelope__pack(env, frame + FRAME_HEADER_BYTES);
	*frame_len = FRAME_HEADER_BYTES + len;
	return frame;
}

const char *wire_status_name(enum wire_status st)
{
	switch (st) {
	case WIRE_OK:
		return "ok";
	case WIRE_DECODE_FAILED:
		return "malformed envelope";
	case WIRE_OVER_BUDGET:
		return "envelope needs too much memory to decode";
	case WIRE_NO_BODY:
		return "envelope without a body";
	case WIRE_NO_MEMORY:
		return "out of memory";
	}
	return "unknown wire status";
}

const char *wire_body_name(Sangkien__Envelope__BodyCase body)
{
	const ProtobufCFieldDescriptor *f;

	if (body == SANGKIEN__ENVELOPE__BODY__NOT_SET)
		return "none";
	f = protobuf_c_message_descriptor_get_field(&sangkien__envelope__descriptor,
						    (unsigned)body);
	return f != NULL ? f->name : "unknown";
}

const char *wire_error_code_name(Sangkien__ErrorCode code)
{
	const ProtobufCEnumValue *v =
	    protobuf_c_enum_descriptor_get_value(&sangkien__error_code__descriptor, (int)code);
	/* Enum value names are "ERROR_BAD_CREDENTIAL": drop the prefix. */
	if (v == NULL)
		return "UNKNOWN";
	return strncmp(v->name, "ERROR_", 6) == 0 ? v->name + 6 : v->name;
}
