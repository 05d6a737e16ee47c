/*
 * platform_queue.h - the <sys/queue.h> tail-queue macros the clients use on
 * libevent's lists (struct evkeyvalq): the system's header on Linux; on
 * Windows, which has none, the same macros over the same two fields that
 * libevent's keyvalq_struct.h declares.
 */
#ifndef SANGKIEN_PLATFORM_QUEUE_H
#define SANGKIEN_PLATFORM_QUEUE_H

#ifdef _WIN32
#ifndef TAILQ_INIT
#define TAILQ_INIT(head)                                                                           \
	do {                                                                                       \
		(head)->tqh_first = NULL;                                                          \
		(head)->tqh_last = &(head)->tqh_first;                                             \
	} while (0)
#endif
#ifndef TAILQ_FOREACH
#define TAILQ_FOREACH(var, head, field)                                                            \
	for ((var) = (head)->tqh_first; (var) != NULL; (var) = (var)->field.tqe_next)
#endif
#else
#include <sys/queue.h>
#endif

#endif
