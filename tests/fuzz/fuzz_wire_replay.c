/*
 * fuzz_wire_replay.c - runs the fuzz target without libFuzzer: over every
 * file named on the command line, then over inputs derived from valid
 * frames by seeded mutation (bit flips, truncation, length rewrites), so
 * the target's invariants are checked in every test run: a SubmitBatch,
 * and the dossier messages (a chunk, an attach, a reply with file bytes).
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

/* Valid frames of the dossier messages (PROTOCOL.md 10): a chunk of file
 * bytes, an attach with a Vietnamese label, a reply carrying file bytes. */
static uint8_t *seed_dossier_frame(int which, size_t *len)
{
	static uint8_t sha[32], data[300];
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__UploadChunk uc = SANGKIEN__UPLOAD_CHUNK__INIT;
	Sangkien__AttachBatch ab = SANGKIEN__ATTACH_BATCH__INIT;
	Sangkien__Attach at = SANGKIEN__ATTACH__INIT;
	Sangkien__Attach *ats[1] = {&at};
	Sangkien__FileChunkReply fr = SANGKIEN__FILE_CHUNK_REPLY__INIT;
	static char uuid[UUID_TEXT_LEN + 1];

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(i * 7);
	memcpy(data, "%PDF-1.4", 8);
	memset(sha, 0xab, sizeof(sha));
	uuid7_generate_at(1650000000000ull, uuid);
	env.request_id = 43;
	if (which == 0) {
		uc.sha256.data = sha;
		uc.sha256.len = 32;
		uc.offset = 1048576;
		uc.data.data = data;
		uc.data.len = sizeof(data);
		env.body_case = SANGKIEN__ENVELOPE__BODY_UPLOAD_CHUNK;
		env.upload_chunk = &uc;
	} else if (which == 1) {
		at.uuid = uuid;
		at.base_version = 3;
		at.file_sha256.data = sha;
		at.file_sha256.len = 32;
		at.file_name = "Tờ trình đề nghị.pdf";
		at.label = "Quyết định công nhận";
		ab.n_items = 1;
		ab.items = ats;
		env.body_case = SANGKIEN__ENVELOPE__BODY_ATTACH;
		env.attach = &ab;
	} else {
		fr.sha256.data = sha;
		fr.sha256.len = 32;
		fr.size = 20971520;
		fr.offset = 4096;
		fr.data.data = data;
		fr.data.len = sizeof(data);
		fr.content_type = "pdf";
		env.body_case = SANGKIEN__ENVELOPE__BODY_FILE_CHUNK_REPLY;
		env.file_chunk_reply = &fr;
	}
	return wire_encode(&env, 65536, len);
}

/* Mutations of one valid frame: bit flips, a second frame behind it,
 * truncation, a rewritten length. */
static void mutate_rounds(const uint8_t *seed, size_t len, unsigned long rounds)
{
	uint8_t *buf = malloc(len * 2);

	if (buf == NULL)
		exit(1);
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
	free(buf);
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
	uint8_t *seed = seed_frame(&len);
	unsigned long rounds = 20000, dossier_rounds = 5000;

	if (seed == NULL)
		return 1;
	for (int i = 1; i < argc; i++)
		if (replay_file(argv[i]) != 0)
			return 1;
	srand(20211);
	mutate_rounds(seed, len, rounds);
	free(seed);
	for (int which = 0; which < 3; which++) {
		seed = seed_dossier_frame(which, &len);
		if (seed == NULL)
			return 1;
		mutate_rounds(seed, len, dossier_rounds);
		free(seed);
	}
	printf("fuzz_wire_replay: %lu mutated inputs, no invariant broken\n",
	       rounds + 3 * dossier_rounds);
	return 0;
}
