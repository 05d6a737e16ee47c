/* wire.c - see wire.h. */
#include "wire.h"

#include <stdbool.h>
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

/* ---- the pre-pass: count known field occurrences, drop unknown fields ---- */

struct scan {
	size_t count; /* known field occurrences so far */
	size_t limit;
	bool unknown; /* some field was unknown: the copy differs */
};

/* Read a varint at *p (not beyond end); false when malformed. */
static bool read_varint(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
	uint64_t r = 0;
	for (unsigned shift = 0; shift < 64 && *p < end; shift += 7) {
		uint8_t b = *(*p)++;
		r |= (uint64_t)(b & 0x7f) << shift;
		if ((b & 0x80) == 0) {
			*v = r;
			return true;
		}
	}
	return false;
}

static size_t put_varint(uint8_t *out, uint64_t v)
{
	size_t n = 0;
	do {
		uint8_t b = v & 0x7f;
		v >>= 7;
		out[n++] = b | (v ? 0x80 : 0);
	} while (v);
	return n;
}

static bool is_varint_type(ProtobufCType t)
{
	return t != PROTOBUF_C_TYPE_SFIXED32 && t != PROTOBUF_C_TYPE_FIXED32 &&
	       t != PROTOBUF_C_TYPE_FLOAT && t != PROTOBUF_C_TYPE_SFIXED64 &&
	       t != PROTOBUF_C_TYPE_FIXED64 && t != PROTOBUF_C_TYPE_DOUBLE &&
	       t != PROTOBUF_C_TYPE_STRING && t != PROTOBUF_C_TYPE_BYTES &&
	       t != PROTOBUF_C_TYPE_MESSAGE;
}

/*
 * Copy the message in [p, end) of type d into out (room for end - p bytes),
 * leaving out unknown fields, and count known field occurrences (each
 * element of a repeated field, packed ones too, and inside embedded
 * messages).  Returns the bytes written, or -1 when malformed or over the
 * count limit (*over set).
 */
static long scan_message(const uint8_t *p, const uint8_t *end, const ProtobufCMessageDescriptor *d,
			 uint8_t *out, struct scan *sc, int depth)
{
	uint8_t *o = out;
	if (depth > 32)
		return -1;
	while (p < end) {
		const uint8_t *field_start = p;
		uint64_t key, v;
		if (!read_varint(&p, end, &key) || (key >> 3) == 0 || (key >> 3) > 0x1fffffff)
			return -1;
		uint32_t number = (uint32_t)(key >> 3);
		unsigned type = (unsigned)(key & 7);
		const uint8_t *value = p;
		size_t vlen = 0;
		switch (type) {
		case 0:
			if (!read_varint(&p, end, &v))
				return -1;
			break;
		case 1:
			if ((size_t)(end - p) < 8)
				return -1;
			p += 8;
			break;
		case 5:
			if ((size_t)(end - p) < 4)
				return -1;
			p += 4;
			break;
		case 2:
			if (!read_varint(&p, end, &v) || v > (uint64_t)(end - p))
				return -1;
			value = p;
			vlen = (size_t)v;
			p += vlen;
			break;
		default: /* groups are not proto3 */
			return -1;
		}
		const ProtobufCFieldDescriptor *f =
		    protobuf_c_message_descriptor_get_field(d, number);
		if (f == NULL) {
			sc->unknown = true; /* dropped */
			continue;
		}
		size_t n = 1;
		if (type == 2 && f->type == PROTOBUF_C_TYPE_MESSAGE) {
			/* The embedded message, copied and counted in turn. */
			size_t key_len = put_varint(o, key);
			uint8_t tmp[10];
			uint8_t *child = o + key_len + 10; /* room for the longest length */
			long clen =
			    scan_message(value, value + vlen, f->descriptor, child, sc, depth + 1);
			if (clen < 0)
				return -1;
			size_t llen = put_varint(tmp, (uint64_t)clen);
			memmove(o + key_len + llen, child, (size_t)clen);
			memcpy(o + key_len, tmp, llen);
			o += key_len + llen + (size_t)clen;
		} else {
			if (type == 2 && f->label == PROTOBUF_C_LABEL_REPEATED &&
			    f->type != PROTOBUF_C_TYPE_STRING && f->type != PROTOBUF_C_TYPE_BYTES) {
				/* packed: one occurrence per element */
				if (is_varint_type(f->type)) {
					n = 0;
					for (const uint8_t *q = value; q < value + vlen; n++)
						if (!read_varint(&q, value + vlen, &v))
							return -1;
				} else {
					bool wide = f->type == PROTOBUF_C_TYPE_SFIXED64 ||
						    f->type == PROTOBUF_C_TYPE_FIXED64 ||
						    f->type == PROTOBUF_C_TYPE_DOUBLE;
					n = vlen / (wide ? 8 : 4);
				}
			}
			memmove(o, field_start, (size_t)(p - field_start));
			o += p - field_start;
		}
		sc->count += n;
		if (sc->count > sc->limit)
			return -1;
	}
	return o - out;
}

enum wire_status wire_decode(const uint8_t *payload, size_t len, Sangkien__Envelope **out)
{
	struct decode_budget budget = {0, WIRE_DECODE_BUDGET(len), 0};
	struct scan sc = {0, WIRE_MAX_FIELDS(len), false};
	/* The copy without unknown fields is never longer, but an embedded
	 * message's length prefix is written before it is known: 10 spare
	 * bytes per level. */
	uint8_t *copy = malloc(len + 16 * 34);
	long clen;

	*out = NULL;
	if (copy == NULL)
		return WIRE_NO_MEMORY;
	clen = scan_message(payload, payload + len, &sangkien__envelope__descriptor, copy, &sc, 0);
	if (clen < 0) {
		free(copy);
		return sc.count > sc.limit ? WIRE_OVER_BUDGET : WIRE_DECODE_FAILED;
	}
	if (sc.unknown) {
		payload = copy;
		len = (size_t)clen;
	}
	ProtobufCAllocator alloc = {
	    .alloc = budget_alloc,
	    .free = budget_free,
	    .allocator_data = &budget,
	};
	Sangkien__Envelope *env;

	env = sangkien__envelope__unpack(&alloc, len, payload);
	free(copy);
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
