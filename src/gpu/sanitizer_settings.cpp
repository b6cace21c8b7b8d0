// Sanitizer builds only (CMake option SMP_SANITIZE), linked into every executable: how the sanitizers
// treat the Vulkan driver, built in so that the tests, and the smpview processes they start, need no
// environment variables.

// The Vulkan loader dlclose()s the driver and the validation layer when the instance goes away;
// LeakSanitizer reports at exit, by which time those libraries are gone, so the allocations they still
// hold (through their globals) look unreachable and are reported as "<unknown module>" leaks. Kept
// mapped until exit, those allocations stay reachable. An executable's definition of dlclose takes
// precedence over libc's for every shared library.
extern "C" int dlclose(void*) { return 0; }

// Lavapipe (Mesa's CPU Vulkan driver) loses a few kilobytes of its own JIT bookkeeping (LLVM's EH-frame
// registration) for some shader compilations: indirect leaks whose stacks hold only driver frames.
// Our Vulkan objects are RAII-owned, and the validation layers, on in every test, report any that
// outlive their device, so suppressing the driver's own losses hides nothing of ours.
// fontconfig, asked by the consultation sheet (through cairo) for its font, keeps 288 bytes of its
// configuration for the life of the process; only FcFini() frees them, which cairo's cached font faces
// forbid while the program runs. One block per process, never growing.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libvulkan_lvp.so\nleak:libLLVM-15.so\nleak:libfontconfig.so\n";
}

// Undefined behaviour stops the program, with the stack that led there.
extern "C" const char* __ubsan_default_options() { return "print_stacktrace=1:halt_on_error=1"; }
