/*
 * sk-probe - speaks the raw sangkien protocol so tests can do what a proper
 * client never would: oversize or empty frames, garbage, requests before
 * hello, unknown versions, submissions for another unit.
 *
 * Usage: sk-probe [--timeout MS] HOST:PORT STEP...
 * It opens one connection, runs the steps in order and prints one line per
 * reply (see usage()), so a script can compare the output exactly.
 * Exit status: 0 when every step ran (whatever the server answered), 1 when
 * the connection could not be made, 2 on a usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "frame.h"
#include "initiative_check.h"
#include "sangkien.pb-c.h"
#include "tool_net.h"
#include "uuid7.h"
#include "wire.h"

/* Largest batch submit-n builds; the server's limit is far smaller. */
#define PROBE_BATCH_MAX 100000

struct probe {
	int fd;
	int timeout_ms;
	uint64_t next_id;
};

static void usage(FILE *out)
{
	fprintf(out, "usage: sk-probe [--timeout MS] HOST:PORT STEP...\n"
		     "steps (each request step prints the reply it gets):\n"
		     "  hello VERSION CRED   hello; CRED - for an anonymous session\n"
		     "  ping                 ping\n"
		     "  pong                 a Pong sent as a request (a reply type)\n"
		     "  enroll CODE          enroll with a one-time code\n"
		     "  submit UNIT UUID     one valid initiative for UNIT; UUID - for a new one\n"
		     "  submit-n UNIT N      a batch of N valid initiatives for UNIT\n"
		     "  quota UNIT           quota of UNIT; - for the credential's own\n"
		     "  submit-text UNIT UUID TITLE SUMMARY  one initiative with this text\n"
		     "  submit-batch UNIT SPEC  one batch, an item per UUID=TITLE of SPEC\n"
		     "                       (separated by ';'; UUID - for a new one), with\n"
		     "                       submit's other content\n"
		     "  review UUID OP BASE NOTE  one review action; OP start|recognize|\n"
		     "                       request-changes|reject|reward|note, or\n"
		     "                       recognize-bare|reward-bare (no decision);\n"
		     "                       NOTE - for none\n"
		     "  list SCOPE STATUS AFTER MAX  list initiatives (SCOPE/STATUS - for all)\n"
		     "  similar UUID MAX     initiatives similar to UUID\n"
		     "  audit UNIT UUID ACTOR AFTER  audit entries (- for no filter)\n"
		     "  create-credential ROLE SCOPE LABEL  ROLE operator|administrator\n"
		     "  op KIND CODE         a minimal operator request naming unit CODE (a\n"
		     "                       campaign code for put-campaign); KIND put-unit|\n"
		     "                       import-units|create-enrollment|progress|\n"
		     "                       put-campaign|set-target|report\n"
		     "  header N             a bare frame header announcing N bytes\n"
		     "  garbage N            a frame of N undecodable bytes\n"
		     "  read                 wait for one more frame\n"
		     "  sleep MS             pause\n"
		     "  touch PATH           create PATH (tells a script this point is reached)\n"
		     "  wait-file PATH       wait until PATH exists (at most the timeout)\n"
		     "  submit-on UNIT DATE KIND THEME  one new initiative applied on DATE;\n"
		     "                       KIND scientific|technical|management, THEME a\n"
		     "                       theme name or - for none\n"
		     "  quota-phases UNIT    as quota, then one quota_phase line per phase\n"
		     "  progress-page SCOPE CURSOR MAX  one page of progress (SCOPE - for the\n"
		     "                       credential's; CURSOR - for the first page, + for\n"
		     "                       the last reply's next_cursor; MAX 0: the server's)\n"
		     "  put-campaign CODE NAME FROM CURRENT PHASES  CURRENT 0|1; PHASES\n"
		     "                       CODE|NAME|START|END;... or - to keep them\n"
		     "  set-target UNIT CAMPAIGN PHASE N  CAMPAIGN/PHASE - for none\n"
		     "  report SCOPE CAMPAIGN  a report (- for the defaults)\n"
		     "  pull CURSOR          one pull page after CURSOR (server's page size)\n"
		     "  pull-max CURSOR MAX  one pull page of at most MAX items\n"
		     "  edit UNIT UUID BASE TITLE  edit: submit's content with TITLE, made\n"
		     "                       from server version BASE\n"
		     "  withdraw UUID BASE REASON  withdraw (REASON - for none)\n"
		     "replies: hello_reply ROLE UNIT | pong | enroll_reply UNIT CREDENTIAL |\n"
		     "  item INDEX STATUS RECORD_ID (one per submitted item), after a\n"
		     "  conflict: current INDEX vVERSION STATUS TITLE |\n"
		     "  quota_reply UNIT QUOTA SUBMITTED RECOGNIZED | error CODE |\n"
		     "  change INDEX STATUS VERSION | listed RECORD_ID UUID STATUS VERSION UNIT\n"
		     "  then list_end N MORE | similar UUID UNIT PERCENT then similar_end N |\n"
		     "  audit ID ACTION ACTOR ROLE UNIT UUID then audit_end N MORE |\n"
		     "  credential CRED | report_reply ... then report_units_omitted when the\n"
		     "  units did not fit |\n"
		     "  reply BODY | wrong_request_id | bad_frame | closed | timeout\n");
}

static const char *enum_name(const ProtobufCEnumDescriptor *d, int value, const char *prefix)
{
	const ProtobufCEnumValue *v = protobuf_c_enum_descriptor_get_value(d, value);
	size_t plen = strlen(prefix);

	if (!v)
		return "UNKNOWN";
	if (strncmp(v->name, prefix, plen) == 0)
		return v->name + plen;
	return v->name;
}

static const char *or_dash(const char *s)
{
	return s && s[0] ? s : "-";
}

/* Send a complete frame; prints "closed" and returns false when the peer is
 * gone. */
static bool send_bytes(struct probe *p, const void *buf, size_t len)
{
	if (tool_write_all(p->fd, buf, len))
		return true;
	printf("closed\n");
	return false;
}

static bool send_envelope(struct probe *p, Sangkien__Envelope *env)
{
	size_t len;
	uint8_t *frame;
	bool ok;

	env->request_id = p->next_id++;
	frame = wire_encode(env, FRAME_MAX_PAYLOAD_HARD, &len);
	if (!frame) {
		fprintf(stderr, "sk-probe: cannot encode the request\n");
		exit(1);
	}
	ok = send_bytes(p, frame, len);
	free(frame);
	return ok;
}

/* Set by the quota-phases step: quota replies also print their phases. */
static bool show_quota_phases;

/* The last progress reply's next_cursor, for progress-page's "+". */
static char last_progress_cursor[64];

