-- national_tree.sql: the programme's unit tree at a given size, for the
-- benchmarks (psql -v units=N): the nation, 63 provinces of 10 districts
-- each, and N grassroots units G1..GN spread evenly over the districts, each
-- with a campaign quota.  Bulk load without the per-row audit triggers.
SET session_replication_role = replica;
INSERT INTO units (code, name, level) VALUES ('VN', 'Tổng Liên đoàn Lao động Việt Nam', 'national');
INSERT INTO units (code, name, level, parent_id)
SELECT 'P' || p, 'Liên đoàn Lao động tỉnh ' || p, 'province', (SELECT id FROM units WHERE code = 'VN')
FROM generate_series(1, 63) p;
INSERT INTO units (code, name, level, parent_id)
SELECT 'P' || p || '-D' || d, 'Liên đoàn Lao động quận ' || d, 'district', u.id
FROM generate_series(1, 63) p CROSS JOIN generate_series(1, 10) d
JOIN units u ON u.code = 'P' || p;
INSERT INTO units (code, name, level, parent_id)
SELECT 'G' || g, 'Công đoàn cơ sở số ' || g, 'grassroots',
       (SELECT id FROM units WHERE code = 'P' || (g % 63 + 1) || '-D' || (g / 63 % 10 + 1))
FROM generate_series(1, :units) g;
INSERT INTO quotas (unit_id, campaign_id, quota)
SELECT u.id, 1, 1 + u.id % 12 FROM units u WHERE u.level = 'grassroots';
RESET session_replication_role;
