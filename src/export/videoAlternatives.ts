/** What to do instead of a WebM or MP4 export where there is no video encoder (the command line). */
export const VIDEO_ALTERNATIVES =
  'Alternatives: --format gif; or --format pngseq and then ' +
  '`ffmpeg -framerate 30 -i frame-%05d.png -c:v libvpx-vp9 -pix_fmt yuv420p out.webm`; ' +
  'or File › Export Animation… in the app, which encodes WebM with the browser engine (WebCodecs).';
