-- unit_credentials.sql: a unit credential for every grassroots unit, as
-- enrollment would leave them, without enrolling each first (secret =
-- SHA-256 of 'bench-' || unit id, text form skc1_ + unpadded base64url,
-- stored digest = SHA-256 of the secret).  Prints the credentials, one a
-- line in unit id order (psql -q -A -t -o FILE).
SET session_replication_role = replica;
INSERT INTO credentials (secret_sha256, role, unit_id, label)
SELECT sha256(sha256(('bench-' || u.id)::bytea)), 'unit', u.id, 'Máy ' || u.code
FROM units u WHERE u.level = 'grassroots';
RESET session_replication_role;
ANALYZE;
SELECT 'skc1_' || rtrim(translate(encode(sha256(('bench-' || u.id)::bytea), 'base64'),
				  '+/', '-_'), '=')
FROM units u WHERE u.level = 'grassroots' ORDER BY u.id;