/* progress_reply UNITS TREE TREE_OMITTED MORE NEXT_CURSOR, then a
 * progress_unit line per unit (code, quota, submitted, recognized). */
static void print_progress(const Sangkien__ProgressReply *r)
{
	printf("progress_reply %zu %zu %d %d %s\n", r->n_units, r->n_tree, (int)r->tree_omitted,
	       (int)r->more, or_dash(r->next_cursor));
	for (size_t i = 0; i < r->n_units; i++)
		printf("progress_unit %s %" PRIu32 " %" PRIu32 " %" PRIu32 "\n",
		       or_dash(r->units[i]->unit_code), r->units[i]->quota, r->units[i]->submitted,
		       r->units[i]->recognized);
	snprintf(last_progress_cursor, sizeof(last_progress_cursor), "%s",
		 r->next_cursor ? r->next_cursor : "");
}

static void print_phase_progress(const Sangkien__QuotaReply *q, const char *tag)
{
	for (size_t i = 0; i < q->n_phases; i++) {
		const Sangkien__PhaseProgress *ph = q->phases[i];

		printf("%s %s %s %s %s %" PRIu32 " %" PRIu32 " %" PRIu32 "\n", tag,
		       or_dash(q->unit_code), or_dash(ph->code), or_dash(ph->starts_on),
		       or_dash(ph->ends_on), ph->target, ph->submitted, ph->recognized);
	}
}

static void print_counts(const char *tag, Sangkien__ReportCount *const *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		printf("%s %s %" PRIu32 " %" PRIu32 "\n", tag, or_dash(c[i]->key), c[i]->submitted,
		       c[i]->recognized);
}

/* report_reply SCOPE CAMPAIGN COUNTS_FROM TARGET UNITS, then report_phase,
 * report_unit (and report_unit_phase), report_kind, report_theme and
 * report_week lines. */
static void print_report(const Sangkien__ReportReply *r)
{
	printf("report_reply %s %s %s %" PRIu32 " %zu\n", or_dash(r->scope_code),
	       or_dash(r->campaign_code), or_dash(r->counts_from), r->target, r->n_units);
	for (size_t i = 0; i < r->n_phases; i++) {
		const Sangkien__PhaseReport *ph = r->phases[i];

		printf("report_phase %s %s %s %" PRIu32 " %" PRIu32 " %" PRIu32 "\n",
		       ph->phase ? or_dash(ph->phase->code) : "-",
		       ph->phase ? or_dash(ph->phase->starts_on) : "-",
		       ph->phase ? or_dash(ph->phase->ends_on) : "-", ph->target, ph->submitted,
		       ph->recognized);
	}
	for (size_t i = 0; i < r->n_units; i++) {
		const Sangkien__QuotaReply *u = r->units[i];

		printf("report_unit %s %" PRIu32 " %" PRIu32 " %" PRIu32 "\n",
		       or_dash(u->unit_code), u->quota, u->submitted, u->recognized);
		print_phase_progress(u, "report_unit_phase");
	}
	if (r->units_omitted)
		printf("report_units_omitted\n");
	print_counts("report_kind", r->by_kind, r->n_by_kind);
	print_counts("report_theme", r->by_theme, r->n_by_theme);
	print_counts("report_week", r->by_week, r->n_by_week);
}

