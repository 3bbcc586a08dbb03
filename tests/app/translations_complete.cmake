# Every user-facing string of the app has a German and a Chinese translation: lupdate scans the
# sources (as the routeless_desktop_lupdate target does) into copies of the catalogues, and any
# string that comes out unfinished fails the test with its text. Catches a tr()/qsTr() added
# without running lupdate and translations/fill_translations.py.
# cmake -DLUPDATE=... -DSOURCE_DIR=... -DWORK_DIR=... -P translations_complete.cmake
file(GLOB sources ${SOURCE_DIR}/app/desktop/*.cpp ${SOURCE_DIR}/app/desktop/*.h
     ${SOURCE_DIR}/qml/*.qml)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
set(catalogues)
foreach(lang de zh_CN)
  configure_file(${SOURCE_DIR}/translations/routeless_${lang}.ts ${WORK_DIR}/routeless_${lang}.ts
                 COPYONLY)
  list(APPEND catalogues ${WORK_DIR}/routeless_${lang}.ts)
endforeach()
execute_process(COMMAND ${LUPDATE} -silent -no-obsolete -locations none ${sources} -ts ${catalogues}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "lupdate failed (${rc}): ${out}")
endif()
set(missing 0)
foreach(ts ${catalogues})
  file(READ ${ts} text)
  string(REGEX MATCHALL "<source>[^<]*</source>[ \t\r\n]*<translation type=\"unfinished\""
         untranslated "${text}")
  foreach(entry ${untranslated})
    string(REGEX REPLACE "<source>([^<]*)</source>.*" "\\1" source "${entry}")
    get_filename_component(name ${ts} NAME)
    message("${name}: not translated: ${source}")
    math(EXPR missing "${missing} + 1")
  endforeach()
endforeach()
if(missing GREATER 0)
  message(FATAL_ERROR "${missing} strings lack a translation: run the routeless_desktop_lupdate "
                      "target, then translations/fill_translations.py with their translations")
endif()
message("every string has its German and Chinese translation")
