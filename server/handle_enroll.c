/* handle_enroll.c - Enroll (redeem a code) and CreateEnrollment (issue one). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "handlers.h"
#include "scope_check.h"
#include "initiative_check.h"
#include "log.h"
#include "ratelimit.h"
#include "server.h"
#include "session_queries.h"

#define DEVICE_LABEL_MAX 200 /* code points */

/* The new credential, kept until the commit is known; wiped on free. */
struct enroll_data {
	char credential[AUTH_CREDENTIAL_LEN + 1];
};

static void enroll_data_free(void *p)
{
	struct enroll_data *d = p;
	memset(d->credential, 0, sizeof(d->credential));
	free(d);
}

static int64_t monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const struct sockaddr *peer_sa(const struct conn *c)
{
	return (const struct sockaddr *)(const void *)&c->peer_addr;
}

static struct ratelimit_params limit_params(const struct settings *st)
{
	struct ratelimit_params p = {.free_failures = st->enroll_free_failures,
				     .max_delay_ms = st->enroll_max_delay_ms,
				     .global_per_minute = st->enroll_global_per_minute};
	return p;
}

static void enroll_failed(struct conn *c)
{
	struct ratelimit_params p = limit_params(c->srv->settings);
	c->srv->metrics.enroll_failed++;
	ratelimit_failed(c->srv->enroll_limit, &p, peer_sa(c), monotonic_ms());
}

/* The enrollment limits (ratelimit.h): false when refused (answered). */
static bool enroll_admitted(struct conn *c, uint64_t request_id)
{
	const struct settings *st = c->srv->settings;
	struct ratelimit_params p = limit_params(st);
	int64_t wait_ms = 0;
	enum ratelimit_verdict v =
	    ratelimit_check(c->srv->enroll_limit, &p, peer_sa(c), monotonic_ms(), &wait_ms);
	if (v == RATELIMIT_ADMIT)
		return true;
	long long secs = (long long)((wait_ms + 999) / 1000);
	if (v == RATELIMIT_REFUSE_ADDRESS) {
		c->srv->metrics.enroll_refused_address++;
		log_warn_limited("conn %llu: enrollment attempt from %s refused: too many wrong "
				 "codes, next in %lld s",
				 (unsigned long long)c->id, c->peer, secs);
		conn_send_error(
		    c, request_id, SANGKIEN__ERROR_CODE__ERROR_UNAVAILABLE, "code",
		    "too many wrong enrollment codes from this address: retry in %lld s", secs);
	} else {
		c->srv->metrics.enroll_refused_global++;
		log_warn_limited("conn %llu: enrollment attempt from %s refused: server-wide limit "
				 "of %lld a minute",
				 (unsigned long long)c->id, c->peer,
				 (long long)st->enroll_global_per_minute);
		conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_UNAVAILABLE, "code",
				"too many enrollment attempts on this server: retry in %lld s",
				secs);
	}
	return false;
}

static void enroll_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	struct enroll_data *d = req->data;
	if (out->status != DB_OK) {
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	const PGresult *r = out->results[1]; /* [0] is sk_set_actor */
	if (PQntuples(r) != 1) {
		enroll_failed(c);
		log_info_limited("conn %llu: enrollment code refused from %s",
				 (unsigned long long)c->id, c->peer);
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_BAD_ENROLLMENT_CODE,
				"code", "unknown, used or expired enrollment code");
		return;
	}
	c->srv->metrics.enroll_succeeded++;
	ratelimit_succeeded(c->srv->enroll_limit, peer_sa(c));
	Sangkien__EnrollReply er = SANGKIEN__ENROLL_REPLY__INIT;
	er.credential = d->credential;
	er.unit_code = (char *)handler_field(r, "unit_code");
	er.unit_name = (char *)handler_field(r, "unit_name");
	log_info("conn %llu: enrolled credential %s for unit %s", (unsigned long long)c->id,
		 handler_field(r, "credential_id"), er.unit_code);
	conn_reply(c, req->request_id, SANGKIEN__ENVELOPE__BODY_ENROLL_REPLY, &er);
}

