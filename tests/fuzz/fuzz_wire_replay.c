/*
 * fuzz_wire_replay.c - runs the fuzz target without libFuzzer: over every
 * file named on the command line, then over inputs derived from valid
 * frames by seeded mutation (bit flips, truncation, length rewrites), so
 * the target's invariants are checked in every test run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "uuid7.h"
#include "wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A valid frame holding a SubmitBatch of two Vietnamese initiatives. */
static uint8_t *seed_frame(size_t *len)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__SubmitBatch batch = SANGKIEN__SUBMIT_BATCH__INIT;
	Sangkien__Initiative it[2];
	Sangkien__Initiative *items[2] = {&it[0], &it[1]};
	Sangkien__Author a = SANGKIEN__AUTHOR__INIT;
	Sangkien__Author *authors[1] = {&a};
	static char uuids[2][UUID_TEXT_LEN + 1];

	a.name = "Lê Thị Hồng Gấm";
	a.position = "Tổ trưởng";
	for (int i = 0; i < 2; i++) {
		sangkien__initiative__init(&it[i]);
		uuid7_generate_at(1650000000000ull + (uint64_t)i, uuids[i]);
		it[i].uuid = uuids[i];
		it[i].unit_code = "Q11-027";
		it[i].title = i ? "Cải tiến quy trình tiếp dân" : "Sổ tay điện tử";
		it[i].kind = SANGKIEN__INITIATIVE_KIND__KIND_TECHNICAL;
		it[i].n_authors = 1;
		it[i].authors = authors;
		it[i].summary = "Tóm tắt\nnhiều dòng";
		it[i].effect = "Tiết kiệm thời gian";
		it[i].applied_on = "2022-04-30";
	}
	batch.n_items = 2;
	batch.items = items;
	env.request_id = 42;
	env.body_case = SANGKIEN__ENVELOPE__BODY_SUBMIT;
	env.submit = &batch;
	return wire_encode(&env, 65536, len);
}

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0) {
		fprintf(stderr, "fuzz_wire_replay: cannot read %s\n", path);
		if (f)
			fclose(f);
		return 1;
	}
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "fuzz_wire_replay: cannot read %s\n", path);
		free(buf);
		fclose(f);
		return 1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	size_t len = 0;
	uint8_t *seed = seed_frame(&len), *buf;
	unsigned long rounds = 20000;

	if (seed == NULL)
		return 1;
	for (int i = 1; i < argc; i++)
		if (replay_file(argv[i]) != 0)
			return 1;
	buf = malloc(len * 2);
	if (buf == NULL)
		return 1;
	srand(20211);
	LLVMFuzzerTestOneInput(seed, len);
	for (unsigned long r = 0; r < rounds; r++) {
		size_t n = len;
		int flips = 1 + rand() % 8;

		memcpy(buf, seed, len);
		memcpy(buf + len, seed, len); /* a second frame behind the first */
		if (rand() % 4 == 0)
			n = len * 2;
		for (int k = 0; k < flips; k++)
			buf[(size_t)rand() % n] ^= (uint8_t)(1u << (rand() % 8));
		if (rand() % 5 == 0)
			n = (size_t)rand() % n + 1;
		if (rand() % 7 == 0)
			frame_put_length(buf, (uint32_t)rand());
		LLVMFuzzerTestOneInput(buf, n);
	}
	printf("fuzz_wire_replay: %lu mutated inputs, no invariant broken\n", rounds);
	free(buf);
	free(seed);
	return 0;
}
