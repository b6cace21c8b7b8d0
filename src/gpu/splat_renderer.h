#pragma once
// The splat engine's frame: camera picture in, dots splatted, composited picture out. Everything for a
// frame goes into one command buffer that is recorded and submitted with no host allocation.
#include <array>
#include <memory>
#include <optional>
#include <span>

#include "capture/frame.h"
#include "gpu/compute_pipeline.h"
#include "gpu/frame_targets.h"
#include "tracking/head_pose.h"

namespace smp {

// Every dot of the field, everywhere: no scalp design (engine tests, benchmarks of the bare splat).
shader::DesignParams whole_field_design();

// A dot field built on one scalp, drawn on another (FrameParams, moved_to_egg in shaders/scalp_design.h):
// ScalpSurface's chart_centre_taper() and chart_radii() of both. The default moves nothing.
struct DrawnScalp {
  glm::vec4 field_centre_taper{0.0f}, field_radii{1.0f};
  glm::vec4 scalp_centre_taper{0.0f}, scalp_radii{1.0f};
  bool moved() const { return field_centre_taper != scalp_centre_taper || field_radii != scalp_radii; }
  glm::vec3 place(const glm::vec3& field_mm) const;  // a point of the field on the drawn scalp
  bool operator==(const DrawnScalp&) const = default;
};

// What the practitioner sets, per frame.
struct SplatSettings {
  float dot_diameter_mm = 0.5f;  // healed SMP dots: ~0.3-0.8 mm (shared/smp-clinical.md)
  float shade = 0.5f;            // 0 lightest (most diluted pigment) .. 1 darkest
  float softness = 1.0f;         // footprint sigma relative to a fresh dot; > 1 looks healed
  float pigment_per_area = 1.0f;  // x the shade's optical depth: < 1 where a dot's pigment spread as it healed
  std::uint32_t visible_rank_limit = 0xffffffffu;  // dots with rank >= this are never drawn
  float opacity = 1.0f;  // of the whole dot layer: fades it out and in as tracking loses and finds the head
  DrawnScalp scalp{};  // the scalp the dots are drawn on, when it is not the one the field was built on
  shader::DesignParams design = whole_field_design();  // coverage and local density (shaders/scalp_design.h)
};

// The pigment's optical depth per unit of dot coverage (linear light, rgb) for a shade: carbon black
// diluted with water heals to greys (shared/smp-clinical.md, "The shade"; shaders/composite.comp).
glm::vec3 pigment_optical_depth(float shade);

FrameParams make_frame_params(const HeadPose& pose, const Intrinsics& camera, const SplatSettings& settings,
                              std::uint32_t dot_count);

// Records the commands that put this frame's camera picture into FrameTargets::camera.
class CameraPicturePass {
 public:
  virtual ~CameraPicturePass() = default;
  virtual void record(const vk::raii::CommandBuffer& cmd, const FrameTargets& targets) const = 0;
};

// How dots reach the ink buffer: our compute splat, or one of the benchmarks' baselines (the point
// primitives most people would first try; the least a compute splat can do, src/gpu/minimal_splat_pass.h).
enum class SplatTechnique { kComputeSplat, kPointPrimitives, kMinimalSplat };

class PointBaselinePass;
class MinimalSplatPass;

class SplatRenderer {
 public:
  SplatRenderer(const Gpu& gpu, int width, int height, SplatTechnique technique = SplatTechnique::kComputeSplat);
  ~SplatRenderer();

  // Uploads the dot field (off the frame loop: only when the head model changes).
  void set_dots(std::span<const GpuDot> dots);
  std::uint32_t dot_count() const { return dot_count_; }

  // How much bare skin each pixel shows, 255 all .. 0 none (src/tracking/skin_matte.h), width x height
  // bytes; empty: all skin. The dots show only in that share of a pixel, until set again.
  void set_skin_matte(std::span<const std::uint8_t> skin);

  // Camera picture from the host (video, photo); must be width x height.
  const RgbaImage& render(const RgbaImage& camera, const HeadPose& pose, const Intrinsics& intrinsics,
                          const SplatSettings& settings);
  // Camera picture made on the GPU in the same command buffer (the demo head).
  const RgbaImage& render(const CameraPicturePass& camera, const HeadPose& pose, const Intrinsics& intrinsics,
                          const SplatSettings& settings);

