/* ratelimit.c - see ratelimit.h. */
#include "ratelimit.h"

#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#define PROBE_SLOTS 8 /* entries looked at for one address */

struct slot {
	uint8_t key[16]; /* IPv4-mapped, or the IPv6 /64 */
	bool used;
	uint32_t failures;
	int64_t last_failure_ms;
};

struct ratelimit {
	struct slot slots[RATELIMIT_TABLE_SLOTS];
	double tokens; /* global bucket */
	int64_t refilled_ms;
	bool started;
};

struct ratelimit *ratelimit_create(void)
{
	return calloc(1, sizeof(struct ratelimit));
}

void ratelimit_free(struct ratelimit *rl)
{
	free(rl);
}

static bool address_key(const struct sockaddr *sa, uint8_t key[16])
{
	memset(key, 0, 16);
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)sa;
		key[10] = key[11] = 0xff;
		memcpy(key + 12, &in->sin_addr, 4);
		return true;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)sa;
		const uint8_t *a = in6->sin6_addr.s6_addr;
		static const uint8_t v4mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
		if (memcmp(a, v4mapped, 12) == 0)
			memcpy(key, a, 16);
		else
			memcpy(key, a, 8); /* one site gets one /64 */
		return true;
	}
	return false;
}

static uint32_t key_hash(const uint8_t key[16])
{
	uint32_t h = 2166136261u;
	for (int i = 0; i < 16; i++)
		h = (h ^ key[i]) * 16777619u;
	return h;
}

/* The address's slot, or NULL when it has none (create: take the free or
 * least recently failing slot of its probe window). */
static struct slot *find_slot(struct ratelimit *rl, const struct sockaddr *sa, bool create)
{
	uint8_t key[16];
	if (!address_key(sa, key))
		return NULL;
	uint32_t h = key_hash(key);
	struct slot *victim = NULL;
	for (uint32_t i = 0; i < PROBE_SLOTS; i++) {
		struct slot *s = &rl->slots[(h + i) & (RATELIMIT_TABLE_SLOTS - 1)];
		if (s->used && memcmp(s->key, key, 16) == 0)
			return s;
		if (!s->used) {
			if (victim == NULL || victim->used)
				victim = s;
		} else if (victim == NULL ||
			   (victim->used && s->last_failure_ms < victim->last_failure_ms)) {
			victim = s;
		}
	}
	if (!create)
		return NULL;
	memset(victim, 0, sizeof(*victim));
	memcpy(victim->key, key, 16);
	victim->used = true;
	return victim;
}

static int64_t delay_for(const struct ratelimit_params *p, uint32_t failures)
{
	if (failures <= (uint64_t)p->free_failures)
		return 0;
	uint32_t doublings = failures - (uint32_t)p->free_failures - 1;
	int64_t d = RATELIMIT_BASE_DELAY_MS;
	while (doublings-- > 0 && d < p->max_delay_ms)
		d *= 2;
	return d < p->max_delay_ms ? d : p->max_delay_ms;
}

/* The overall bucket as of now_ms. */
static void refill(struct ratelimit *rl, const struct ratelimit_params *p, int64_t now_ms)
{
	double burst = (double)(p->global_per_minute / 10 > 1 ? p->global_per_minute / 10 : 1);
	if (!rl->started) {
		rl->started = true;
		rl->tokens = burst;
		rl->refilled_ms = now_ms;
	}
	rl->tokens += (double)(now_ms - rl->refilled_ms) * (double)p->global_per_minute / 60000.0;
	rl->refilled_ms = now_ms;
	if (rl->tokens > burst)
		rl->tokens = burst;
}

enum ratelimit_verdict ratelimit_check(struct ratelimit *rl, const struct ratelimit_params *p,
				       const struct sockaddr *addr, int64_t now_ms,
				       int64_t *wait_ms)
{
	struct slot *s = find_slot(rl, addr, false);
	if (s != NULL && now_ms - s->last_failure_ms > 2 * p->max_delay_ms) {
		s->used = false; /* quiet long enough: forgotten */
		s = NULL;
	}
	if (s != NULL) {
		int64_t ready = s->last_failure_ms + delay_for(p, s->failures);
		if (now_ms < ready) {
			*wait_ms = ready - now_ms;
			return RATELIMIT_REFUSE_ADDRESS;
		}
	}
	refill(rl, p, now_ms);
	if (rl->tokens < 1.0) {
		int64_t w = (int64_t)((1.0 - rl->tokens) * 60000.0 / (double)p->global_per_minute);
		*wait_ms = w < 1 ? 1 : w;
		return RATELIMIT_REFUSE_GLOBAL;
	}
	return RATELIMIT_ADMIT;
}

void ratelimit_failed(struct ratelimit *rl, const struct ratelimit_params *p,
		      const struct sockaddr *addr, int64_t now_ms)
{
	refill(rl, p, now_ms);
	rl->tokens -= 1.0;
	struct slot *s = find_slot(rl, addr, true);
	if (s == NULL)
		return;
	if (s->failures < UINT32_MAX)
		s->failures++;
	s->last_failure_ms = now_ms;
}

void ratelimit_succeeded(struct ratelimit *rl, const struct sockaddr *addr)
{
	struct slot *s = find_slot(rl, addr, false);
	if (s != NULL)
		s->used = false;
}