static void print_reply(const Sangkien__Envelope *env, uint64_t want_id)
{
	size_t i;

	if (env->body_case == SANGKIEN__ENVELOPE__BODY_ERROR) {
		const Sangkien__Error *e = env->error;

		printf("error %s\n", wire_error_code_name(e->code));
		fprintf(stderr,
			"sk-probe: server error %s field '%s' request_id %" PRIu64
			" (request %" PRIu64 "): %s\n",
			wire_error_code_name(e->code), e->field, env->request_id, want_id,
			e->message);
		return;
	}
	if (want_id && env->request_id != want_id) {
		printf("wrong_request_id\n");
		return;
	}
	switch (env->body_case) {
	case SANGKIEN__ENVELOPE__BODY_HELLO_REPLY:
		printf("hello_reply %s %s\n",
		       enum_name(&sangkien__role__descriptor, env->hello_reply->role, "ROLE_"),
		       or_dash(env->hello_reply->unit_code));
		break;
	case SANGKIEN__ENVELOPE__BODY_PONG:
		printf("pong\n");
		break;
	case SANGKIEN__ENVELOPE__BODY_ENROLL_REPLY:
		printf("enroll_reply %s %s\n", or_dash(env->enroll_reply->unit_code),
		       or_dash(env->enroll_reply->credential));
		break;
	case SANGKIEN__ENVELOPE__BODY_SUBMIT_REPLY:
		for (i = 0; i < env->submit_reply->n_results; i++) {
			const Sangkien__ItemResult *r = env->submit_reply->results[i];

			printf("item %" PRIu32 " %s %" PRId64 "\n", r->index,
			       enum_name(&sangkien__item_status__descriptor, r->status, ""),
			       r->receipt ? r->receipt->record_id : 0);
			if (r->reason[0])
				fprintf(stderr, "sk-probe: item %" PRIu32 " field '%s': %s\n",
					r->index, r->field, r->reason);
			if (r->current && r->current->content)
				printf("current %" PRIu32 " v%" PRIu32 " %s %s\n", r->index,
				       r->current->version,
				       enum_name(&sangkien__initiative_status__descriptor,
						 r->current->status, "STATUS_"),
				       or_dash(r->current->content->title));
		}
		if (env->submit_reply->n_results == 0)
			printf("submit_reply empty\n");
		break;
	case SANGKIEN__ENVELOPE__BODY_PULL_REPLY: {
		const Sangkien__PullReply *pr = env->pull_reply;

		/* pulled UUID VERSION STATUS NOTES [notes_omitted N], then
		 * pull_end NEXT MORE N and,
		 * on the last page, pull_quota UNIT QUOTA SUBMITTED RECOGNIZED. */
		for (i = 0; i < pr->n_initiatives; i++) {
			const Sangkien__ServerInitiative *si = pr->initiatives[i];

			printf("pulled %s %" PRIu32 " %s %zu",
			       si->content ? or_dash(si->content->uuid) : "-", si->version,
			       enum_name(&sangkien__initiative_status__descriptor, si->status,
					 "STATUS_"),
			       si->n_notes);
			if (si->notes_omitted > 0)
				printf(" notes_omitted %" PRIu32, si->notes_omitted);
			printf("\n");
		}
		printf("pull_end %" PRIu64 " %d %zu\n", pr->next_cursor, (int)pr->more,
		       pr->n_initiatives);
		if (pr->quota)
			printf("pull_quota %s %" PRIu32 " %" PRIu32 " %" PRIu32 "\n",
			       or_dash(pr->quota->unit_code), pr->quota->quota,
			       pr->quota->submitted, pr->quota->recognized);
		break;
	}
	case SANGKIEN__ENVELOPE__BODY_CHANGE_REPLY:
		for (i = 0; i < env->change_reply->n_results; i++) {
			const Sangkien__ItemResult *r = env->change_reply->results[i];

			printf("change %" PRIu32 " %s %" PRIu32 "\n", r->index,
			       enum_name(&sangkien__item_status__descriptor, r->status, ""),
			       r->receipt ? r->receipt->version
					  : (r->current ? r->current->version : 0));
			if (r->reason[0])
				fprintf(stderr, "sk-probe: change %" PRIu32 " field '%s': %s\n",
					r->index, r->field, r->reason);
		}
		break;
	case SANGKIEN__ENVELOPE__BODY_LIST_INITIATIVES_REPLY:
		for (i = 0; i < env->list_initiatives_reply->n_items; i++) {
			const Sangkien__ListedInitiative *l = env->list_initiatives_reply->items[i];
			const Sangkien__ServerInitiative *si = l->initiative;

			printf("listed %" PRId64 " %s %s %" PRIu32 " %s\n",
			       si && si->receipt ? si->receipt->record_id : 0,
			       si && si->content ? or_dash(si->content->uuid) : "-",
			       si ? enum_name(&sangkien__initiative_status__descriptor, si->status,
					      "STATUS_")
				  : "-",
			       si ? si->version : 0, or_dash(l->unit_code));
		}
		printf("list_end %zu %d\n", env->list_initiatives_reply->n_items,
		       (int)env->list_initiatives_reply->more);
		break;
	case SANGKIEN__ENVELOPE__BODY_SIMILAR_REPLY:
		for (i = 0; i < env->similar_reply->n_items; i++) {
			const Sangkien__SimilarItem *it = env->similar_reply->items[i];
			const Sangkien__ListedInitiative *l = it->item;

			printf("similar %s %s %d\n",
			       l && l->initiative && l->initiative->content
				   ? or_dash(l->initiative->content->uuid)
				   : "-",
			       l ? or_dash(l->unit_code) : "-", (int)(it->similarity * 100 + 0.5));
		}
		printf("similar_end %zu\n", env->similar_reply->n_items);
		break;
	case SANGKIEN__ENVELOPE__BODY_AUDIT_REPLY:
		for (i = 0; i < env->audit_reply->n_entries; i++) {
			const Sangkien__AuditEntry *e = env->audit_reply->entries[i];

			printf("audit %" PRIu64 " %s %s %s %s %s\n", e->id, or_dash(e->action),
			       or_dash(e->actor), or_dash(e->actor_role), or_dash(e->unit_code),
			       or_dash(e->uuid));
		}
		printf("audit_end %zu %d\n", env->audit_reply->n_entries,
		       (int)env->audit_reply->more);
		break;
	case SANGKIEN__ENVELOPE__BODY_CREATE_CREDENTIAL_REPLY:
		printf("credential %s\n", or_dash(env->create_credential_reply->credential));
		break;
	case SANGKIEN__ENVELOPE__BODY_QUOTA_REPLY:
		printf("quota_reply %s %" PRIu32 " %" PRIu32 " %" PRIu32 "\n",
		       or_dash(env->quota_reply->unit_code), env->quota_reply->quota,
		       env->quota_reply->submitted, env->quota_reply->recognized);
		if (show_quota_phases)
			print_phase_progress(env->quota_reply, "quota_phase");
		break;
	case SANGKIEN__ENVELOPE__BODY_PUT_CAMPAIGN_REPLY:
		printf("put_campaign_reply %d %d\n", (int)env->put_campaign_reply->created,
		       (int)env->put_campaign_reply->changed);
		break;
	case SANGKIEN__ENVELOPE__BODY_SET_TARGET_REPLY:
		printf("set_target_reply %d\n", (int)env->set_target_reply->changed);
		break;
	case SANGKIEN__ENVELOPE__BODY_REPORT_REPLY:
		print_report(env->report_reply);
		break;
	case SANGKIEN__ENVELOPE__BODY_PROGRESS_REPLY:
		print_progress(env->progress_reply);
		break;
	default:
		printf("reply %s\n", wire_body_name(env->body_case));
		break;
	}
}

/* Wait for one frame and print it; returns false when the connection is
 * over (closed, timed out or unreadable). */
static bool read_reply(struct probe *p, uint64_t want_id)
{
	uint8_t hdr[FRAME_HEADER_BYTES];
	uint8_t *payload;
	uint32_t len;
	Sangkien__Envelope *env = NULL;
	enum wire_status ws;
	enum tool_read r;

	r = tool_read_full(p->fd, hdr, sizeof(hdr), p->timeout_ms);
	if (r != TOOL_READ_OK) {
		printf("%s\n", r == TOOL_READ_TIMEOUT ? "timeout" : "closed");
		return false;
	}
	len = frame_get_length(hdr);
	if (len == 0 || len > FRAME_MAX_PAYLOAD_HARD) {
		printf("bad_frame\n");
		fprintf(stderr, "sk-probe: reply announces %" PRIu32 " bytes\n", len);
		return false;
	}
	payload = malloc(len);
	if (!payload) {
		fprintf(stderr, "sk-probe: out of memory\n");
		exit(1);
	}
	r = tool_read_full(p->fd, payload, len, p->timeout_ms);
	if (r != TOOL_READ_OK) {
		free(payload);
		printf("%s\n", r == TOOL_READ_TIMEOUT ? "timeout" : "closed");
		return false;
	}
	ws = wire_decode(payload, len, &env);
	free(payload);
	if (ws != WIRE_OK) {
		printf("bad_frame\n");
		fprintf(stderr, "sk-probe: reply does not decode: %s\n", wire_status_name(ws));
		return false;
	}
	print_reply(env, want_id);
	wire_envelope_free(env);
	return true;
}

static void request(struct probe *p, Sangkien__Envelope *env)
{
	if (send_envelope(p, env))
		read_reply(p, env->request_id);
}

static bool parse_u64(const char *s, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-' || v > max)
		return false;
	*out = v;
	return true;
}

static void step_hello(struct probe *p, uint32_t version, const char *cred)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__Hello hello = SANGKIEN__HELLO__INIT;

	hello.protocol_version = version;
	hello.credential = strcmp(cred, "-") == 0 ? "" : (char *)cred;
	/* SK_PROBE_CLIENT_NAME: what the server logs for this client */
	hello.client_name =
	    getenv("SK_PROBE_CLIENT_NAME") ? getenv("SK_PROBE_CLIENT_NAME") : (char *)"sk-probe";
	env.body_case = SANGKIEN__ENVELOPE__BODY_HELLO;
	env.hello = &hello;
	request(p, &env);
}