  // GPU time of the last frame's ink clear + splat + composite, when the device has timestamps.
  std::optional<double> last_splat_ms() const {
    if (!last_passes_ms_) return std::nullopt;
    return last_passes_ms_->accumulate + last_passes_ms_->composite;
  }
  // The same in two parts: the ink's clear, the selection pass when the design changed and the splat;
  // then the composite.
  struct PassTimes {
    double accumulate, composite;
  };
  std::optional<PassTimes> last_passes_ms() const { return last_passes_ms_; }
  // The dot slots the splat pass went through in the last frame: each drawn dot of the clusters that
  // cull.comp kept, rounded up to whole chunks (0 for the baselines).
  std::uint32_t last_splat_dot_slots() const { return last_splat_dot_slots_; }
  // The last frame's ink buffer, in units of pixel area (for tests; reads back from the GPU).
  std::vector<double> read_coverage() const;
  int width() const { return targets_.width; }
  int height() const { return targets_.height; }

 private:
  void bind_targets();
  // True when the drawn list was selected with this frame's design, rank limit and scalp.
  bool selection_is_current(const FrameParams& params, const DrawnScalp& scalp) const;
  // The selection pass when `select`, then the cull and splat passes (or a baseline's); the splat
  // without the Gaussian footprint's code unless `large_footprints`.
  void record_accumulate(const vk::raii::CommandBuffer& cmd, bool select, bool large_footprints) const;
  // The corners of the dot field's bounding box in the camera frame (mm).
  std::array<glm::dvec3, 8> field_box_in_camera(const HeadPose& pose, const DrawnScalp& scalp) const;
  // False when no dot can be wide enough this frame for the Gaussian footprint (shaders/splat.comp).
  bool footprints_may_be_large(const HeadPose& pose, const FrameParams& params, const DrawnScalp& scalp) const;
  // The pixel groups that ink can reach this frame: the rows between the projected corners of the dot
  // field's bounding box, widened by the largest footprint; everything when the box reaches behind
  // the camera.
  glm::uvec2 composite_span(const HeadPose& pose, const Intrinsics& intrinsics, const DrawnScalp& scalp) const;

  const Gpu& gpu_;
  SplatTechnique technique_;
  FrameTargets targets_;
  ComputePipeline select_;
  ComputePipeline cluster_bounds_;
  ComputePipeline cull_;
  ComputePipeline splat_;             // square footprints, and a list of the dots too wide for one
  ComputePipeline splat_small_dots_;  // square footprints only, when no dot is wide enough for a Gaussian
  ComputePipeline splat_wide_dots_;   // Gaussian footprints of the listed dots
  ComputePipeline composite_;
  std::unique_ptr<PointBaselinePass> baseline_;
  std::unique_ptr<MinimalSplatPass> minimal_;
  std::optional<Buffer> dots_;
  std::uint32_t dot_count_ = 0;
  // The dots the design draws (select.comp), made again only when the design or the field changes:
  // sliders move a few times a second, the head every frame.
  struct Selection {
    shader::DesignParams design;
    std::uint32_t rank_limit;
    DrawnScalp scalp;
  };
  std::optional<Buffer> drawn_dots_;  // DOT_CLUSTER_SIZE slots per cluster, its drawn dots first
  std::optional<Buffer> clusters_;    // shader::DotCluster per cluster
  // Made every frame (cull.comp): the chunks of live clusters' dots, and the splat pass's group count.
  std::optional<Buffer> splat_chunks_;
  Buffer splat_work_;  // shader::SplatWork
  Buffer splat_work_readback_;
  // Made by the splat pass in frames that may hold wide dots: their indices and the wide dots' pass's
  // group count.
  std::optional<Buffer> wide_dots_;
  Buffer wide_work_;  // shader::SplatWork
  std::uint32_t last_splat_dot_slots_ = 0;
  std::optional<Selection> selected_for_;
  bool all_skin_ = false;  // the skin matte is all 255
  glm::vec3 dots_min_mm_{0.0f}, dots_max_mm_{0.0f};  // bounding box of the dot field, head frame
  vk::raii::CommandPool pool_;
  vk::raii::CommandBuffer cmd_{nullptr};
  vk::raii::Fence fence_;
  vk::raii::QueryPool timestamps_;
  std::optional<double> timestamp_period_ns_;
  std::optional<PassTimes> last_passes_ms_;
  RgbaImage output_;
};

}  // namespace smp
