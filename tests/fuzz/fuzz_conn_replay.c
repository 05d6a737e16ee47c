/*
 * fuzz_conn_replay.c - runs the connection fuzz target (fuzz_conn.c)
 * without libFuzzer: over every file named on the command line, then over
 * seeds (a valid request of each kind from the role that may make it,
 * under each fake database outcome) and inputs derived from them by seeded
 * mutation (bit flips, truncation, length rewrites, a second frame), so the
 * target's invariants are checked in every test run.  With --write-seeds
 * DIR it writes the seeds as files there (a corpus for libFuzzer).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "fake_db.h"
#include "frame.h"
#include "fuzz_conn.h"
#include "uuid7.h"
#include "wire.h"

#define SEEDS_MAX 64
#define SEED_BYTES_MAX 65536

struct seed {
	uint8_t bytes[SEED_BYTES_MAX];
	size_t len;
};

static struct seed seeds[SEEDS_MAX];
static size_t nseeds;
static char uuids[2][UUID_TEXT_LEN + 1];

/* Start a seed for role. */
static struct seed *seed_new(enum fuzz_conn_role role)
{
	if (nseeds == SEEDS_MAX)
		abort();
	struct seed *s = &seeds[nseeds++];
	s->bytes[0] = (uint8_t)role;
	s->bytes[1] = 0;
	s->len = 2;
	return s;
}

/* Append env as a frame to s. */
static void seed_frame(struct seed *s, Sangkien__Envelope *env)
{
	size_t len = 0;
	uint8_t *frame = wire_encode(env, SEED_BYTES_MAX, &len);
	if (frame == NULL || s->len + len > SEED_BYTES_MAX)
		abort();
	memcpy(s->bytes + s->len, frame, len);
	s->len += len;
	free(frame);
}

/* One request of body case `body` (msg its message) as a frame of s. */
static void seed_request(struct seed *s, Sangkien__Envelope__BodyCase body, void *msg)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	const ProtobufCFieldDescriptor *f = protobuf_c_message_descriptor_get_field(
	    &sangkien__envelope__descriptor, (unsigned)body);
	if (f == NULL)
		abort();
	env.request_id = s->len; /* any number, different per frame */
	env.body_case = body;
	memcpy((char *)&env + f->offset, &msg, sizeof(msg));
	seed_frame(s, &env);
}

static void initiative(Sangkien__Initiative *it, Sangkien__Author **authors, int i)
{
	sangkien__initiative__init(it);
	it->uuid = uuids[i];
	it->unit_code = FUZZ_CONN_UNIT_CODE;
	it->title = i ? "Cải tiến quy trình tiếp dân" : "Sổ tay điện tử cho tổ công đoàn";
	it->kind = SANGKIEN__INITIATIVE_KIND__KIND_TECHNICAL;
	it->n_authors = 1;
	it->authors = authors;
	it->summary = "Tóm tắt\nnhiều dòng";
	it->effect = "Tiết kiệm thời gian";
	it->applied_on = "2022-04-30";
}

