/* The clients' out-of-memory policy: the x* allocators never return NULL;
 * an allocation that cannot be made ends the program with status 1 and a
 * message naming it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifndef _WIN32
#include <sys/wait.h>
#include <unistd.h>
#endif
#include <cmocka.h>

#include "command.h"
#include "xalloc.h"

static void test_allocations(void **state)
{
	char *s, *t;
	int *a;

	(void)state;
	s = xstrdup("Sáng kiến");
	assert_string_equal(s, "Sáng kiến");
	t = xstrndup(s, 4);
	assert_string_equal(t, "Sán");
	free(t);
	t = xasprintf("%s #%d", s, 7);
	assert_string_equal(t, "Sáng kiến #7");
	free(t);
	free(s);
	a = xcalloc(4, sizeof(*a));
	assert_int_equal(a[3], 0);
	a = xreallocarray(a, 1000, sizeof(*a));
	a[999] = 1;
	free(a);
	free(xmalloc(0)); /* a valid pointer, never NULL */
}

/* POSIX only (fork): the exit is watched from the parent. */
#ifndef _WIN32
static void test_overflow_exits(void **state)
{
	int fds[2], status = 0;
	char buf[128] = "";
	pid_t pid;
	ssize_t n;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	fflush(NULL); /* the child's exit must not repeat our buffered output */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(fds[1], 2);
		command_set_program("sangkien-admin");
		/* SIZE_MAX / 2 + 1 elements of 2 bytes: n * size overflows. */
		xreallocarray(NULL, SIZE_MAX / 2 + 1, 2);
		_exit(0); /* not reached */
	}
	close(fds[1]);
	/* Until the child's end closes the pipe. */
	for (size_t got = 0; (n = read(fds[0], buf + got, sizeof(buf) - 1 - got)) > 0;)
		got += (size_t)n;
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 1);
	assert_string_equal(buf, "sangkien-admin: hết bộ nhớ\n");
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_allocations),
#ifndef _WIN32
	    cmocka_unit_test(test_overflow_exits),
#endif
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