/* A reply type sent as a request (the server must refuse it). */
static void step_pong(struct probe *p)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__Pong pong = SANGKIEN__PONG__INIT;

	env.body_case = SANGKIEN__ENVELOPE__BODY_PONG;
	env.pong = &pong;
	request(p, &env);
}

static void step_ping(struct probe *p)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__Ping ping = SANGKIEN__PING__INIT;

	ping.payload.data = (uint8_t *)"sk-probe";
	ping.payload.len = 8;
	env.body_case = SANGKIEN__ENVELOPE__BODY_PING;
	env.ping = &ping;
	request(p, &env);
}

static void step_enroll(struct probe *p, const char *code)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__EnrollRequest req = SANGKIEN__ENROLL_REQUEST__INIT;

	req.code = (char *)code;
	req.device_label = "sk-probe";
	env.body_case = SANGKIEN__ENVELOPE__BODY_ENROLL;
	env.enroll = &req;
	request(p, &env);
}

static void step_quota(struct probe *p, const char *unit)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__QuotaRequest req = SANGKIEN__QUOTA_REQUEST__INIT;

	req.unit_code = strcmp(unit, "-") == 0 ? "" : (char *)unit;
	env.body_case = SANGKIEN__ENVELOPE__BODY_QUOTA;
	env.quota = &req;
	request(p, &env);
}

/* One new valid initiative for unit applied on `date`. */
static void step_submit_on(struct probe *p, const char *unit, const char *date, const char *kind,
			   const char *theme)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__SubmitBatch batch = SANGKIEN__SUBMIT_BATCH__INIT;
	Sangkien__Initiative it = SANGKIEN__INITIATIVE__INIT;
	Sangkien__Initiative *items[1] = {&it};
	Sangkien__Author author = SANGKIEN__AUTHOR__INIT;
	Sangkien__Author *authors[1] = {&author};
	char uuid[UUID_TEXT_LEN + 1];

	if (!uuid7_generate(uuid)) {
		fprintf(stderr, "sk-probe: no randomness\n");
		exit(1);
	}
	author.name = "Phạm Thị Hồng Nhung";
	it.uuid = uuid;
	it.unit_code = (char *)unit;
	it.title = "Sắp xếp lại quy trình tiếp nhận hồ sơ";
	it.summary = "Gộp hai bước kiểm tra hồ sơ thành một.";
	it.effect = "Rút ngắn thời gian chờ của người lao động.";
	it.applied_on = (char *)date;
	it.n_authors = 1;
	it.authors = authors;
	kind_parse(kind, &it.kind);
	if (strcmp(theme, "-") != 0)
		theme_parse(theme, &it.theme);
	batch.n_items = 1;
	batch.items = items;
	env.body_case = SANGKIEN__ENVELOPE__BODY_SUBMIT;
	env.submit = &batch;
	request(p, &env);
}

static const char *dash_empty(const char *s);

/* PHASES: "CODE|NAME|START|END;..." (at most 16) or "-". */
static void step_put_campaign(struct probe *p, char *const *a)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__PutCampaignRequest req = SANGKIEN__PUT_CAMPAIGN_REQUEST__INIT;
	Sangkien__Phase phases[16];
	Sangkien__Phase *ptrs[16];
	char *spec = strdup(a[4]);
	char *save = NULL, *item;
	size_t n = 0;

	if (!spec) {
		fprintf(stderr, "sk-probe: out of memory\n");
		exit(1);
	}
	req.code = a[0];
	req.name = a[1];
	req.counts_from = a[2];
	req.make_current = strcmp(a[3], "1") == 0;
	for (item = strcmp(spec, "-") == 0 ? NULL : strtok_r(spec, ";", &save); item && n < 16;
	     item = strtok_r(NULL, ";", &save)) {
		char *f[4] = {"", "", "", ""};
		char *fsave = NULL, *tok = strtok_r(item, "|", &fsave);

		for (int k = 0; k < 4 && tok; k++, tok = strtok_r(NULL, "|", &fsave))
			f[k] = tok;
		sangkien__phase__init(&phases[n]);
		phases[n].code = f[0];
		phases[n].name = f[1];
		phases[n].starts_on = f[2];
		phases[n].ends_on = f[3];
		ptrs[n] = &phases[n];
		n++;
	}
	req.n_phases = n;
	req.phases = ptrs;
	env.body_case = SANGKIEN__ENVELOPE__BODY_PUT_CAMPAIGN;
	env.put_campaign = &req;
	request(p, &env);
	free(spec);
}

static void step_set_target(struct probe *p, char *const *a, uint32_t target)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__SetTargetRequest req = SANGKIEN__SET_TARGET_REQUEST__INIT;

	req.unit_code = a[0];
	req.campaign_code = (char *)dash_empty(a[1]);
	req.phase_code = (char *)dash_empty(a[2]);
	req.target = target;
	env.body_case = SANGKIEN__ENVELOPE__BODY_SET_TARGET;
	env.set_target = &req;
	request(p, &env);
}

static void step_progress_page(struct probe *p, const char *scope, const char *cursor, uint32_t max)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__ProgressRequest req = SANGKIEN__PROGRESS_REQUEST__INIT;

	req.scope_code = (char *)dash_empty(scope);
	req.paged = true;
	req.cursor = strcmp(cursor, "+") == 0 ? last_progress_cursor : (char *)dash_empty(cursor);
	req.max_units = max;
	env.body_case = SANGKIEN__ENVELOPE__BODY_PROGRESS;
	env.progress = &req;
	request(p, &env);
}

static void step_report(struct probe *p, const char *scope, const char *campaign)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__ReportRequest req = SANGKIEN__REPORT_REQUEST__INIT;

	req.scope_code = (char *)dash_empty(scope);
	req.campaign_code = (char *)dash_empty(campaign);
	env.body_case = SANGKIEN__ENVELOPE__BODY_REPORT;
	env.report = &req;
	request(p, &env);
}

/*
 * Submit n valid initiatives for unit.  uuid is used for a single item when
 * not "-"; otherwise each item gets a new one.  The content is fixed, with
 * Vietnamese text, so a resent uuid carries the same content.
 */