static void make_seeds(void)
{
	Sangkien__Author a = SANGKIEN__AUTHOR__INIT;
	Sangkien__Author *authors[1] = {&a};
	Sangkien__Initiative it[2];
	Sangkien__Initiative *items[2] = {&it[0], &it[1]};
	struct seed *s;

	a.name = "Lê Thị Hồng Gấm";
	a.position = "Tổ trưởng";
	for (int i = 0; i < 2; i++) {
		uuid7_generate_at(1650000000000ull + (uint64_t)i, uuids[i]);
		initiative(&it[i], authors, i);
	}

	/* Hellos: anonymous then a ping; a credential (to the database). */
	Sangkien__Hello hello = SANGKIEN__HELLO__INIT;
	hello.protocol_version = SANGKIEN__PROTOCOL_VERSION__PROTOCOL_VERSION_CURRENT;
	hello.client_name = "sangkien/0.1 (Tiếng Việt)";
	Sangkien__Ping ping = SANGKIEN__PING__INIT;
	s = seed_new(FUZZ_CONN_NEW);
	seed_request(s, SANGKIEN__ENVELOPE__BODY_HELLO, &hello);
	seed_request(s, SANGKIEN__ENVELOPE__BODY_PING, &ping);
	/* A well-formed credential (the secret all zero bytes): the same
	 * inputs in every run. */
	static char cred[AUTH_CREDENTIAL_LEN + 1] = AUTH_CREDENTIAL_PREFIX;
	memset(cred + strlen(cred), 'A', AUTH_CREDENTIAL_LEN - strlen(cred));
	hello.credential = cred;
	s = seed_new(FUZZ_CONN_NEW);
	seed_request(s, SANGKIEN__ENVELOPE__BODY_HELLO, &hello);

	/* Enrollment, from an anonymous session. */
	Sangkien__EnrollRequest enroll = SANGKIEN__ENROLL_REQUEST__INIT;
	enroll.code = "ABCD-EFGH-JKLM-NPQR";
	enroll.device_label = "Máy của chị Hồng";
	s = seed_new(FUZZ_CONN_ANONYMOUS);
	seed_request(s, SANGKIEN__ENVELOPE__BODY_ENROLL, &enroll);

	/* A unit: submit, edit, withdraw, pull, quota. */
	Sangkien__SubmitBatch submit = SANGKIEN__SUBMIT_BATCH__INIT;
	submit.n_items = 2;
	submit.items = items;
	Sangkien__Edit edit = SANGKIEN__EDIT__INIT;
	Sangkien__Edit *edits[1] = {&edit};
	edit.content = &it[0];
	edit.base_version = 1;
	Sangkien__EditBatch edit_batch = SANGKIEN__EDIT_BATCH__INIT;
	edit_batch.n_items = 1;
	edit_batch.items = edits;
	Sangkien__Withdraw wd = SANGKIEN__WITHDRAW__INIT;
	Sangkien__Withdraw *wds[1] = {&wd};
	wd.uuid = uuids[1];
	wd.base_version = 1;
	wd.reason = "Trùng với sáng kiến khác";
	Sangkien__WithdrawBatch wd_batch = SANGKIEN__WITHDRAW_BATCH__INIT;
	wd_batch.n_items = 1;
	wd_batch.items = wds;
	Sangkien__PullRequest pull = SANGKIEN__PULL_REQUEST__INIT;
	pull.cursor = 12;
	Sangkien__QuotaRequest quota = SANGKIEN__QUOTA_REQUEST__INIT;
	s = seed_new(FUZZ_CONN_UNIT);
	seed_request(s, SANGKIEN__ENVELOPE__BODY_SUBMIT, &submit);
	s = seed_new(FUZZ_CONN_UNIT);
	seed_request(s, SANGKIEN__ENVELOPE__BODY_EDIT, &edit_batch);
	seed_request(s, SANGKIEN__ENVELOPE__BODY_WITHDRAW, &wd_batch);
	s = seed_new(FUZZ_CONN_UNIT);
	seed_request(s, SANGKIEN__ENVELOPE__BODY_PULL, &pull);
	seed_request(s, SANGKIEN__ENVELOPE__BODY_QUOTA, &quota);

	/* An operator: review, lists, units, targets, enrollment, reports,
	 * credentials. */
	Sangkien__Recognition rec = SANGKIEN__RECOGNITION__INIT;
	rec.decision_number = "12/QĐ-LĐLĐ";
	rec.decision_date = "2022-05-20";
	rec.recognized_by = "Giám đốc";
	Sangkien__ReviewAction act = SANGKIEN__REVIEW_ACTION__INIT;
	Sangkien__ReviewAction *acts[1] = {&act};
	act.uuid = uuids[0];
	act.op = SANGKIEN__REVIEW_OP__REVIEW_OP_RECOGNIZE;
	act.recognition = &rec;
	Sangkien__ReviewBatch review = SANGKIEN__REVIEW_BATCH__INIT;
	review.n_items = 1;
	review.items = acts;
	Sangkien__InitiativeStatus statuses[2] = {SANGKIEN__INITIATIVE_STATUS__STATUS_SUBMITTED,
						  SANGKIEN__INITIATIVE_STATUS__STATUS_UNDER_REVIEW};
	Sangkien__ListInitiativesRequest list = SANGKIEN__LIST_INITIATIVES_REQUEST__INIT;
	list.scope_code = FUZZ_CONN_UNIT_CODE;
	list.n_statuses = 2;
	list.statuses = statuses;
	Sangkien__SimilarRequest similar = SANGKIEN__SIMILAR_REQUEST__INIT;
	similar.uuid = uuids[0];
	Sangkien__AuditRequest audit = SANGKIEN__AUDIT_REQUEST__INIT;
	audit.unit_code = FUZZ_CONN_UNIT_CODE;
	audit.actor = "Văn phòng Q11";
	audit.since_unix_ms = 1640995200000;
	Sangkien__PutUnitRequest unit = SANGKIEN__PUT_UNIT_REQUEST__INIT;
	unit.code = "Q11-028";
	unit.name = "Công đoàn Phường 5";
	unit.level = SANGKIEN__UNIT_LEVEL__LEVEL_GRASSROOTS;
	unit.parent_code = FUZZ_CONN_SCOPE_CODE;
	Sangkien__UnitRow row = SANGKIEN__UNIT_ROW__INIT;
	Sangkien__UnitRow *rows[1] = {&row};
	row.line = 2;
	row.code = "Q11-029";
	row.name = "Công đoàn Bệnh viện Quận 11";
	row.quota = 12;
	Sangkien__ImportUnitsRequest import = SANGKIEN__IMPORT_UNITS_REQUEST__INIT;
	import.parent_code = FUZZ_CONN_SCOPE_CODE;
	import.n_rows = 1;
	import.rows = rows;
	Sangkien__SetTargetRequest target = SANGKIEN__SET_TARGET_REQUEST__INIT;
	target.unit_code = FUZZ_CONN_UNIT_CODE;
	target.phase_code = "P1";
	target.target = 20;
	Sangkien__CreateEnrollmentRequest ce = SANGKIEN__CREATE_ENROLLMENT_REQUEST__INIT;
	ce.unit_code = FUZZ_CONN_UNIT_CODE;
	Sangkien__ProgressRequest progress = SANGKIEN__PROGRESS_REQUEST__INIT;
	Sangkien__ReportRequest report = SANGKIEN__REPORT_REQUEST__INIT;
	report.scope_code = FUZZ_CONN_SCOPE_CODE;
	Sangkien__ListCredentialsRequest lc = SANGKIEN__LIST_CREDENTIALS_REQUEST__INIT;
	lc.include_revoked = 1;
	Sangkien__RevokeCredentialRequest rc = SANGKIEN__REVOKE_CREDENTIAL_REQUEST__INIT;
	rc.id = 42;
	Sangkien__CreateCredentialRequest cc = SANGKIEN__CREATE_CREDENTIAL_REQUEST__INIT;
	cc.role = SANGKIEN__ROLE__ROLE_OPERATOR;
	cc.scope_code = FUZZ_CONN_UNIT_CODE;
	cc.label = "Văn phòng Phường 5";
	s = seed_new(FUZZ_CONN_OPERATOR);
	seed_request(s, SANGKIEN__ENVELOPE__BODY_REVIEW, &review);
	s = seed_new(FUZZ_CONN_OPERATOR);
	seed_request(s, SANGKIEN__ENVELOPE__BODY_LIST_INITIATIVES, &list);
	seed_request(s, SANGKIEN__ENVELOPE__BODY_SIMILAR, &similar);
	seed_request(s, SANGKIEN__ENVELOPE__BODY_AUDIT, &audit);
	s = seed_new(FUZZ_CONN_OPERATOR);
	seed_request(s, SANGKIEN__ENVELOPE__BODY_PUT_UNIT, &unit);
	seed_request(s, SANGKIEN__ENVELOPE__BODY_IMPORT_UNITS, &import);
	seed_request(s, SANGKIEN__ENVELOPE__BODY_SET_TARGET, &target);
	s = seed_new(FUZZ_CONN_OPERATOR);
	seed_request(s, SANGKIEN__ENVELOPE__BODY_CREATE_ENROLLMENT, &ce);
	seed_request(s, SANGKIEN__ENVELOPE__BODY_PROGRESS, &progress);
	seed_request(s, SANGKIEN__ENVELOPE__BODY_REPORT, &report);
	s = seed_new(FUZZ_CONN_OPERATOR);
	seed_request(s, SANGKIEN__ENVELOPE__BODY_LIST_CREDENTIALS, &lc);
	seed_request(s, SANGKIEN__ENVELOPE__BODY_REVOKE_CREDENTIAL, &rc);
	seed_request(s, SANGKIEN__ENVELOPE__BODY_CREATE_CREDENTIAL, &cc);

	/* An administrator: a campaign with its phases. */
	Sangkien__Phase ph[2] = {SANGKIEN__PHASE__INIT, SANGKIEN__PHASE__INIT};
	Sangkien__Phase *phs[2] = {&ph[0], &ph[1]};
	ph[0].code = "P1";
	ph[0].name = "Giai đoạn 1";
	ph[0].starts_on = "2021-09-01";
	ph[0].ends_on = "2022-05-31";
	ph[1].code = "P2";
	ph[1].name = "Giai đoạn 2";
	ph[1].starts_on = "2022-06-01";
	ph[1].ends_on = "2023-09-30";
	Sangkien__PutCampaignRequest camp = SANGKIEN__PUT_CAMPAIGN_REQUEST__INIT;
	camp.code = "MTSK";
	camp.name = "01 triệu sáng kiến";
	camp.counts_from = "2021-09-01";
	camp.make_current = 1;
	camp.n_phases = 2;
	camp.phases = phs;
	s = seed_new(FUZZ_CONN_ADMIN);
	seed_request(s, SANGKIEN__ENVELOPE__BODY_PUT_CAMPAIGN, &camp);
	seed_request(s, SANGKIEN__ENVELOPE__BODY_LIST_INITIATIVES, &list);
}

