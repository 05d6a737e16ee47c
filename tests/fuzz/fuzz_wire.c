/*
 * fuzz_wire.c - fuzz target for everything the server does with bytes from
 * the network before it touches the database: framing, envelope decoding
 * under the memory budget, and the initiative rules.
 *
 * Built as a libFuzzer target with clang (-DSANGKIEN_FUZZ=ON), and always as
 * a plain program (fuzz_wire_replay.c) that ctest runs over generated inputs.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "frame.h"
#include "initiative_check.h"
#include "wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Invariants checked after each input; a violation aborts (a finding). */
static void check_envelope(const Sangkien__Envelope *env)
{
	struct check_error err;

	if (env->body_case == SANGKIEN__ENVELOPE__BODY__NOT_SET)
		abort(); /* wire_decode promises a body */
	if (env->body_case == SANGKIEN__ENVELOPE__BODY_SUBMIT) {
		for (size_t i = 0; i < env->submit->n_items; i++) {
			uint8_t sha[32];

			if (initiative_check(env->submit->items[i], 20000, &err))
				initiative_content_sha256(env->submit->items[i], sha);
			else if (err.field[0] == '\0' || err.reason[0] == '\0')
				abort(); /* a refusal always says what and why */
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t off = 0;

	/* The input is a byte stream: take frames off it as a server would. */
	while (off < size) {
		uint32_t len = 0;
		enum frame_status st = frame_peek(data + off, size - off, 65536, &len);
		Sangkien__Envelope *env = NULL;

		if (st != FRAME_READY)
			break;
		if (wire_decode(data + off + FRAME_HEADER_BYTES, len, &env) == WIRE_OK) {
			check_envelope(env);
			wire_envelope_free(env);
		} else if (env != NULL) {
			abort();
		}
		off += FRAME_HEADER_BYTES + len;
	}
	return 0;
}