static void step_submit_text(struct probe *p, const char *unit, const char *uuid, size_t n,
			     const char *title, const char *summary)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__SubmitBatch batch = SANGKIEN__SUBMIT_BATCH__INIT;
	Sangkien__Author author = SANGKIEN__AUTHOR__INIT;
	Sangkien__Author *authors[1] = {&author};
	Sangkien__Initiative *items = calloc(n, sizeof(*items));
	Sangkien__Initiative **ptrs = calloc(n, sizeof(*ptrs));
	char(*uuids)[UUID_TEXT_LEN + 1] = calloc(n, sizeof(*uuids));
	size_t i;

	if (!items || !ptrs || !uuids) {
		fprintf(stderr, "sk-probe: out of memory\n");
		exit(1);
	}
	author.name = "Nguyễn Thị Thu Hà";
	author.position = "Tổ trưởng công đoàn";
	for (i = 0; i < n; i++) {
		Sangkien__Initiative *it = &items[i];

		sangkien__initiative__init(it);
		if (n == 1 && strcmp(uuid, "-") != 0) {
			snprintf(uuids[i], sizeof(uuids[i]), "%s", uuid);
		} else if (!uuid7_generate(uuids[i])) {
			fprintf(stderr, "sk-probe: no randomness\n");
			exit(1);
		}
		it->uuid = uuids[i];
		it->unit_code = (char *)unit;
		it->title = (char *)title;
		it->kind = SANGKIEN__INITIATIVE_KIND__KIND_MANAGEMENT;
		it->n_authors = 1;
		it->authors = authors;
		it->summary = (char *)summary;
		it->effect = "Tiết kiệm thời gian tra cứu, giảm sai sót.";
		it->applied_on = "2022-03-16";
		it->theme = SANGKIEN__THEME__THEME_ADMIN_REFORM;
		ptrs[i] = it;
	}
	batch.n_items = n;
	batch.items = ptrs;
	env.body_case = SANGKIEN__ENVELOPE__BODY_SUBMIT;
	env.submit = &batch;
	request(p, &env);
	free(uuids);
	free(ptrs);
	free(items);
}

static void step_pull(struct probe *p, uint64_t cursor, uint32_t max)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__PullRequest req = SANGKIEN__PULL_REQUEST__INIT;

	req.cursor = cursor;
	req.max_items = max;
	env.body_case = SANGKIEN__ENVELOPE__BODY_PULL;
	env.pull = &req;
	request(p, &env);
}

/* An edit whose content is submit's with another title: the same title
 * as submitted makes the content equal (a duplicate). */
static void step_edit(struct probe *p, const char *unit, const char *uuid, uint32_t base,
		      const char *title)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__EditBatch batch = SANGKIEN__EDIT_BATCH__INIT;
	Sangkien__Edit e = SANGKIEN__EDIT__INIT;
	Sangkien__Edit *items[1] = {&e};
	Sangkien__Initiative it = SANGKIEN__INITIATIVE__INIT;
	Sangkien__Author author = SANGKIEN__AUTHOR__INIT;
	Sangkien__Author *authors[1] = {&author};

	author.name = "Nguyễn Thị Thu Hà";
	author.position = "Tổ trưởng công đoàn";
	it.uuid = (char *)uuid;
	it.unit_code = (char *)unit;
	it.title = (char *)title;
	it.kind = SANGKIEN__INITIATIVE_KIND__KIND_MANAGEMENT;
	it.n_authors = 1;
	it.authors = authors;
	it.summary = "Chuyển sổ giấy sang bảng tính dùng chung.";
	it.effect = "Tiết kiệm thời gian tra cứu, giảm sai sót.";
	it.applied_on = "2022-03-16";
	it.theme = SANGKIEN__THEME__THEME_ADMIN_REFORM;
	e.content = &it;
	e.base_version = base;
	batch.n_items = 1;
	batch.items = items;
	env.body_case = SANGKIEN__ENVELOPE__BODY_EDIT;
	env.edit = &batch;
	request(p, &env);
}

static void step_withdraw(struct probe *p, const char *uuid, uint32_t base, const char *reason)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__WithdrawBatch batch = SANGKIEN__WITHDRAW_BATCH__INIT;
	Sangkien__Withdraw w = SANGKIEN__WITHDRAW__INIT;
	Sangkien__Withdraw *items[1] = {&w};

	w.uuid = (char *)uuid;
	w.base_version = base;
	w.reason = strcmp(reason, "-") == 0 ? "" : (char *)reason;
	batch.n_items = 1;
	batch.items = items;
	env.body_case = SANGKIEN__ENVELOPE__BODY_WITHDRAW;
	env.withdraw = &batch;
	request(p, &env);
}

/* One batch of the items of spec "UUID=TITLE;UUID=TITLE..." (UUID - for a
 * new one), content otherwise as step_submit's. */
static void step_submit_batch(struct probe *p, const char *unit, const char *spec)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__SubmitBatch batch = SANGKIEN__SUBMIT_BATCH__INIT;
	Sangkien__Author author = SANGKIEN__AUTHOR__INIT;
	Sangkien__Author *authors[1] = {&author};
	Sangkien__Initiative items[64];
	Sangkien__Initiative *ptrs[64];
	char uuids[64][UUID_TEXT_LEN + 1];
	char *copy = strdup(spec), *save = NULL;
	size_t n = 0;

	if (copy == NULL) {
		fprintf(stderr, "sk-probe: out of memory\n");
		exit(1);
	}
	author.name = "Nguyễn Thị Thu Hà";
	author.position = "Tổ trưởng công đoàn";
	for (char *tok = strtok_r(copy, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(tok, '=');
		if (eq == NULL || n == 64) {
			fprintf(stderr, "sk-probe: submit-batch: bad SPEC '%s'\n", spec);
			exit(2);
		}
		*eq = '\0';
		if (strcmp(tok, "-") != 0)
			snprintf(uuids[n], sizeof(uuids[n]), "%s", tok);
		else if (!uuid7_generate(uuids[n])) {
			fprintf(stderr, "sk-probe: no randomness\n");
			exit(1);
		}
		Sangkien__Initiative *it = &items[n];
		sangkien__initiative__init(it);
		it->uuid = uuids[n];
		it->unit_code = (char *)unit;
		it->title = eq + 1;
		it->kind = SANGKIEN__INITIATIVE_KIND__KIND_MANAGEMENT;
		it->n_authors = 1;
		it->authors = authors;
		it->summary = "Chuyển sổ giấy sang bảng tính dùng chung.";
		it->effect = "Tiết kiệm thời gian tra cứu, giảm sai sót.";
		it->applied_on = "2022-03-16";
		it->theme = SANGKIEN__THEME__THEME_ADMIN_REFORM;
		ptrs[n++] = it;
	}
	batch.n_items = n;
	batch.items = ptrs;
	env.body_case = SANGKIEN__ENVELOPE__BODY_SUBMIT;
	env.submit = &batch;
	request(p, &env);
	free(copy);
}

static void step_submit(struct probe *p, const char *unit, const char *uuid, size_t n)
{
	step_submit_text(p, unit, uuid, n, "Số hóa sổ theo dõi đoàn viên (thử nghiệm)",
			 "Chuyển sổ giấy sang bảng tính dùng chung.");
}

