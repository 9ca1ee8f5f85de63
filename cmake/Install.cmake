# cmake --install: the program, its man pages, bash completion, the editor
# files and the docs, at the usual Unix places under the prefix.
# pktspec build links probes with the engine, installed in
# PKTSPEC_ENGINE_DIR (lib/pktspec: libpktspec-engine.a and probe.h).
include(GNUInstallDirs)
install(TARGETS pktspec RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS pktspec_engine ARCHIVE DESTINATION ${PKTSPEC_ENGINE_DIR})
install(FILES runtime/run/probe.h DESTINATION ${PKTSPEC_ENGINE_DIR})
install(FILES man/pktspec.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES man/pktspec-spec.5 DESTINATION ${CMAKE_INSTALL_MANDIR}/man5)
install(FILES completions/pktspec.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME pktspec)
install(FILES README.md docs/LANGUAGE.md docs/emit.md docs/printer-deviations.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY specs/examples DESTINATION ${CMAKE_INSTALL_DOCDIR} FILES_MATCHING PATTERN "*.pkt")

# Editor files, where they exist (editors/): Vim's into the vimfiles folder
# that Debian's Vim has on its runtimepath, and every one under
# share/pktspec/editors for other editors and for Vim users with their own.
file(GLOB PKTSPEC_VIM_FILES RELATIVE ${CMAKE_CURRENT_SOURCE_DIR}/editors/vim CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_SOURCE_DIR}/editors/vim/*/*.vim)
foreach(f ${PKTSPEC_VIM_FILES})
  get_filename_component(dir ${f} DIRECTORY)
  install(FILES editors/vim/${f} DESTINATION ${CMAKE_INSTALL_DATADIR}/vim/vimfiles/${dir})
endforeach()
file(GLOB_RECURSE PKTSPEC_EDITOR_FILES RELATIVE ${CMAKE_CURRENT_SOURCE_DIR}/editors CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_SOURCE_DIR}/editors/vim/*.vim
     ${CMAKE_CURRENT_SOURCE_DIR}/editors/textmate/*.tmLanguage.json)
foreach(f ${PKTSPEC_EDITOR_FILES})
  get_filename_component(dir ${f} DIRECTORY)
  install(FILES editors/${f} DESTINATION ${CMAKE_INSTALL_DATADIR}/pktspec/editors/${dir})
endforeach()
