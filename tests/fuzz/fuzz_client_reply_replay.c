/*
 * fuzz_client_reply_replay.c - runs the client-reply fuzz target without
 * libFuzzer: over every file named on the command line (a corpus), over the
 * seed streams below (a well-behaved server, then each hostile reply found
 * by fuzzing, kept as a regression), and over seeded mutations of them.
 * `--write-seeds DIR` writes the seeds as files, a corpus for libFuzzer.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "frame.h"
#include "fuzz_client_reply.h"
#include "initiative_check.h"
#include "wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_SEEDS 16

struct buf {
	uint8_t *data;
	size_t len;
};

static void append(struct buf *b, const Sangkien__Envelope *env)
{
	size_t n;
	uint8_t *f = wire_encode(env, FRAME_MAX_PAYLOAD_HARD, &n);

	if (f == NULL || (b->data = realloc(b->data, b->len + n)) == NULL)
		abort();
	memcpy(b->data + b->len, f, n);
	b->len += n;
	free(f);
}

/* A server copy of item i (storage in the caller's struct). */
struct copy {
	Sangkien__ServerInitiative si;
	Sangkien__Initiative c;
	Sangkien__Author a, *ap[1];
	Sangkien__Receipt r;
	uint8_t sha[32];
};

static Sangkien__ServerInitiative *copy_of(struct copy *k, const char *uuid, uint32_t version,
					   Sangkien__InitiativeStatus status)
{
	sangkien__server_initiative__init(&k->si);
	sangkien__receipt__init(&k->r);
	fuzz_reply_content(&k->c, &k->a, k->ap, uuid, "Bản trên máy chủ");
	initiative_content_sha256(&k->c, k->sha);
	k->r.record_id = 10;
	k->r.version = version;
	k->r.received_unix_ms = 1650000000000;
	k->r.content_sha256.data = k->sha;
	k->r.content_sha256.len = 32;
	k->si.content = &k->c;
	k->si.version = version;
	k->si.status = status;
	k->si.receipt = &k->r;
	return &k->si;
}

/* One reply with one result for item i. */
static void result_reply(struct buf *b, int i, Sangkien__ItemStatus status,
			 Sangkien__ServerInitiative *current, uint32_t version)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__SubmitReply sr = SANGKIEN__SUBMIT_REPLY__INIT;
	Sangkien__ChangeReply cr = SANGKIEN__CHANGE_REPLY__INIT;
	Sangkien__ItemResult r = SANGKIEN__ITEM_RESULT__INIT, *rs[1] = {&r};
	Sangkien__Receipt rc = SANGKIEN__RECEIPT__INIT;
	uint8_t sha[32] = {0};

	r.uuid = (char *)fuzz_reply_uuids[i];
	r.status = status;
	r.current = current;
	rc.record_id = 10 + i;
	rc.version = version;
	rc.received_unix_ms = 1650000000000;
	rc.content_sha256.data = sha;
	rc.content_sha256.len = 32;
	if (status == SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED ||
	    status == SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE)
		r.receipt = &rc;
	if (i == 0) {
		sr.results = rs;
		sr.n_results = 1;
		env.body_case = SANGKIEN__ENVELOPE__BODY_SUBMIT_REPLY;
		env.submit_reply = &sr;
	} else {
		cr.results = rs;
		cr.n_results = 1;
		env.body_case = SANGKIEN__ENVELOPE__BODY_CHANGE_REPLY;
		env.change_reply = &cr;
	}
	append(b, &env);
}

static void accept_all(struct buf *b)
{
	result_reply(b, 0, SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED, NULL, 1);
	result_reply(b, 1, SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED, NULL, 2);
	result_reply(b, 2, SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED, NULL, 3);
}

static void pull_page(struct buf *b, Sangkien__ServerInitiative **items, size_t n, uint64_t next,
		      bool more)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__PullReply pr = SANGKIEN__PULL_REPLY__INIT;

	pr.initiatives = items;
	pr.n_initiatives = n;
	pr.next_cursor = next;
	pr.more = more;
	env.body_case = SANGKIEN__ENVELOPE__BODY_PULL_REPLY;
	env.pull_reply = &pr;
	append(b, &env);
}

