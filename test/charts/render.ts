// Compiles a Vega-Lite spec with vega-lite and renders it to SVG with vega (dev dependencies only),
// so no chart ships broken.
import * as vl from 'vega-lite';
import * as vega from 'vega';

export async function renderSvg(spec: object): Promise<string> {
  // vega tags data rows in place, so render a copy and leave the spec as it was.
  const compiled = vl.compile(structuredClone(spec) as vl.TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
