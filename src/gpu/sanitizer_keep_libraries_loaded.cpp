// Sanitizer builds only (CMake option SMP_SANITIZE). The Vulkan loader dlclose()s the driver and the
// validation layer when the instance goes away; LeakSanitizer reports at exit, by which time those
// libraries are gone and their leaks show as "<unknown module>", which no suppression can name. Keeping
// every library mapped until exit lets tests/lsan.supp name the driver libraries that own the leaks.
// An executable's definition of dlclose takes precedence over libc's for every shared library.
extern "C" int dlclose(void*) { return 0; }
