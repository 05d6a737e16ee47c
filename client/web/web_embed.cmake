# sk_web_embed(TARGET NAME BASE_DIR FILE...): compile the files (paths
# relative to BASE_DIR) into TARGET as a table of struct web_asset
#   extern const struct web_asset NAME[]; extern const size_t NAME_count;
# each served at "/" + its relative path.  Rebuilt when a file changes.

function(sk_web_embed target name base)
  set(script ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/web_embed_gen.cmake)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${name}.c)
  set(deps "")
  foreach(f ${ARGN})
    list(APPEND deps ${base}/${f})
  endforeach()
  string(REPLACE ";" "," files "${ARGN}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAME=${name} -DBASE=${base} "-DFILES=${files}"
            -P ${script}
    DEPENDS ${deps} ${script}
    COMMENT "embedding ${name}"
    VERBATIM)
  target_sources(${target} PRIVATE ${out})
endfunction()