/* The seed streams: a well-behaved server, then one hostile reply each;
 * expect[i] is the exit status of seed i's sync run. */
static size_t make_seeds(struct buf *seeds, int *expect)
{
	struct copy k[3];
	Sangkien__ServerInitiative *page[3];
	size_t n = 0;

	/* 0: everything accepted, a page bringing all three back. */
	accept_all(&seeds[n]);
	page[0] =
	    copy_of(&k[0], fuzz_reply_uuids[0], 1, SANGKIEN__INITIATIVE_STATUS__STATUS_SUBMITTED);
	page[1] = copy_of(&k[1], fuzz_reply_uuids[1], 2,
			  SANGKIEN__INITIATIVE_STATUS__STATUS_UNDER_REVIEW);
	page[2] =
	    copy_of(&k[2], fuzz_reply_uuids[2], 3, SANGKIEN__INITIATIVE_STATUS__STATUS_WITHDRAWN);
	pull_page(&seeds[n++], page, 3, 3, false);

	/* 1: a pulled initiative with a 36-character id that is no uuid v7. */
	accept_all(&seeds[n]);
	page[0] = copy_of(&k[0], "0190a2b4-1c2d-4e5f-8a6b-7c8d9e0f1a2b", 1,
			  SANGKIEN__INITIATIVE_STATUS__STATUS_SUBMITTED);
	pull_page(&seeds[n++], page, 1, 1, false);

	/* 2, 3: pulled content breaking the rules: kind 99, date 9999-99-99. */
	accept_all(&seeds[n]);
	page[0] = copy_of(&k[0], "01890a5d-ac96-7b3c-8d1e-0000000000ff", 1,
			  SANGKIEN__INITIATIVE_STATUS__STATUS_SUBMITTED);
	k[0].c.kind = 99;
	initiative_content_sha256(&k[0].c, k[0].sha);
	pull_page(&seeds[n++], page, 1, 1, false);
	accept_all(&seeds[n]);
	page[0] = copy_of(&k[0], "01890a5d-ac96-7b3c-8d1e-0000000000fe", 1,
			  SANGKIEN__INITIATIVE_STATUS__STATUS_SUBMITTED);
	k[0].c.applied_on = (char *)"9999-99-99";
	initiative_content_sha256(&k[0].c, k[0].sha);
	pull_page(&seeds[n++], page, 1, 1, false);

	/* 4: escape sequences in a pulled title and note. */
	accept_all(&seeds[n]);
	page[0] = copy_of(&k[0], fuzz_reply_uuids[0], 2,
			  SANGKIEN__INITIATIVE_STATUS__STATUS_NEEDS_CHANGES);
	k[0].c.title = (char *)"\x1b]0;pwned\x07\x1b[2J";
	initiative_content_sha256(&k[0].c, k[0].sha);
	pull_page(&seeds[n++], page, 1, 1, false);

	/* 5: another unit's record as a conflict's server copy (it was kept,
	 * and `resolve --take-server` adopted it). */
	result_reply(
	    &seeds[n], 0, SANGKIEN__ITEM_STATUS__ITEM_CONFLICT,
	    copy_of(&k[0], fuzz_reply_uuids[0], 1, SANGKIEN__INITIATIVE_STATUS__STATUS_SUBMITTED),
	    0);
	k[0].c.unit_code = (char *)"Q11-999";
	initiative_content_sha256(&k[0].c, k[0].sha);
	free(seeds[n].data);
	seeds[n].data = NULL;
	seeds[n].len = 0;
	result_reply(&seeds[n++], 0, SANGKIEN__ITEM_STATUS__ITEM_CONFLICT, &k[0].si, 0);

	/* 6: another item's record as the edit's conflict copy. */
	result_reply(&seeds[n], 0, SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED, NULL, 1);
	result_reply(&seeds[n++], 1, SANGKIEN__ITEM_STATUS__ITEM_CONFLICT,
		     copy_of(&k[0], fuzz_reply_uuids[2], 4,
			     SANGKIEN__INITIATIVE_STATUS__STATUS_UNDER_REVIEW),
		     0);

	/* 7: a real conflict on the edit, with the item's own valid copy. */
	result_reply(&seeds[n], 0, SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED, NULL, 1);
	result_reply(&seeds[n], 1, SANGKIEN__ITEM_STATUS__ITEM_CONFLICT,
		     copy_of(&k[0], fuzz_reply_uuids[1], 4,
			     SANGKIEN__INITIATIVE_STATUS__STATUS_UNDER_REVIEW),
		     0);
	result_reply(&seeds[n], 2, SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED, NULL, 2);
	pull_page(&seeds[n++], page, 0, 0, false);

	/* 8: a cursor going back, and a page of another unit's item. */
	accept_all(&seeds[n]);
	page[0] =
	    copy_of(&k[0], fuzz_reply_uuids[0], 1, SANGKIEN__INITIATIVE_STATUS__STATUS_SUBMITTED);
	pull_page(&seeds[n], page, 1, 5, true);
	pull_page(&seeds[n++], page, 1, 2, false);
	for (size_t i = 0; i < n; i++)
		expect[i] = i == 0   ? CLIENT_EXIT_OK
			    : i == 7 ? CLIENT_EXIT_REFUSED
				     : CLIENT_EXIT_ERROR;
	return n;
}

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *b;
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0) {
		fprintf(stderr, "fuzz_client_reply_replay: cannot read %s\n", path);
		if (f)
			fclose(f);
		return 1;
	}
	rewind(f);
	b = malloc((size_t)n + 1);
	if (b == NULL || fread(b, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "fuzz_client_reply_replay: cannot read %s\n", path);
		free(b);
		fclose(f);
		return 1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(b, (size_t)n);
	free(b);
	return 0;
}

