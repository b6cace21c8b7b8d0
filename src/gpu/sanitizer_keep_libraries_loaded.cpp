// Sanitizer builds only (CMake option SMP_SANITIZE). The Vulkan loader dlclose()s the driver and the
// validation layer when the instance goes away; LeakSanitizer reports at exit, by which time those
// libraries are gone, so the allocations they still hold (through their globals) look unreachable and
// are reported as "<unknown module>" leaks. Kept mapped until exit, those allocations stay reachable,
// no suppression file is needed, and every leak that is reported is ours.
// An executable's definition of dlclose takes precedence over libc's for every shared library.
extern "C" int dlclose(void*) { return 0; }
