# Builds the Debian package with CPack into WORK_DIR and checks it with dpkg-deb: the files a desktop
# needs are there, nothing else leaks in (headers, static libraries), Depends names every package
# that dpkg-shlibdeps derives from the packaged binaries, and the packaged CLI runs.
# Inputs: -DCPACK_CONFIG=<build>/CPackConfig.cmake -DWORK_DIR=<scratch dir> -DSOURCE_DIR=<repo>
cmake_minimum_required(VERSION 3.25)

function(fail message)
  message(FATAL_ERROR "check_deb: ${message}")
endfunction()

function(run out)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr
                  WORKING_DIRECTORY "${WORK_DIR}")
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " cmd "${ARGN}")
    fail("'${cmd}' failed (${rc}): ${stderr}${stdout}")
  endif()
  set(${out} "${stdout}" PARENT_SCOPE)
endfunction()

# True when the Depends line names `package` (alone or as an alternative).
function(declared package out)
  string(REGEX REPLACE "([.+])" "\\\\\\1" escaped "${package}")
  if(depends MATCHES "(^|[ ,|])${escaped}([ ,(]|$)")
    set(${out} TRUE PARENT_SCOPE)
  else()
    set(${out} FALSE PARENT_SCOPE)
  endif()
endfunction()

foreach(tool cpack dpkg-deb)
  find_program(${tool}_PATH ${tool})
  if(NOT ${tool}_PATH)
    fail("${tool} not found")
  endif()
endforeach()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
run(ignored ${cpack_PATH} --config "${CPACK_CONFIG}" -G DEB -B "${WORK_DIR}")
file(GLOB debs "${WORK_DIR}/*.deb")
list(LENGTH debs count)
if(NOT count EQUAL 1)
  fail("expected one .deb in ${WORK_DIR}, found ${count}")
endif()
message(STATUS "package: ${debs}")

run(contents ${dpkg-deb_PATH} -c "${debs}")
foreach(path
    ./usr/bin/sam2sim
    ./usr/bin/sam2sim-studio
    ./usr/share/applications/sam2sim-studio.desktop
    ./usr/share/icons/hicolor/scalable/apps/sam2sim-studio.svg
    ./usr/share/metainfo/io.github.sam2sim.Studio.metainfo.xml
    ./usr/share/sam2sim/weights/mobilenet_v2_imagenet_bnfolded.pth
    ./usr/share/sam2sim/weights/README.md)
  string(REGEX REPLACE "([.+])" "\\\\\\1" pattern "${path}")
  if(NOT contents MATCHES " ${pattern}\n")
    fail("${path} is not in the package:\n${contents}")
  endif()
endforeach()
foreach(leak "/include/" "\\.a\n" "/usr/local/")
  if(contents MATCHES "${leak}")
    fail("the package holds files it should not (${leak}):\n${contents}")
  endif()
endforeach()

run(control ${dpkg-deb_PATH} -f "${debs}" Package Version Architecture Depends)
foreach(field "Package: sam2sim-studio" "Architecture: " "Depends: ")
  if(NOT control MATCHES "${field}")
    fail("control field '${field}' missing:\n${control}")
  endif()
endforeach()
string(REGEX MATCH "Depends: [^\n]*" depends "${control}")
string(REGEX REPLACE "^Depends: " "" depends "${depends}")
foreach(required libqt6core6 libqt6gui6 libqt6widgets6 libqt6concurrent6 libqt6charts6 libqt6printsupport6 libqt6svg6
                 libqcustomplot2.1-qt6
                 libtorch1.13 libopencv-core406 libopencv-imgproc406 libopencv-imgcodecs406
                 libopenblas0-pthread libcurl4 fonts-noto-cjk)
  declared(${required} ok)
  if(NOT ok)
    fail("Depends lacks ${required}: ${depends}")
  endif()
endforeach()

# The packaged binaries: every library package they need must be declared, and the CLI must run
# from the package's tree (no build-tree RPATH left).
set(root "${WORK_DIR}/root")
run(ignored ${dpkg-deb_PATH} -x "${debs}" "${root}")
find_program(SHLIBDEPS dpkg-shlibdeps)
if(SHLIBDEPS)
  file(MAKE_DIRECTORY "${WORK_DIR}/debian")
  file(WRITE "${WORK_DIR}/debian/control" "")
  run(shlibs ${SHLIBDEPS} -O "${root}/usr/bin/sam2sim" "${root}/usr/bin/sam2sim-studio")
  string(REGEX REPLACE "^shlibs:Depends=" "" shlibs "${shlibs}")
  string(REPLACE "," ";" shlibs "${shlibs}")
  foreach(entry IN LISTS shlibs)
    string(REGEX MATCH "[a-z0-9][a-z0-9.+-]+" package "${entry}")
    declared("${package}" ok)
    if(package AND NOT ok)
      fail("dpkg-shlibdeps needs ${package}, Depends lacks it: ${depends}")
    endif()
  endforeach()
else()
  message(STATUS "dpkg-shlibdeps not found; skipped the library check")
endif()
run(version "${root}/usr/bin/sam2sim" --version)
if(NOT version MATCHES "^sam2sim [0-9]")
  fail("packaged sam2sim --version printed '${version}'")
endif()

# The packaged CLI finds the bundled backbone beside itself (../share/sam2sim/weights), with an empty HOME.
file(MAKE_DIRECTORY "${WORK_DIR}/home")
run(weights ${CMAKE_COMMAND} -E env HOME=${WORK_DIR}/home --unset=XDG_DATA_HOME --unset=TORCH_HOME
    --unset=SAM2SIM_WEIGHTS_DIR "${root}/usr/bin/sam2sim" weights verify mobilenet_v2)
if(NOT weights MATCHES "mobilenet_v2: OK ${root}/usr/share/sam2sim/weights/mobilenet_v2_imagenet_bnfolded.pth")
  fail("the packaged sam2sim does not find its bundled weights: ${weights}")
endif()

find_program(APPSTREAMCLI appstreamcli)
if(APPSTREAMCLI)
  run(ignored ${APPSTREAMCLI} validate --no-net
      "${root}/usr/share/metainfo/io.github.sam2sim.Studio.metainfo.xml")
endif()
file(READ "${root}/usr/share/applications/sam2sim-studio.desktop" desktop)
foreach(key "Exec=sam2sim-studio" "Icon=sam2sim-studio" "Type=Application")
  if(NOT desktop MATCHES "\n${key}\n")
    fail("desktop entry lacks '${key}'")
  endif()
endforeach()
message(STATUS "check_deb: ${debs} is complete")
file(REMOVE_RECURSE "${root}")
