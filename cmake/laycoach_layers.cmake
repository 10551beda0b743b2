# laycoach_layer(<name> <level> <dir> SOURCES ... [DEPS lower layers ...] [LIBS private deps ...])
# One layer of the library as an object library laycoach_<name>: its private headers are those
# in <dir> (visible to the layers above through DEPS, never to those below).
function(laycoach_layer name level dir)
  cmake_parse_arguments(L "" "" "SOURCES;DEPS;LIBS" ${ARGN})
  add_library(laycoach_${name} OBJECT ${L_SOURCES})
  target_include_directories(laycoach_${name}
    PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include> $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/${dir}>)
  target_compile_features(laycoach_${name} PUBLIC cxx_std_20)
  target_compile_definitions(laycoach_${name} PRIVATE LAYCOACH_BUILDING_LAYER=${level})
  target_link_libraries(laycoach_${name} PUBLIC ${L_DEPS} Boost::date_time PRIVATE ${L_LIBS} Threads::Threads)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(laycoach_${name} PRIVATE -Wall -Wextra)
  endif()
endfunction()
