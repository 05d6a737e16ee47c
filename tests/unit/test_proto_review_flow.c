/* The review's transition table (review_flow.h): every op of the .proto has
 * exactly one row, codes are unique, and what it allows follows its rows. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "review_flow.h"

static void test_every_op_has_one_row(void **state)
{
	const ProtobufCEnumDescriptor *d = &sangkien__review_op__descriptor;
	size_t n, rows = 0;
	const struct review_flow *t = review_flow_table(&n);

	(void)state;
	for (unsigned i = 0; i < d->n_values; i++) {
		const struct review_flow *f =
		    review_flow_find((Sangkien__ReviewOp)d->values[i].value);

		if (d->values[i].value == SANGKIEN__REVIEW_OP__REVIEW_OP_UNSPECIFIED) {
			assert_null(f);
			continue;
		}
		assert_non_null(f);
		assert_ptr_equal(f, review_flow_find_code(f->code));
		rows++;
	}
	assert_int_equal(n, rows);
	for (size_t i = 0; i < n; i++)
		for (size_t k = i + 1; k < n; k++)
			assert_string_not_equal(t[i].code, t[k].code);
	assert_null(review_flow_find_code("approve"));
	assert_null(review_flow_find_code(NULL));
}

static void test_allows_follows_the_rows(void **state)
{
	const ProtobufCEnumDescriptor *sd = &sangkien__initiative_status__descriptor;
	size_t n;
	const struct review_flow *t = review_flow_table(&n);

	(void)state;
	for (size_t i = 0; i < n; i++)
		for (unsigned s = 0; s < sd->n_values; s++) {
			Sangkien__InitiativeStatus st =
			    (Sangkien__InitiativeStatus)sd->values[s].value;
			bool want = st != SANGKIEN__INITIATIVE_STATUS__STATUS_UNSPECIFIED &&
				    (t[i].from == SANGKIEN__INITIATIVE_STATUS__STATUS_UNSPECIFIED ||
				     t[i].from == st);

			assert_int_equal(want, review_flow_allows(t[i].op, st));
		}
	/* The life cycle as PROTOCOL.md 6.20 draws it. */
	assert_true(review_flow_allows(SANGKIEN__REVIEW_OP__REVIEW_OP_START,
				       SANGKIEN__INITIATIVE_STATUS__STATUS_SUBMITTED));
	assert_false(review_flow_allows(SANGKIEN__REVIEW_OP__REVIEW_OP_RECOGNIZE,
					SANGKIEN__INITIATIVE_STATUS__STATUS_SUBMITTED));
	assert_false(review_flow_allows(SANGKIEN__REVIEW_OP__REVIEW_OP_REJECT,
					SANGKIEN__INITIATIVE_STATUS__STATUS_RECOGNIZED));
	assert_true(review_flow_allows(SANGKIEN__REVIEW_OP__REVIEW_OP_REWARD,
				       SANGKIEN__INITIATIVE_STATUS__STATUS_RECOGNIZED));
	assert_false(review_flow_allows(SANGKIEN__REVIEW_OP__REVIEW_OP_START,
					SANGKIEN__INITIATIVE_STATUS__STATUS_WITHDRAWN));
	assert_false(review_flow_allows(SANGKIEN__REVIEW_OP__REVIEW_OP_UNSPECIFIED,
					SANGKIEN__INITIATIVE_STATUS__STATUS_SUBMITTED));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_op_has_one_row),
	    cmocka_unit_test(test_allows_follows_the_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