/* The mutations' own generator (xorshift64): the server's code may draw
 * from rand(), and the inputs must be the same in every run. */
static uint64_t random_state = 20211;
static unsigned next_random(void)
{
	random_state ^= random_state << 13;
	random_state ^= random_state >> 7;
	random_state ^= random_state << 17;
	return (unsigned)(random_state >> 33);
}

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	static uint8_t buf[1u << 21];
	size_t n;
	if (f == NULL) {
		fprintf(stderr, "fuzz_conn_replay: cannot read %s\n", path);
		return 1;
	}
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, n);
	return 0;
}

static int write_seeds(const char *dir)
{
	for (size_t i = 0; i < nseeds; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/seed-%02zu", dir, i);
		FILE *f = fopen(path, "wb");
		if (f == NULL || fwrite(seeds[i].bytes, 1, seeds[i].len, f) != seeds[i].len) {
			fprintf(stderr, "fuzz_conn_replay: cannot write %s\n", path);
			if (f)
				fclose(f);
			return 1;
		}
		fclose(f);
	}
	printf("fuzz_conn_replay: %zu seeds written to %s\n", nseeds, dir);
	return 0;
}

int main(int argc, char **argv)
{
	static uint8_t buf[2 * SEED_BYTES_MAX];
	unsigned long rounds = 400;

	make_seeds();
	if (argc == 3 && strcmp(argv[1], "--write-seeds") == 0)
		return write_seeds(argv[2]);
	for (int i = 1; i < argc; i++)
		if (replay_file(argv[i]) != 0)
			return 1;
	for (size_t k = 0; k < nseeds; k++) {
		const struct seed *s = &seeds[k];
		for (int mode = 0; mode < FAKE_DB_MODES; mode++) {
			unsigned long before = fuzz_conn_stats.statements;
			memcpy(buf, s->bytes, s->len);
			buf[1] = (uint8_t)mode;
			LLVMFuzzerTestOneInput(buf, s->len);
			/* A seed is a valid request: it gets past every check to
			 * the database (but the anonymous hello, which needs none). */
			if (k > 0 && fuzz_conn_stats.statements == before) {
				fprintf(stderr,
					"fuzz_conn_replay: seed %zu never reached the database\n",
					k);
				return 1;
			}
		}
		for (unsigned long r = 0; r < rounds; r++) {
			size_t body = s->len - 2, n = s->len;
			memcpy(buf, s->bytes, s->len);
			buf[1] = (uint8_t)(next_random() % FAKE_DB_MODES);
			if (next_random() % 4 == 0) {
				/* The stream again behind itself. */
				memcpy(buf + s->len, s->bytes + 2, body);
				n += body;
			}
			for (int f = 1 + next_random() % 8; f > 0; f--)
				buf[2 + (size_t)next_random() % (n - 2)] ^=
				    (uint8_t)(1u << (next_random() % 8));
			if (next_random() % 5 == 0)
				n = 2 + (size_t)next_random() % (n - 2) + 1;
			if (next_random() % 7 == 0)
				frame_put_length(buf + 2, (uint32_t)next_random());
			if (next_random() % 9 == 0)
				buf[0] = (uint8_t)(next_random() % FUZZ_CONN_ROLES);
			LLVMFuzzerTestOneInput(buf, n);
		}
	}
	printf("fuzz_conn_replay: %lu inputs (%zu seeds), %lu replies checked, %lu statements "
	       "reached the database; no invariant broken\n",
	       fuzz_conn_stats.inputs, nseeds, fuzz_conn_stats.replies, fuzz_conn_stats.statements);
	return 0;
}