/* One review action with fixed decision data (Vietnamese text). */
static void step_review(struct probe *p, const char *uuid, const char *op, uint32_t base,
			const char *note)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__ReviewBatch batch = SANGKIEN__REVIEW_BATCH__INIT;
	Sangkien__ReviewAction a = SANGKIEN__REVIEW_ACTION__INIT;
	Sangkien__ReviewAction *items[1] = {&a};
	Sangkien__Recognition rec = SANGKIEN__RECOGNITION__INIT;
	Sangkien__Reward rw = SANGKIEN__REWARD__INIT;

	rec.decision_number = "12/QĐ-CĐCS";
	rec.decision_date = "2022-05-20";
	rec.recognized_by = "Giám đốc Trần Văn Bình";
	rw.kind = SANGKIEN__REWARD_KIND__REWARD_KIND_REWARD;
	rw.level = "Quận";
	rw.decision_number = "34/QĐ-LĐLĐ";
	rw.decision_date = "2022-06-01";
	rw.amount_vnd = 500000;
	a.uuid = (char *)uuid;
	a.base_version = base;
	a.note = strcmp(note, "-") == 0 ? "" : (char *)note;
	if (strcmp(op, "start") == 0)
		a.op = SANGKIEN__REVIEW_OP__REVIEW_OP_START;
	else if (strncmp(op, "recognize", 9) == 0)
		a.op = SANGKIEN__REVIEW_OP__REVIEW_OP_RECOGNIZE;
	else if (strcmp(op, "request-changes") == 0)
		a.op = SANGKIEN__REVIEW_OP__REVIEW_OP_REQUEST_CHANGES;
	else if (strcmp(op, "reject") == 0)
		a.op = SANGKIEN__REVIEW_OP__REVIEW_OP_REJECT;
	else if (strncmp(op, "reward", 6) == 0)
		a.op = SANGKIEN__REVIEW_OP__REVIEW_OP_REWARD;
	else if (strcmp(op, "note") == 0)
		a.op = SANGKIEN__REVIEW_OP__REVIEW_OP_NOTE;
	if (strcmp(op, "recognize") == 0)
		a.recognition = &rec;
	if (strcmp(op, "reward") == 0)
		a.reward = &rw;
	batch.n_items = 1;
	batch.items = items;
	env.body_case = SANGKIEN__ENVELOPE__BODY_REVIEW;
	env.review = &batch;
	request(p, &env);
}

static const char *dash_empty(const char *s)
{
	return strcmp(s, "-") == 0 ? "" : s;
}

static void step_list(struct probe *p, const char *scope, const char *status, uint64_t after,
		      uint32_t max)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__ListInitiativesRequest req = SANGKIEN__LIST_INITIATIVES_REQUEST__INIT;
	Sangkien__InitiativeStatus st[1];
	const ProtobufCEnumValue *v = NULL;
	char name[64];

	req.scope_code = (char *)dash_empty(scope);
	if (strcmp(status, "-") != 0) {
		snprintf(name, sizeof(name), "STATUS_%s", status);
		v = protobuf_c_enum_descriptor_get_value_by_name(
		    &sangkien__initiative_status__descriptor, name);
		st[0] = v ? (Sangkien__InitiativeStatus)v->value
			  : SANGKIEN__INITIATIVE_STATUS__STATUS_UNSPECIFIED;
		req.n_statuses = 1;
		req.statuses = st;
	}
	req.after_record_id = after;
	req.max_items = max;
	env.body_case = SANGKIEN__ENVELOPE__BODY_LIST_INITIATIVES;
	env.list_initiatives = &req;
	request(p, &env);
}

static void step_similar(struct probe *p, const char *uuid, uint32_t max)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__SimilarRequest req = SANGKIEN__SIMILAR_REQUEST__INIT;

	req.uuid = (char *)uuid;
	req.max_items = max;
	env.body_case = SANGKIEN__ENVELOPE__BODY_SIMILAR;
	env.similar = &req;
	request(p, &env);
}

static void step_audit(struct probe *p, const char *unit, const char *uuid, const char *actor,
		       uint64_t after)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__AuditRequest req = SANGKIEN__AUDIT_REQUEST__INIT;

	req.unit_code = (char *)dash_empty(unit);
	req.uuid = (char *)dash_empty(uuid);
	req.actor = (char *)dash_empty(actor);
	req.after_id = after;
	env.body_case = SANGKIEN__ENVELOPE__BODY_AUDIT;
	env.audit = &req;
	request(p, &env);
}

static void step_create_credential(struct probe *p, const char *role, const char *scope,
				   const char *label)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__CreateCredentialRequest req = SANGKIEN__CREATE_CREDENTIAL_REQUEST__INIT;

	req.role = strcmp(role, "administrator") == 0 ? SANGKIEN__ROLE__ROLE_ADMINISTRATOR
		   : strcmp(role, "operator") == 0    ? SANGKIEN__ROLE__ROLE_OPERATOR
						      : SANGKIEN__ROLE__ROLE_UNIT;
	req.scope_code = (char *)dash_empty(scope);
	req.label = (char *)dash_empty(label);
	env.body_case = SANGKIEN__ENVELOPE__BODY_CREATE_CREDENTIAL;
	env.create_credential = &req;
	request(p, &env);
}

/*
 * A small, well-formed operator request about unit (or campaign) code, for
 * checking who may send it.  Data it would create is recognisable: unit
 * PROBE-1, campaign name "Chiến dịch thử", target 7.
 */
