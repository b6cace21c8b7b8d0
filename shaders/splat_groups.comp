#version 450
// One thread after the selection pass: the splat pass's group count for the drawn list, so that it is
// dispatched over the drawn dots only, in the same command buffer, without the host reading the count.
#extension GL_GOOGLE_include_directive : require
#include "shared.h"

layout(local_size_x = 1) in;
layout(std430, binding = BINDING_DRAWN_COUNT) buffer DrawnCountBuffer { DrawnCount drawn_list; };

void main() {
  drawn_list.groups_x = (drawn_list.count + SPLAT_GROUP_SIZE - 1u) / SPLAT_GROUP_SIZE;
  drawn_list.groups_y = 1u;
  drawn_list.groups_z = 1u;
}
