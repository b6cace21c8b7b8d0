#version 450
layout(location = 0) in float ink;
layout(location = 0) out float accumulated_ink;
void main() { accumulated_ink = ink; }