static void step_op(struct probe *p, const char *kind, const char *code)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	Sangkien__PutUnitRequest pu = SANGKIEN__PUT_UNIT_REQUEST__INIT;
	Sangkien__ImportUnitsRequest im = SANGKIEN__IMPORT_UNITS_REQUEST__INIT;
	Sangkien__UnitRow row = SANGKIEN__UNIT_ROW__INIT;
	Sangkien__UnitRow *rows[1] = {&row};
	Sangkien__CreateEnrollmentRequest ce = SANGKIEN__CREATE_ENROLLMENT_REQUEST__INIT;
	Sangkien__ProgressRequest pr = SANGKIEN__PROGRESS_REQUEST__INIT;
	Sangkien__PutCampaignRequest pc = SANGKIEN__PUT_CAMPAIGN_REQUEST__INIT;
	Sangkien__SetTargetRequest st = SANGKIEN__SET_TARGET_REQUEST__INIT;
	Sangkien__ReportRequest rr = SANGKIEN__REPORT_REQUEST__INIT;

	if (strcmp(kind, "put-unit") == 0) {
		pu.code = "PROBE-1";
		pu.name = "Công đoàn thử";
		pu.level = SANGKIEN__UNIT_LEVEL__LEVEL_GRASSROOTS;
		pu.parent_code = (char *)code;
		env.body_case = SANGKIEN__ENVELOPE__BODY_PUT_UNIT;
		env.put_unit = &pu;
	} else if (strcmp(kind, "import-units") == 0) {
		row.line = 2;
		row.code = "PROBE-1";
		row.name = "Công đoàn thử";
		row.quota = 7;
		im.parent_code = (char *)code;
		im.n_rows = 1;
		im.rows = rows;
		env.body_case = SANGKIEN__ENVELOPE__BODY_IMPORT_UNITS;
		env.import_units = &im;
	} else if (strcmp(kind, "create-enrollment") == 0) {
		ce.unit_code = (char *)code;
		env.body_case = SANGKIEN__ENVELOPE__BODY_CREATE_ENROLLMENT;
		env.create_enrollment = &ce;
	} else if (strcmp(kind, "progress") == 0) {
		pr.scope_code = (char *)code;
		env.body_case = SANGKIEN__ENVELOPE__BODY_PROGRESS;
		env.progress = &pr;
	} else if (strcmp(kind, "put-campaign") == 0) {
		pc.code = (char *)code;
		pc.name = "Chiến dịch thử";
		pc.counts_from = "2021-09-01";
		env.body_case = SANGKIEN__ENVELOPE__BODY_PUT_CAMPAIGN;
		env.put_campaign = &pc;
	} else if (strcmp(kind, "set-target") == 0) {
		st.unit_code = (char *)code;
		st.target = 7;
		env.body_case = SANGKIEN__ENVELOPE__BODY_SET_TARGET;
		env.set_target = &st;
	} else {
		rr.scope_code = (char *)code;
		env.body_case = SANGKIEN__ENVELOPE__BODY_REPORT;
		env.report = &rr;
	}
	request(p, &env);
}

static bool op_kind_known(const char *kind)
{
	static const char *const kinds[] = {"put-unit", "import-units", "create-enrollment",
					    "progress", "put-campaign", "set-target",
					    "report"};
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i], kind) == 0)
			return true;
	return false;
}

static void step_header(struct probe *p, uint32_t announced)
{
	uint8_t hdr[FRAME_HEADER_BYTES];

	frame_put_length(hdr, announced);
	if (send_bytes(p, hdr, sizeof(hdr)))
		read_reply(p, 0);
}

static void step_garbage(struct probe *p, uint32_t n)
{
	uint8_t *frame = malloc(FRAME_HEADER_BYTES + (size_t)n);

	if (!frame) {
		fprintf(stderr, "sk-probe: out of memory\n");
		exit(1);
	}
	frame_put_length(frame, n);
	/* 0xff bytes: a field tag whose varint never ends, never decodable. */
	memset(frame + FRAME_HEADER_BYTES, 0xff, n);
	if (send_bytes(p, frame, FRAME_HEADER_BYTES + (size_t)n))
		read_reply(p, 0);
	free(frame);
}

