# cmake -DINPUT=<file> -DOUTPUT=<header> -DNAME=<identifier> -P EmbedText.cmake
# Writes <header> defining `static const char NAME[]` holding INPUT's text as a
# raw string literal. Run at build time, so editing INPUT rebuilds its users.
file(READ "${INPUT}" CONTENT)
set(DELIM "pinpair_text")
string(FIND "${CONTENT}" ")${DELIM}\"" CLASH)
if(NOT CLASH EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )${DELIM}\"")
endif()
set(TEXT "// Generated from ${INPUT} by EmbedText.cmake; do not edit.\n")
string(APPEND TEXT "static const char ${NAME}[] = R\"${DELIM}(${CONTENT})${DELIM}\";\n")
# Rewrites only on change, so an unchanged text rebuilds nothing.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" OLD)
  if(OLD STREQUAL TEXT)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${TEXT}")
