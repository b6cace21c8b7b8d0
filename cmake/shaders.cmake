# Compiles GLSL to SPIR-V with glslc at build time and embeds the words in a static library,
# so smpview runs from any directory without shader files beside it.
function(smp_embed_shaders target)
  set(generated_sources)
  foreach(shader ${ARGN})
    get_filename_component(name ${shader} NAME)
    string(MAKE_C_IDENTIFIER ${name} ident)
    set(spv ${CMAKE_CURRENT_BINARY_DIR}/shaders/${name}.spv)
    set(cpp ${CMAKE_CURRENT_BINARY_DIR}/shaders/${ident}.cpp)
    add_custom_command(
      OUTPUT ${spv}
      COMMAND ${GLSLC} --target-env=vulkan1.3 -O -Werror -I ${CMAKE_CURRENT_SOURCE_DIR}/shaders
              -MD -MF ${spv}.d -o ${spv} ${CMAKE_CURRENT_SOURCE_DIR}/${shader}
      DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${shader}
      DEPFILE ${spv}.d
      COMMENT "glslc ${name}")
    add_custom_command(
      OUTPUT ${cpp}
      COMMAND ${CMAKE_COMMAND} -DSPV=${spv} -DCPP=${cpp} -DIDENT=${ident}
              -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/embed_spirv.cmake
      DEPENDS ${spv} ${CMAKE_CURRENT_SOURCE_DIR}/cmake/embed_spirv.cmake)
    list(APPEND generated_sources ${cpp})
  endforeach()
  add_library(${target} STATIC ${generated_sources})
endfunction()
