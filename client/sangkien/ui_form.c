/* ui_form.c - the entry form's endpoints: checks, drafts, changes. */
#include "ui.h"

int ui_form_routes(struct ui *ui)
{
	(void)ui;
	return 0;
}
