#!/usr/bin/env bash
# Makes the face stories' sample video from a committed still (public/fixtures/face/portrait.jpg):
# 8 s at 30 fps, 640x480, a slow zoom and pan over the head and shoulders, as a person moving in
# front of a webcam. The face spans about a third of the frame, the size the tiny detector needs
# (see docs/face-estimates.md). The motion is periodic, so the loop has no jump. Skipped when the
# video is newer than the still; never committed (.gitignore).
set -euo pipefail
cd "$(dirname "$0")/.."
src=public/fixtures/face/portrait.jpg
out=public/fixtures/face/portrait_pan.mp4
if [ -f "$out" ] && [ "$out" -nt "$src" ] && [ "$out" -nt "$0" ]; then exit 0; fi
command -v ffmpeg >/dev/null 2>&1 || { echo "face-sample: ffmpeg is needed (npm run setup installs it)" >&2; exit 1; }
# Crop the top 4:3 of the portrait (the face and shoulders), upscale 2x so zoompan's integer
# window moves smoothly, then zoom 1.0-1.35 and drift a little left/right and up/down (the face stays whole).
ffmpeg -loglevel error -y -loop 1 -framerate 30 -t 8 -i "$src" \
  -vf "crop=820:615:0:0,scale=1640:1230,zoompan=z='1.175-0.175*cos(2*PI*on/240)':x='iw/2-iw/zoom/2+60*sin(2*PI*on/240)':y='30+30*sin(4*PI*on/240)':d=1:s=640x480:fps=30,format=yuv420p" \
  -frames:v 240 -c:v libx264 -preset veryfast -crf 26 -movflags +faststart -an "$out"
echo "face-sample: wrote $out"
