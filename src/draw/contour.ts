/**
 * Marching squares: the line where a G×G grid of values crosses `level`, as straight segments
 * across each cell (linear interpolation along the cell's edges), added to the context's current
 * path. A corner counts as above when it is ≥ level, so a cell has 0, 2 or 4 crossings; a cell with
 * a non-finite corner is skipped. Grid point k = r·G + c is drawn at (px(c), py(r)). Alloc-free.
 */
export function contour(
  ctx: Pick<CanvasRenderingContext2D, 'moveTo' | 'lineTo'>,
  val: (k: number) => number,
  G: number,
  level: number,
  px: (c: number) => number,
  py: (r: number) => number,
): void {
  const hx = [0, 0, 0, 0];
  const hy = [0, 0, 0, 0];
  // Corners in order (c, r), (c+1, r), (c+1, r+1), (c, r+1).
  const DX = [0, 1, 1, 0];
  const DY = [0, 0, 1, 1];
  const a = [0, 0, 0, 0];
  for (let r = 0; r + 1 < G; r++) {
    for (let c = 0; c + 1 < G; c++) {
      a[0] = val(r * G + c);
      a[1] = val(r * G + c + 1);
      a[2] = val((r + 1) * G + c + 1);
      a[3] = val((r + 1) * G + c);
      if (!(Number.isFinite(a[0]) && Number.isFinite(a[1]) && Number.isFinite(a[2]) && Number.isFinite(a[3])))
        continue;
      // Quick rejection: all four on one side.
      if (a[0] >= level && a[1] >= level && a[2] >= level && a[3] >= level) continue;
      if (a[0] < level && a[1] < level && a[2] < level && a[3] < level) continue;
      let n = 0;
      for (let k = 0; k < 4; k++) {
        const u = a[k] - level;
        const w = a[(k + 1) % 4] - level;
        if ((u < 0 && w >= 0) || (u >= 0 && w < 0)) {
          const t = u / (u - w);
          const k2 = (k + 1) % 4;
          hx[n] = px(c + DX[k] + (DX[k2] - DX[k]) * t);
          hy[n] = py(r + DY[k] + (DY[k2] - DY[k]) * t);
          n++;
        }
      }
      if (n >= 2) {
        ctx.moveTo(hx[0], hy[0]);
        ctx.lineTo(hx[1], hy[1]);
        if (n === 4) {
          ctx.moveTo(hx[2], hy[2]);
          ctx.lineTo(hx[3], hy[3]);
        }
      }
    }
  }
}
