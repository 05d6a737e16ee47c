# sk_web_embed(TARGET NAME BASE_DIR FILE...): compile the files (paths
# relative to BASE_DIR) into TARGET as a table of struct web_asset
#   extern const struct web_asset NAME[]; extern const size_t NAME_count;
# each served at "/" + its relative path; an absolute path (a file both
# programs share, client/web/assets) is served at "/" + its file name.
# Rebuilt when a file changes.  SK_WEB_SHARED names the shared files.
set(SK_WEB_SHARED ${CMAKE_CURRENT_LIST_DIR}/assets/web.js ${CMAKE_CURRENT_LIST_DIR}/assets/web.css
    CACHE INTERNAL "both programs' shared script and style sheet")

function(sk_web_embed target name base)
  set(script ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/web_embed_gen.cmake)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${name}.c)
  set(deps "")
  foreach(f ${ARGN})
    if(IS_ABSOLUTE ${f})
      list(APPEND deps ${f})
    else()
      list(APPEND deps ${base}/${f})
    endif()
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