static void sleep_ms(uint64_t ms)
{
	struct timespec ts = {.tv_sec = (time_t)(ms / 1000),
			      .tv_nsec = (long)(ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static void step_touch(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT, 0644);

	if (fd < 0) {
		fprintf(stderr, "sk-probe: cannot create %s: %s\n", path, strerror(errno));
		exit(1);
	}
	close(fd);
}

static void step_wait_file(struct probe *p, const char *path)
{
	int64_t deadline = tool_now_ms() + p->timeout_ms;
	struct stat st;

	while (stat(path, &st) != 0) {
		if (tool_now_ms() >= deadline) {
			printf("timeout\n");
			return;
		}
		sleep_ms(20);
	}
}

/* Number of arguments a step takes, or -1 for an unknown step. */
static int step_arity(const char *name)
{
	static const struct {
		const char *name;
		int arity;
	} steps[] = {
	    {"hello", 2},      {"ping", 0},	   {"enroll", 1},	 {"pong", 0},
	    {"submit", 2},     {"submit-n", 2},	   {"quota", 1},	 {"header", 1},
	    {"garbage", 1},    {"read", 0},	   {"sleep", 1},	 {"touch", 1},
	    {"wait-file", 1},  {"submit-text", 4}, {"submit-batch", 2},	 {"review", 4},
	    {"list", 4},       {"similar", 2},	   {"audit", 4},	 {"create-credential", 3},
	    {"op", 2},	       {"submit-on", 4},   {"quota-phases", 1},	 {"put-campaign", 5},
	    {"set-target", 4}, {"report", 2},	   {"pull", 1},		 {"pull-max", 2},
	    {"edit", 4},       {"withdraw", 3},	   {"progress-page", 3},
	};
	size_t i;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (strcmp(steps[i].name, name) == 0)
			return steps[i].arity;
	return -1;
}

/* Check every step before connecting, so a typo never half-runs a test. */
static bool check_steps(int argc, char **argv)
{
	int i = 0;

	while (i < argc) {
		int arity = step_arity(argv[i]);
		uint64_t v;

		if (arity < 0) {
			fprintf(stderr, "sk-probe: unknown step '%s'\n", argv[i]);
			return false;
		}
		if (i + arity >= argc) {
			fprintf(stderr, "sk-probe: step '%s' needs %d argument(s)\n", argv[i],
				arity);
			return false;
		}
		if (strcmp(argv[i], "op") == 0 && !op_kind_known(argv[i + 1])) {
			fprintf(stderr, "sk-probe: unknown op kind '%s'\n", argv[i + 1]);
			return false;
		}
		if ((strcmp(argv[i], "hello") == 0 && !parse_u64(argv[i + 1], UINT32_MAX, &v)) ||
		    ((strcmp(argv[i], "header") == 0 || strcmp(argv[i], "garbage") == 0) &&
		     !parse_u64(argv[i + 1], UINT32_MAX, &v)) ||
		    (strcmp(argv[i], "garbage") == 0 && v > FRAME_MAX_PAYLOAD_HARD) ||
		    (strcmp(argv[i], "sleep") == 0 && !parse_u64(argv[i + 1], 3600000, &v)) ||
		    ((strcmp(argv[i], "pull") == 0 || strcmp(argv[i], "pull-max") == 0) &&
		     !parse_u64(argv[i + 1], INT64_MAX, &v)) ||
		    (strcmp(argv[i], "pull-max") == 0 && !parse_u64(argv[i + 2], UINT32_MAX, &v)) ||
		    (strcmp(argv[i], "edit") == 0 && !parse_u64(argv[i + 3], UINT32_MAX, &v)) ||
		    (strcmp(argv[i], "progress-page") == 0 &&
		     !parse_u64(argv[i + 3], UINT32_MAX, &v)) ||
		    (strcmp(argv[i], "withdraw") == 0 && !parse_u64(argv[i + 2], UINT32_MAX, &v)) ||
		    (strcmp(argv[i], "review") == 0 && !parse_u64(argv[i + 3], UINT32_MAX, &v)) ||
		    (strcmp(argv[i], "list") == 0 && (!parse_u64(argv[i + 3], INT64_MAX, &v) ||
						      !parse_u64(argv[i + 4], UINT32_MAX, &v))) ||
		    (strcmp(argv[i], "similar") == 0 && !parse_u64(argv[i + 2], UINT32_MAX, &v)) ||
		    (strcmp(argv[i], "audit") == 0 && !parse_u64(argv[i + 4], INT64_MAX, &v)) ||
		    (strcmp(argv[i], "submit-n") == 0 &&
		     (!parse_u64(argv[i + 2], PROBE_BATCH_MAX, &v) || v == 0)) ||
		    (strcmp(argv[i], "set-target") == 0 &&
		     !parse_u64(argv[i + 4], UINT32_MAX, &v))) {
			fprintf(stderr, "sk-probe: bad number in step '%s'\n", argv[i]);
			return false;
		}
		i += 1 + arity;
	}
	return true;
}

static void run_steps(struct probe *p, int argc, char **argv)
{
	int i = 0;

	while (i < argc) {
		const char *s = argv[i];
		const char *a = i + 1 < argc ? argv[i + 1] : NULL;
		const char *b = i + 2 < argc ? argv[i + 2] : NULL;
		uint64_t v = 0;

		if (strcmp(s, "hello") == 0) {
			parse_u64(a, UINT32_MAX, &v);
			step_hello(p, (uint32_t)v, b);
		} else if (strcmp(s, "ping") == 0) {
			step_ping(p);
		} else if (strcmp(s, "pong") == 0) {
			step_pong(p);
		} else if (strcmp(s, "enroll") == 0) {
			step_enroll(p, a);
		} else if (strcmp(s, "submit") == 0) {
			step_submit(p, a, b, 1);
		} else if (strcmp(s, "submit-n") == 0) {
			parse_u64(b, PROBE_BATCH_MAX, &v);
			step_submit(p, a, "-", (size_t)v);
		} else if (strcmp(s, "quota") == 0) {
			step_quota(p, a);
		} else if (strcmp(s, "submit-batch") == 0) {
			step_submit_batch(p, a, b);
		} else if (strcmp(s, "submit-text") == 0) {
			step_submit_text(p, a, b, 1, argv[i + 3], argv[i + 4]);
		} else if (strcmp(s, "review") == 0) {
			parse_u64(argv[i + 3], UINT32_MAX, &v);
			step_review(p, a, b, (uint32_t)v, argv[i + 4]);
		} else if (strcmp(s, "list") == 0) {
			uint64_t max = 0;

			parse_u64(argv[i + 3], INT64_MAX, &v);
			parse_u64(argv[i + 4], UINT32_MAX, &max);
			step_list(p, a, b, v, (uint32_t)max);
		} else if (strcmp(s, "similar") == 0) {
			parse_u64(b, UINT32_MAX, &v);
			step_similar(p, a, (uint32_t)v);
		} else if (strcmp(s, "audit") == 0) {
			parse_u64(argv[i + 4], INT64_MAX, &v);
			step_audit(p, a, b, argv[i + 3], v);
		} else if (strcmp(s, "create-credential") == 0) {
			step_create_credential(p, a, b, argv[i + 3]);
		} else if (strcmp(s, "op") == 0) {
			step_op(p, a, b);
		} else if (strcmp(s, "submit-on") == 0) {
			step_submit_on(p, a, b, argv[i + 3], argv[i + 4]);
		} else if (strcmp(s, "quota-phases") == 0) {
			show_quota_phases = true;
			step_quota(p, a);
			show_quota_phases = false;
		} else if (strcmp(s, "put-campaign") == 0) {
			step_put_campaign(p, argv + i + 1);
		} else if (strcmp(s, "set-target") == 0) {
			parse_u64(argv[i + 4], UINT32_MAX, &v);
			step_set_target(p, argv + i + 1, (uint32_t)v);
		} else if (strcmp(s, "pull") == 0 || strcmp(s, "pull-max") == 0) {
			uint64_t max = 0;

			parse_u64(a, INT64_MAX, &v);
			if (strcmp(s, "pull-max") == 0)
				parse_u64(b, UINT32_MAX, &max);
			step_pull(p, v, (uint32_t)max);
		} else if (strcmp(s, "edit") == 0) {
			parse_u64(argv[i + 3], UINT32_MAX, &v);
			step_edit(p, a, b, (uint32_t)v, argv[i + 4]);
		} else if (strcmp(s, "withdraw") == 0) {
			parse_u64(b, UINT32_MAX, &v);
			step_withdraw(p, a, (uint32_t)v, argv[i + 3]);
		} else if (strcmp(s, "report") == 0) {
			step_report(p, a, b);
		} else if (strcmp(s, "progress-page") == 0) {
			parse_u64(argv[i + 3], UINT32_MAX, &v);
			step_progress_page(p, a, b, (uint32_t)v);
		} else if (strcmp(s, "header") == 0) {
			parse_u64(a, UINT32_MAX, &v);
			step_header(p, (uint32_t)v);
		} else if (strcmp(s, "garbage") == 0) {
			parse_u64(a, UINT32_MAX, &v);
			step_garbage(p, (uint32_t)v);
		} else if (strcmp(s, "read") == 0) {
			read_reply(p, 0);
		} else if (strcmp(s, "sleep") == 0) {
			parse_u64(a, 3600000, &v);
			sleep_ms(v);
		} else if (strcmp(s, "touch") == 0) {
			step_touch(a);
		} else if (strcmp(s, "wait-file") == 0) {
			step_wait_file(p, a);
		}
		i += 1 + step_arity(s);
	}
}

int main(int argc, char **argv)
{
	struct probe p = {.fd = -1, .timeout_ms = 5000, .next_id = 1};
	char err[256];
	int i = 1;

	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		usage(stdout);
		return 0;
	}
	if (argc > 2 && strcmp(argv[1], "--timeout") == 0) {
		uint64_t v;

		if (!parse_u64(argv[2], INT_MAX, &v) || v == 0) {
			fprintf(stderr, "sk-probe: bad --timeout '%s'\n", argv[2]);
			return 2;
		}
		p.timeout_ms = (int)v;
		i = 3;
	}
	if (i >= argc) {
		usage(stderr);
		return 2;
	}
	if (!check_steps(argc - i - 1, argv + i + 1))
		return 2;
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	p.fd = tool_connect(argv[i], err, sizeof(err));
	if (p.fd < 0) {
		fprintf(stderr, "sk-probe: %s\n", err);
		printf("unreachable\n");
		return 1;
	}
	run_steps(&p, argc - i - 1, argv + i + 1);
	close(p.fd);
	return 0;
}
