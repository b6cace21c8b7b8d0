#pragma once
// The practitioner's panel, in real units: hairline height, shade and density first (the sliders
// used most), then dot size, softness, hairline shape, session and the healed look; the before/after
// wipe; landmarks, head axes and the fitted scalp's outline, with its size; frames per second and camera-to-screen latency; recording and
// snapshots; saving and opening a patient's design; the skin measured for a starting shade. Plus the plain messages shown over the picture.
#include <optional>
#include <string>
#include <vector>

#include "scalp/design.h"
#include "tracking/photo_view.h"

namespace smp {

struct PanelState {
  SmpDesign design;
  double max_density_per_cm2 = 120.0;  // the dot field's density: the slider's top
  float wipe = 1.0f;                   // share of the picture, from the left, that shows the after picture
  bool mirror = true;
  bool show_landmarks = false;
  bool show_axes = false;
  bool show_outline = false;  // the scalp's silhouette, as fitted to the head's outline
  std::string scalp;          // one line: the scalp fitted to this head, or why it is the adult mean
  double fps = 0.0, latency_ms = 0.0;
  bool recording = false;
  std::string status;  // the last thing done (a snapshot written, a recording saved or refused)
  std::string skin;                      // the skin measured for a starting shade, or why it could not be
  std::optional<double> suggested_shade;  // from that measurement
  std::string patient;                      // name or ID the design is saved under
  std::vector<std::string> saved_patients;  // those with saved designs, sorted
  int chosen_patient = 0;                   // in saved_patients
  // A photo's view and marked points (tracking/photo_view.h, marked_points.h): `photo` shows the panel's
  // part for them; `view` is 0 for the view guessed (app/photo_head.h), else PhotoView + 1; `marking` is
  // the name the next click places, in marked_point_names() (-1: a click places nothing); `points` says
  // what the points placed so far did.
  bool photo = false;
  int view = 0;
  int marking = -1;
  std::string points;
};

// What the practitioner asked for this frame, beyond the values PanelState holds.
struct PanelRequests {
  bool snapshot = false;
  bool toggle_recording = false;
  bool toggle_fullscreen = false;
  bool quit = false;
  bool save_design = false;  // under `patient`
  bool open_design = false;  // the newest saved for saved_patients[chosen_patient]
  bool write_sheet = false;  // the printable plan of the current picture and design
  bool measure_skin = false;  // on the forehead, against white paper beside the face: a starting shade
  bool view_changed = false;  // the photo's, in `view`
  bool clear_points = false;  // the photo's marked points
  bool save_points = false;   // into the media folder, as a --points file
};

// The scalp outline's colour over the picture, RGB 0..1 (the panel shows it as the key).
inline constexpr float kOutlineColour[3] = {0.25f, 0.85f, 1.0f};
// The practitioner's marked points and where the head puts each, with Landmarks shown (the tooltip
// names them; here beside the outline's, where the window's tests find both).
inline constexpr float kMarkedPointColour[3] = {1.0f, 0.3f, 0.85f};

// The panel's list of a photo's views (PanelState::view): 0 for the view guessed, else PhotoView + 1.
std::optional<PhotoView> chosen_view(int choice);
int view_choice(std::optional<PhotoView> view);

// The measured skin's suggested shade, when there is one, becomes the design's.
void use_suggested_shade(PanelState& state);

// Draws the panel and applies the keyboard shortcuts (listed in the panel itself).
PanelRequests draw_panel(PanelState& state);
// A message in a band across the middle of the window (empty: none).
void draw_message(const std::string& message);

}  // namespace smp
