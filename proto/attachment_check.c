/* attachment_check.c - see attachment_check.h. */
#include "attachment_check.h"

#include <string.h>

/* Any C0 control, DEL or C1 control (U+0080..U+009F, two bytes C2 80..9F). */
static bool has_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			return true;
	return false;
}

bool attachment_file_name_check(const char *name, struct check_error *err)
{
	size_t n = 0;

	if (name == NULL || name[0] == '\0')
		return check_fail(err, "file_name", "must not be empty");
	if (!utf8_is_valid(name, strlen(name), &n))
		return check_fail(err, "file_name", "is not valid UTF-8");
	if (n > ATTACHMENT_FILE_NAME_MAX)
		return check_fail(err, "file_name", "%zu characters, at most %d", n,
				  ATTACHMENT_FILE_NAME_MAX);
	if (strpbrk(name, "/\\") != NULL)
		return check_fail(err, "file_name", "contains a folder separator");
	if (has_control(name))
		return check_fail(err, "file_name", "contains control characters");
	return true;
}

bool attachment_label_check(const char *label, struct check_error *err)
{
	size_t n = 0;

	if (label == NULL)
		return true;
	if (!utf8_is_valid(label, strlen(label), &n))
		return check_fail(err, "label", "is not valid UTF-8");
	if (n > ATTACHMENT_LABEL_MAX)
		return check_fail(err, "label", "%zu characters, at most %d", n,
				  ATTACHMENT_LABEL_MAX);
	if (has_control(label))
		return check_fail(err, "label", "contains control characters (one line only)");
	return true;
}
