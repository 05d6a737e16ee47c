-- 016_progress_pages: ProgressRequest answered page by page (PROTOCOL.md
-- 6.8).  A page is the grassroots units of the scope after the cursor in
-- byte order of their codes: this index walks them in that order, so a
-- national page reads its own units only, whatever the database's
-- collation.  sk_progress_page replaces sk_progress and sk_scope_tree (the
-- page's tree nodes come in the same result, from the same snapshot).
CREATE INDEX units_grassroots_code_idx ON units ((code COLLATE "C")) WHERE level = 'grassroots';
DROP FUNCTION IF EXISTS sk_progress(text, bigint, text);
DROP FUNCTION IF EXISTS sk_scope_tree(text, bigint);