void handle_enroll(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__EnrollRequest *rq = env->enroll;
	char code[AUTH_ENROLL_CHARS + 1];
	if (!enroll_admitted(c, env->request_id))
		return;
	if (!auth_enroll_normalize(rq->code ? rq->code : "", code)) {
		enroll_failed(c);
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_BAD_ENROLLMENT_CODE,
				"code",
				"an enrollment code is 16 characters like ABCD-EFGH-JKLM-NPQR");
		return;
	}
	const char *label = rq->device_label ? rq->device_label : "";
	size_t cps = 0;
	if (!utf8_is_valid(label, strlen(label), &cps) || cps > DEVICE_LABEL_MAX) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"device_label",
				"device label must be valid UTF-8 of at most %d characters",
				DEVICE_LABEL_MAX);
		return;
	}
	struct enroll_data *d = calloc(1, sizeof(*d));
	uint8_t code_digest[AUTH_DIGEST_BYTES], cred_digest[AUTH_DIGEST_BYTES];
	char code_sql[AUTH_DIGEST_SQL_LEN + 1], cred_sql[AUTH_DIGEST_SQL_LEN + 1];
	struct db_job *job = db_job_create();
	if (d == NULL || job == NULL || !auth_credential_generate(d->credential, cred_digest)) {
		free(d);
		db_job_free(job);
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"cannot make a credential now");
		return;
	}
	auth_enroll_digest(code, code_digest);
	auth_digest_sql(code_digest, code_sql);
	auth_digest_sql(cred_digest, cred_sql);
	if (!handler_job_actor(job, c, "enrollment.redeem") ||
	    !session_query_enroll(job, code_sql, cred_sql, label)) {
		enroll_data_free(d);
		db_job_free(job);
		conn_send_oom(c, env->request_id);
		return;
	}
	conn_run_job(c, env->request_id, job, enroll_done, d, enroll_data_free);
}

struct create_enrollment_data {
	char code[AUTH_ENROLL_DISPLAY_LEN + 1];
	char unit_code[CHECK_UNIT_CODE_MAX + 1];
};

static void create_enrollment_data_free(void *p)
{
	struct create_enrollment_data *d = p;
	memset(d->code, 0, sizeof(d->code));
	free(d);
}

static void create_enrollment_done(struct conn *c, struct request *req,
				   const struct db_outcome *out)
{
	struct create_enrollment_data *d = req->data;
	if (out->status != DB_OK) {
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	const PGresult *r = out->results[1]; /* [0] is sk_set_actor */
	const char *outcome = handler_field(r, "outcome");
	if (scope_refuse_outcome(c, req->request_id, outcome, "unit_code", d->unit_code))
		return;
	if (strcmp(outcome, "not_grassroots") == 0) {
		conn_send_error(
		    c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT, "unit_code",
		    "unit %s is not a grassroots unit; only those enroll devices", d->unit_code);
		return;
	}
	if (strcmp(outcome, "ok") != 0) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"unexpected outcome");
		return;
	}
	Sangkien__CreateEnrollmentReply cr = SANGKIEN__CREATE_ENROLLMENT_REPLY__INIT;
	cr.code = d->code;
	cr.unit_code = (char *)handler_field(r, "unit_code");
	cr.unit_name = (char *)handler_field(r, "unit_name");
	cr.expires_unix_ms = strtoll(handler_field(r, "expires_unix_ms"), NULL, 10);
	log_info("conn %llu: enrollment code issued for unit %s", (unsigned long long)c->id,
		 cr.unit_code);
	conn_reply(c, req->request_id, SANGKIEN__ENVELOPE__BODY_CREATE_ENROLLMENT_REPLY, &cr);
}

void handle_create_enrollment(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__CreateEnrollmentRequest *rq = env->create_enrollment;
	const char *unit_code = rq->unit_code ? rq->unit_code : "";
	if (!unit_code_is_valid(unit_code)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"unit_code",
				"unit code must be 1..32 characters of A-Z a-z 0-9 . _ -");
		return;
	}
	int64_t hours =
	    rq->valid_hours ? rq->valid_hours : c->srv->settings->enrollment_valid_hours;
	if (hours > 24 * 365) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"valid_hours", "valid_hours must be 1..%d", 24 * 365);
		return;
	}
	struct create_enrollment_data *d = calloc(1, sizeof(*d));
	struct db_job *job = db_job_create();
	uint8_t digest[AUTH_DIGEST_BYTES];
	if (d == NULL || job == NULL || !auth_enroll_generate(d->code, digest)) {
		free(d);
		db_job_free(job);
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"cannot make a code now");
		return;
	}
	snprintf(d->unit_code, sizeof(d->unit_code), "%s", unit_code);
	char digest_sql[AUTH_DIGEST_SQL_LEN + 1];
	auth_digest_sql(digest, digest_sql);
	if (!handler_job_actor(job, c, "enrollment.create") ||
	    !session_query_create_enrollment(job, unit_code, handler_scope_id(c),
					     c->sess.credential_id, digest_sql, hours)) {
		create_enrollment_data_free(d);
		db_job_free(job);
		conn_send_oom(c, env->request_id);
		return;
	}
	conn_run_job(c, env->request_id, job, create_enrollment_done, d,
		     create_enrollment_data_free);
}
