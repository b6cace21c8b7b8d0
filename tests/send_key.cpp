// smp_send_key TITLE KEY [TIMES]: waits (up to 60 s) for a window titled TITLE on $DISPLAY, then presses
// KEY (an X keysym name such as Escape) in it and lets go half a second later, as a person would: the
// window's toolkit reads the key through its own event loop. TIMES (1) presses, a second apart, for a
// window that shows before its program reads keys; it stops early when the window goes away. Used by
// the window tests under xvfb-run. Exit 0 when sent, 1 when no such window appeared, 2 for bad arguments.
#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace {

int ignore_errors(Display*, XErrorEvent*) { return 0; }  // a window that closed on the key: no error

Window find_window(Display* display, Window under, const char* title) {
  char* name = nullptr;
  if (XFetchName(display, under, &name) && name) {
    const bool match = std::strcmp(name, title) == 0;
    XFree(name);
    if (match) return under;
  }
  Window root = 0, parent = 0, *children = nullptr;
  unsigned count = 0;
  if (!XQueryTree(display, under, &root, &parent, &children, &count)) return 0;
  Window found = 0;
  for (unsigned i = 0; i < count && !found; ++i) found = find_window(display, children[i], title);
  if (children) XFree(children);
  return found;
}

void send(Display* display, Window window, KeyCode code, bool press) {
  XKeyEvent key{};
  key.type = press ? KeyPress : KeyRelease;
  key.display = display;
  key.window = window;
  key.root = DefaultRootWindow(display);
  key.time = CurrentTime;
  key.same_screen = True;
  key.keycode = code;
  XSendEvent(display, window, True, press ? KeyPressMask : KeyReleaseMask, reinterpret_cast<XEvent*>(&key));
  XFlush(display);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::fprintf(stderr, "usage: smp_send_key TITLE KEYSYM [TIMES]\n");
    return 2;
  }
  const int times = argc == 4 ? std::atoi(argv[3]) : 1;
  Display* display = XOpenDisplay(nullptr);
  const KeySym symbol = XStringToKeysym(argv[2]);
  if (!display || symbol == NoSymbol) {
    std::fprintf(stderr, "smp_send_key: no display, or no key named %s\n", argv[2]);
    return 2;
  }
  Window window = 0;
  for (int i = 0; i < 600 && !window; ++i) {
    window = find_window(display, DefaultRootWindow(display), argv[1]);
    if (!window) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (!window) {
    std::fprintf(stderr, "smp_send_key: no window titled '%s'\n", argv[1]);
    return 1;
  }
  XSetErrorHandler(ignore_errors);
  const KeyCode code = XKeysymToKeycode(display, symbol);
  for (int i = 0; i < times && find_window(display, DefaultRootWindow(display), argv[1]) == window; ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(500));
    send(display, window, code, true);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // held over several frames
    send(display, window, code, false);
  }
  XCloseDisplay(display);
  return 0;
}
