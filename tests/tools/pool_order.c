/*
 * sk-pool-order CONNINFO - the order in which sangkiend's database pool
 * serves waiting short reads, against a real PostgreSQL
 * (tests/integration/test_pool_order.sh).
 *
 * A pool of one connection is kept busy by a slow job while short reads
 * queue behind it, each asking for now(), the start of its transaction, so
 * jobs that shared a round trip answer the same time.  Prints one line per
 * case, "ok ..." or "FAIL ...", and exits 1 on any failure:
 *   hello-first: 40 pulls, then 1 hello: the hello goes in the first
 *     round trip (first in line, 32 jobs at most per round trip).
 *   pull-not-starved: 2 pulls, then 40 hellos: the first pull still goes
 *     in the first round trip.
 */
#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"

#define MAX_JOBS 64

struct answer {
	const char *kind;
	int index;
	bool done, ok;
	char started[64]; /* now() of the job's transaction */
};

static struct event_base *base;
static struct db_pool *pool;
static struct answer answers[MAX_JOBS];
static int njobs, nanswered, failures;

static void answered(void *arg, const struct db_outcome *out)
{
	struct answer *a = arg;
	a->done = true;
	a->ok = out->status == DB_OK && PQntuples(out->results[0]) == 1;
	if (a->ok)
		snprintf(a->started, sizeof(a->started), "%s", PQgetvalue(out->results[0], 0, 0));
	else
		fprintf(stderr, "%s %d: %s\n", a->kind, a->index, out->message);
	if (++nanswered == njobs)
		event_base_loopbreak(base);
}

static void queue(const char *kind, int index, enum db_lane lane, const char *sql)
{
	struct answer *a = &answers[njobs++];
	*a = (struct answer){.kind = kind, .index = index};
	struct db_job *job = db_job_create();
	if (job == NULL || !db_job_add(job, sql, 0, NULL)) {
		fprintf(stderr, "out of memory\n");
		db_job_free(job);
		a->done = true;
		nanswered++;
		return;
	}
	db_job_set_lane(job, lane);
	if (lane != DB_LANE_GENERAL)
		db_job_share_commit(job);
	db_pool_run(pool, job, answered, a);
}

/* Keep the connection busy, queue npulls pulls then nhellos hellos and
 * wait for every answer. */
static void run_case(int npulls, int nhellos)
{
	/* Microseconds since 1970: as many digits in every answer, so they
	 * compare as strings. */
	const char *sql = "SELECT (extract(epoch FROM now()) * 1000000)::bigint::text";
	njobs = nanswered = 0;
	queue("blocker", 0, DB_LANE_GENERAL, "SELECT pg_sleep(0.3)::text");
	for (int i = 0; i < npulls; i++)
		queue("pull", i, DB_LANE_SHORT_READ, sql);
	for (int i = 0; i < nhellos; i++)
		queue("hello", i, DB_LANE_SHORT_READ_FIRST, sql);
	if (nanswered < njobs)
		event_base_dispatch(base);
}

static const struct answer *find(const char *kind, int index)
{
	for (int i = 0; i < njobs; i++)
		if (strcmp(answers[i].kind, kind) == 0 && answers[i].index == index)
			return &answers[i];
	fprintf(stderr, "no %s %d was queued\n", kind, index);
	exit(1);
}

/* The first round trip after the blocker is the one of the earliest
 * transaction start among the short reads. */
static const char *first_round_trip(void)
{
	const char *first = NULL;
	for (int i = 1; i < njobs; i++)
		if (answers[i].ok && (first == NULL || strcmp(answers[i].started, first) < 0))
			first = answers[i].started;
	return first ? first : "";
}

static void check(const char *name, bool ok, const char *detail)
{
	printf("%s %s: %s\n", ok ? "ok" : "FAIL", name, detail);
	failures += !ok;
}

static bool all_ok(void)
{
	for (int i = 0; i < njobs; i++)
		if (!answers[i].ok)
			return false;
	return true;
}

static void connected_cb(void *arg, const struct db_outcome *out)
{
	*(bool *)arg = out->status == DB_OK;
	event_base_loopbreak(base);
}

static void wait_connected(void)
{
	for (int tries = 0; tries < 200; tries++) {
		struct timeval pause = {0, 50000};
		event_base_loopexit(base, &pause); /* connections open from the loop */
		event_base_dispatch(base);
		bool up = false;
		struct db_job *job = db_job_create();
		if (job == NULL || !db_job_add(job, "SELECT 1", 0, NULL)) {
			db_job_free(job);
			return;
		}
		db_pool_run(pool, job, connected_cb, &up);
		event_base_dispatch(base);
		if (up)
			return;
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: sk-pool-order CONNINFO\n");
		return 2;
	}
	base = event_base_new();
	pool = base ? db_pool_create(base, argv[1], 1, 1000, 10000, DB_POOL_PRIMARY) : NULL;
	if (pool == NULL) {
		fprintf(stderr, "cannot create the pool\n");
		return 1;
	}
	wait_connected();

	char detail[256];
	run_case(40, 1);
	const struct answer *hello = find("hello", 0), *pull = find("pull", 0);
	snprintf(detail, sizeof(detail), "hello's transaction %s, first round trip %s, pull 0 %s",
		 hello->started, first_round_trip(), pull->started);
	check("hello-first",
	      all_ok() && strcmp(hello->started, first_round_trip()) == 0 &&
		  strcmp(pull->started, hello->started) == 0,
	      detail);

	run_case(2, 40);
	pull = find("pull", 0);
	snprintf(detail, sizeof(detail), "pull 0's transaction %s, first round trip %s",
		 pull->started, first_round_trip());
	check("pull-not-starved", all_ok() && strcmp(pull->started, first_round_trip()) == 0,
	      detail);

	db_pool_free(pool);
	event_base_free(base);
	return failures ? 1 : 0;
}