int main(int argc, char **argv)
{
	struct buf seeds[MAX_SEEDS] = {{0}};
	int expect[MAX_SEEDS];
	size_t n = make_seeds(seeds, expect), inputs = 0;
	unsigned rounds = 40; /* mutations per seed */

	if (argc == 3 && strcmp(argv[1], "--write-seeds") == 0) {
		for (size_t i = 0; i < n; i++) {
			char path[512];
			FILE *f;

			snprintf(path, sizeof(path), "%s/seed-%02zu", argv[2], i);
			if ((f = fopen(path, "wb")) == NULL ||
			    fwrite(seeds[i].data, 1, seeds[i].len, f) != seeds[i].len ||
			    fclose(f) != 0)
				return 1;
		}
		return 0;
	}
	for (int i = 1; i < argc; i++, inputs++)
		if (replay_file(argv[i]) != 0)
			return 1;
	srand(20211);
	for (size_t i = 0; i < n; i++) {
		uint8_t *b = malloc(seeds[i].len);

		if (b == NULL)
			return 1;
		LLVMFuzzerTestOneInput(seeds[i].data, seeds[i].len);
		if (fuzz_reply_last_rc != expect[i]) {
			fprintf(stderr,
				"fuzz_client_reply_replay: seed %zu: exit %d, expected %d\n", i,
				fuzz_reply_last_rc, expect[i]);
			return 1;
		}
		inputs++;
		for (unsigned r = 0; r < rounds; r++, inputs++) {
			size_t len = seeds[i].len;
			int flips = 1 + rand() % 6;

			memcpy(b, seeds[i].data, len);
			for (int k = 0; k < flips; k++)
				b[(size_t)rand() % len] ^= (uint8_t)(1u << (rand() % 8));
			if (rand() % 5 == 0)
				len = (size_t)rand() % len + 1;
			LLVMFuzzerTestOneInput(b, len);
		}
		free(b);
		free(seeds[i].data);
	}
	printf("fuzz_client_reply_replay: %zu inputs (%zu seeds), no invariant broken\n", inputs,
	       n);
	return 0;
}
