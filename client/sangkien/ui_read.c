/* ui_read.c - the pages' read-only endpoints: Home, List, Detail. */
#include "ui.h"

int ui_read_routes(struct ui *ui)
{
	(void)ui;
	return 0;
}
