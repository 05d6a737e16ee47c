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
#include <cmocka.h>

#include "child_process.h"
#include "command.h"
#include "platform.h"
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

/* The child's part in test_overflow_exits: an allocation that overflows. */
static int child_overflow(void)
{
	command_set_program("sangkien-admin");
	/* SIZE_MAX / 2 + 1 elements of 2 bytes: n * size overflows. */
	xreallocarray(NULL, SIZE_MAX / 2 + 1, 2);
	return 0; /* not reached */
}

/* The exit is watched from this process: the allocation runs in a child. */
static void test_overflow_exits(void **state)
{
	const char *args[] = {"overflow"};
	char buf[128] = "";
	struct child c;

	(void)state;
	assert_int_equal(child_start(&c, args, 1), 0);
	assert_true(child_read(&c, buf, sizeof(buf) - 1) >= 0);
	assert_int_equal(child_wait(&c), 1);
	assert_string_equal(buf, "sangkien-admin: hết bộ nhớ\n");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_allocations),
	    cmocka_unit_test(test_overflow_exits),
	};

	/* As the clients start (on Windows: binary standard streams). */
	if (sk_platform_init(&argc, &argv) != 0)
		return 1;
	if (argc == 3 && strcmp(argv[1], CHILD_FLAG) == 0 && strcmp(argv[2], "overflow") == 0)
		return child_overflow();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
