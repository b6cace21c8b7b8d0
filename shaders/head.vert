#version 450
// Demo head raster pass: the procedural bust, drawn as the "camera picture" of the demo.
#extension GL_GOOGLE_include_directive : require
#include "shared.h"

layout(push_constant) uniform Push { HeadRasterParams params; };
layout(location = 0) in vec3 position_mm;
layout(location = 1) in vec3 normal;
layout(location = 0) out vec3 head_position_mm;
layout(location = 1) out vec3 camera_position_mm;
layout(location = 2) out vec3 camera_normal;

void main() {
  head_position_mm = position_mm;
  camera_position_mm = (params.head_to_camera * vec4(position_mm, 1.0)).xyz;
  camera_normal = mat3(params.head_to_camera) * normal;
  gl_Position = params.head_to_clip * vec4(position_mm, 1.0);
}
