/* fdlimit.c - see fdlimit.h. */
#include "fdlimit.h"

#include <errno.h>
#include <string.h>
#include <sys/resource.h>

#include "log.h"

int64_t fdlimit_raise(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0) {
		log_warn("cannot read the open-files limit: %s", strerror(errno));
		return 1024;
	}
	if (rl.rlim_cur != rl.rlim_max) {
		rlim_t was = rl.rlim_cur;
		rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &rl) == 0)
			log_info("open-files limit raised from %llu to %llu",
				 (unsigned long long)was, (unsigned long long)rl.rlim_cur);
		else
			log_warn("cannot raise the open-files limit from %llu to %llu: %s",
				 (unsigned long long)was, (unsigned long long)rl.rlim_max,
				 strerror(errno));
		getrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > (rlim_t)INT32_MAX)
		return INT32_MAX;
	return (int64_t)rl.rlim_cur;
}

int64_t fdlimit_connection_capacity(int64_t nofile, int64_t db_pool_size)
{
	int64_t cap = nofile - FDLIMIT_OVERHEAD - db_pool_size;
	return cap < 1 ? 1 : cap;
}
