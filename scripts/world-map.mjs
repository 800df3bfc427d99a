/**
 * Generates src/reporters/html/world-map.json: the country shapes report.html's data map draws,
 * projected once here from Natural Earth's TopoJSON (world-atlas) in two views — Europe in the
 * Lambert azimuthal equal-area projection centred on 10° E 52° N (as EU statistics map Europe,
 * 1:50m) and the world in Mercator (1:110m) — as SVG path data in each view's own 1000-unit-wide
 * coordinates. Each view has three shapes: Sweden, the rest of the EU/EEA, every other country.
 * The report projects region coordinates with the same projection (worldmap.ts); a test checks
 * that against d3-geo and that this file is what this script writes.
 *
 * Run: node scripts/world-map.mjs (development dependencies: world-atlas, topojson-client, d3-geo).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { geoAzimuthalEqualArea, geoMercator, geoPath } from "d3-geo";
import { feature } from "topojson-client";

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const OUT = join(ROOT, "src/reporters/html/world-map.json");

/** ISO 3166 numeric codes: Sweden, the other EU member states, and the EEA states outside the EU. */
const SWEDEN = ["752"];
const EU = ["040", "056", "100", "191", "196", "203", "208", "233", "246", "250", "276", "300", "348", "372", "380", "428", "440", "442", "470", "528", "616", "620", "642", "703", "705", "724"];
const EEA = ["352", "438", "578"];

/**
 * The views: the projection, what each must show (Europe: Iceland to Cyprus, Portugal to the North
 * Cape; the world: 56° S to 75° N), the Natural Earth scale it draws, and how far apart (in view
 * units) two kept points of a border must be.
 */
const VIEWS = [
  { id: "europe", projection: "laea", center: [10, 52], show: [[-24.5, 66.5], [-9.6, 37], [34.6, 34.6], [28, 71.2], [31.6, 62], [-10.5, 52]], atlas: "countries-50m.json", tolerance: 2.5 },
  { id: "world", projection: "mercator", west: -168, east: 180, south: -56, north: 75, atlas: "countries-110m.json", tolerance: 1.5 },
];
const WIDTH = 1000;
/** Margin around the Europe view's points, in the unit projection. */
const MARGIN = 0.012;

function mercatorY(lat) {
  return Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
}

/** The view's d3 projection, scale, translation and height: WIDTH units across what it must show. */
function viewProjection(v) {
  if (v.projection === "mercator") {
    const scale = WIDTH / (((v.east - v.west) * Math.PI) / 180);
    const top = mercatorY(v.north);
    const height = Math.round(scale * (top - mercatorY(v.south)));
    const translate = [-scale * ((v.west * Math.PI) / 180), scale * top];
    return { projection: geoMercator().scale(scale).translate(translate), scale, translate, height };
  }
  const unit = geoAzimuthalEqualArea().rotate([-v.center[0], -v.center[1]]).scale(1).translate([0, 0]);
  const xy = v.show.map((p) => unit(p));
  const x0 = Math.min(...xy.map((p) => p[0])) - MARGIN;
  const x1 = Math.max(...xy.map((p) => p[0])) + MARGIN;
  const y0 = Math.min(...xy.map((p) => p[1])) - MARGIN;
  const y1 = Math.max(...xy.map((p) => p[1])) + MARGIN;
  const scale = WIDTH / (x1 - x0);
  const translate = [-x0 * scale, -y0 * scale];
  const height = Math.round((y1 - y0) * scale);
  return { projection: geoAzimuthalEqualArea().rotate([-v.center[0], -v.center[1]]).scale(scale).translate(translate), scale, translate, height };
}

/**
 * Drops points of a path closer than `tol` units (Manhattan) to the previous kept one (rings left
 * with fewer than 3 points go) and writes the rest relative (`l` with implicit repeats), which
 * is about half as long as d3's absolute `L` commands.
 */
function compact(d, tol) {
  return d.replace(/M[^MZ]*Z?/g, (ring) => {
    const closed = ring.endsWith("Z");
    const pts = ring.replace(/Z$/, "").slice(1).split("L").map((p) => p.split(",").map(Number));
    const kept = [pts[0]];
    for (let i = 1; i < pts.length; i++) {
      const [x, y] = pts[i];
      const [px, py] = kept[kept.length - 1];
      if (i === pts.length - 1 || Math.abs(x - px) + Math.abs(y - py) > tol) kept.push(pts[i]);
    }
    if (kept.length < 3) return "";
    let out = `M${kept[0][0]},${kept[0][1]}l`;
    for (let i = 1; i < kept.length; i++) {
      const dx = kept[i][0] - kept[i - 1][0];
      const dy = kept[i][1] - kept[i - 1][1];
      // A minus sign separates numbers by itself.
      out += `${i > 1 && dx >= 0 ? " " : ""}${dx}${dy >= 0 ? " " : ""}${dy}`;
    }
    return `${out}${closed ? "z" : ""}`;
  });
}

/** The map file's content: per view its projection and size, and the three shapes' path data. */
export function buildWorldMap() {
  const views = VIEWS.map((v) => {
    const topo = JSON.parse(readFileSync(require.resolve(`world-atlas/${v.atlas}`), "utf8"));
    const { projection, scale, translate, height } = viewProjection(v);
    projection.clipExtent([[0, 0], [WIDTH, height]]);
    const path = geoPath(projection).digits(0);
    const group = (g) => (SWEDEN.includes(g.id) ? "sweden" : EU.includes(g.id) || EEA.includes(g.id) ? "eueea" : "other");
    const shapes = {};
    for (const name of ["other", "eueea", "sweden"]) {
      // Each country keeps its own rings (so borders show), joined into one path text per group.
      shapes[name] = topo.objects.countries.geometries.filter((g) => group(g) === name).map((g) => compact(path(feature(topo, g)) ?? "", v.tolerance)).join("");
    }
    const center = v.projection === "laea" ? { center: v.center } : {};
    return { id: v.id, projection: v.projection, ...center, width: WIDTH, height, scale, translate, shapes };
  });
  return { source: "Natural Earth (public domain) via world-atlas 2.0.2", views };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = `${JSON.stringify(buildWorldMap())}\n`;
  writeFileSync(OUT, text);
  console.log(`${OUT}: ${text.length} bytes`);
}
