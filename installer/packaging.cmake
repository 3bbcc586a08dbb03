# Packaging for the desktop app: desktop integration files, then CPack. DEB and TGZ are built
# here; the NSIS (Windows) and DragNDrop (macOS) settings are written out for those hosts.
include(GNUInstallDirs)

install(FILES ${PROJECT_SOURCE_DIR}/resources/routeless.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/resources/io.github.routeless.Routeless.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${PROJECT_SOURCE_DIR}/resources/routeless.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)

# Windows and macOS packages carry their own Qt: installing (which every CPack package does)
# runs the platform's deploy tool on the installed programs, told where the QML sources are so
# that it also copies the QML modules the screens import. Debian packages depend on Debian's
# Qt packages instead (below).
if(WIN32 AND TARGET Qt6::windeployqt)
  install(CODE "
    execute_process(
      COMMAND \"$<TARGET_FILE:Qt6::windeployqt>\" --qmldir \"${PROJECT_SOURCE_DIR}/qml\"
              \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/bin/routeless.exe\"
              \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/bin/routeless-node.exe\"
      COMMAND_ERROR_IS_FATAL ANY)")
elseif(WIN32)
  message(WARNING "windeployqt not found: the installer will not carry Qt")
endif()
if(APPLE AND TARGET Qt6::macdeployqt)
  install(CODE "
    set(bundle \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/Routeless.app\")
    execute_process(
      COMMAND \"$<TARGET_FILE:Qt6::macdeployqt>\" \"\${bundle}\"
              \"-qmldir=${PROJECT_SOURCE_DIR}/qml\"
              \"-executable=\${bundle}/Contents/MacOS/routeless-node\"
      COMMAND_ERROR_IS_FATAL ANY)")
elseif(APPLE)
  message(WARNING "macdeployqt not found: the disk image will not carry Qt")
endif()

set(CPACK_PACKAGE_NAME "routeless")
set(CPACK_PACKAGE_VENDOR "Routeless")
set(CPACK_PACKAGE_CONTACT "Routeless maintainers <maintainers@routeless.invalid>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Meshes (NoRouter) and tunnels (NodePass) from the tray")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/routeless/routeless")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Routeless")
set(CPACK_PACKAGE_EXECUTABLES "routeless;Routeless")
set(CPACK_STRIP_FILES ON)
if(NOT CPACK_GENERATOR)
  if(WIN32)
    set(CPACK_GENERATOR "NSIS;ZIP")
  elseif(APPLE)
    set(CPACK_GENERATOR "DragNDrop")
  else()
    set(CPACK_GENERATOR "DEB;TGZ")
  endif()
endif()

# Debian: the run-time libraries (Qt, OpenSSL, yaml-cpp, nghttp2, ngtcp2 + GnuTLS for the
# HTTP/2 and QUIC tunnel pools) are found by shlibdeps; the QML modules are plugins
# loaded at run time, so they are listed by hand: the ones the screens import and the ones Qt's
# own file dialog imports when the desktop offers no native one (Qt.labs.folderlistmodel). The
# app checks the same list at start (app/desktop/qmlmodulecheck.cpp).
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "qml6-module-qtquick, qml6-module-qtquick-controls, qml6-module-qtquick-layouts, qml6-module-qtquick-templates, qml6-module-qtquick-window, qml6-module-qtquick-dialogs, qml6-module-qt-labs-folderlistmodel, qml6-module-qtqml, qml6-module-qtqml-models, qml6-module-qtqml-workerscript, qt6-qpa-plugins")
# A CJK font: without one the Chinese UI is boxes.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "openssh-client, fonts-noto-cjk | fonts-wqy-microhei")

# Windows (NSIS): start-menu entry and an uninstaller that also removes the autostart entry.
set(CPACK_NSIS_DISPLAY_NAME "Routeless")
set(CPACK_NSIS_PACKAGE_NAME "Routeless")
if(EXISTS "${PROJECT_SOURCE_DIR}/resources/routeless.ico")
  set(CPACK_NSIS_MUI_ICON "${PROJECT_SOURCE_DIR}/resources/routeless.ico")
endif()
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\routeless.exe")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MODIFY_PATH OFF)
set(CPACK_NSIS_CREATE_ICONS_EXTRA
    "CreateShortCut '$SMPROGRAMS\\\\$STARTMENU_FOLDER\\\\Routeless.lnk' '$INSTDIR\\\\bin\\\\routeless.exe'")
set(CPACK_NSIS_DELETE_ICONS_EXTRA "Delete '$SMPROGRAMS\\\\$START_MENU\\\\Routeless.lnk'")
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS
    "DeleteRegValue HKCU 'Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Run' 'Routeless'")

# macOS (DragNDrop): a disk image with the app bundle and an Applications link.
set(CPACK_DMG_VOLUME_NAME "Routeless")
set(CPACK_DMG_FORMAT "UDZO")
if(EXISTS "${PROJECT_SOURCE_DIR}/resources/dmg-background.png")
  set(CPACK_DMG_BACKGROUND_IMAGE "${PROJECT_SOURCE_DIR}/resources/dmg-background.png")
endif()
set(CPACK_BUNDLE_NAME "Routeless")

include(CPack)
