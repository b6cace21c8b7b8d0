# cmake -P script: turns one .spv file into a C++ source defining smp::spirv::<IDENT> as a span of words.
file(READ ${SPV} hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR remainder "${hex_length} % 8")
if(NOT remainder EQUAL 0)
  message(FATAL_ERROR "${SPV} is not a whole number of 32-bit words")
endif()
# SPIR-V is little-endian words; reassemble each 4-byte group as one 0x... literal.
string(REGEX REPLACE "(..)(..)(..)(..)" "0x\\4\\3\\2\\1u," words "${hex}")
file(WRITE ${CPP}
"#include <cstdint>\n#include <span>\nnamespace smp::spirv {\nstatic const std::uint32_t words[] = {${words}};\n"
"extern const std::span<const std::uint32_t> ${IDENT};\n"
"const std::span<const std::uint32_t> ${IDENT}{words};\n}\n")
