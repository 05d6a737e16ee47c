# Turn the schema files into C tables (run at build time):
#   sql/NNN_name.sql            versioned migrations, in file-name order
#   sql/repeatable/*/NAME.sql   definitions re-applied on every migrate, in
#                               path order (the directory's number is its layer)
# Inputs: SQL_DIR, OUT.
set(body "// Generated from the sql directory by embed_sql.cmake. Do not edit.\n")
string(APPEND body "#include \"migrations.h\"\n\n")
set(i 0)

# embed(TABLE FILES): append `const struct migration TABLE[]` and its count.
function(embed table files strip)
  set(rows "")
  foreach(f IN LISTS files)
    file(RELATIVE_PATH name "${strip}" "${f}")
    string(REGEX REPLACE "\\.sql$" "" name "${name}")
    file(READ "${f}" hex HEX)
    string(LENGTH "${hex}" hexlen)
    math(EXPR len "${hexlen} / 2")
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
    string(APPEND body "static const char sql_${i}[] = {${bytes}0x00};\n")
    string(APPEND rows "\t{\"${name}\", sql_${i}, ${len}},\n")
    math(EXPR i "${i} + 1")
  endforeach()
  list(LENGTH files n)
  string(APPEND body "\nconst struct migration ${table}[] = {\n${rows}\t{0, 0, 0},\n};\n")
  string(APPEND body "const size_t ${table}_count = ${n};\n\n")
  set(body "${body}" PARENT_SCOPE)
  set(i "${i}" PARENT_SCOPE)
endfunction()

file(GLOB versioned "${SQL_DIR}/*.sql")
list(SORT versioned)
embed(sk_migrations "${versioned}" "${SQL_DIR}")
file(GLOB repeatable "${SQL_DIR}/repeatable/*/*.sql")
list(SORT repeatable)
embed(sk_repeatables "${repeatable}" "${SQL_DIR}/repeatable")

file(WRITE "${OUT}.tmp" "${body}")
file(RENAME "${OUT}.tmp" "${OUT}")
