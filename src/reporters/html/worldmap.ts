/**
 * The data map's drawing data for report.html: the country shapes projected once at development
 * time (scripts/world-map.mjs writes world-map.json from Natural Earth's TopoJSON: Europe in
 * Lambert azimuthal equal-area, the world in Mercator) and the map's regions projected here with
 * the same projections, so the page script (which imports nothing) only places numbers and path
 * data it is given.
 */
import type { DataMap } from "../../findings/types.js";
import world from "./world-map.json" with { type: "json" };

/** The three country groups each view draws: Sweden, the rest of the EU/EEA, every other country. */
export type CountryGroup = "sweden" | "eueea" | "other";

/** One view of the map: its size in its own units, its projection and its country shapes (SVG path data). */
export interface MapView {
  id: string;
  /** `laea`: Lambert azimuthal equal-area around `center` ([longitude, latitude]); `mercator`: spherical Mercator. */
  projection: "laea" | "mercator";
  center?: [number, number];
  width: number;
  height: number;
  scale: number;
  translate: [number, number];
  shapes: Record<CountryGroup, string>;
}

/** What the page gets: the views, and each region's position in each view (regions with coordinates only). */
export interface PageMapData {
  views: Pick<MapView, "id" | "width" | "height" | "shapes">[];
  points: Record<string, Record<string, [number, number]>>;
}

export const MAP_VIEWS: readonly MapView[] = (world as unknown as { views: MapView[] }).views;

/** Latitudes beyond this are pinned to it (Mercator has no pole). */
const MAX_LAT = 85;
const RAD = Math.PI / 180;

/**
 * Projects a longitude/latitude (degrees) into a view's units, rounded to a tenth: what d3-geo's
 * geoMercator() or geoAzimuthalEqualArea().rotate([-λ0, -φ0]) with the view's scale and
 * translation give (a test compares them). Null for the one point LAEA cannot show (the antipode).
 */
export function projectPoint(view: Pick<MapView, "projection" | "center" | "scale" | "translate">, longitude: number, latitude: number): [number, number] | null {
  let x: number;
  let y: number;
  if (view.projection === "mercator") {
    const lat = Math.max(-MAX_LAT, Math.min(MAX_LAT, latitude));
    x = longitude * RAD;
    y = Math.log(Math.tan(Math.PI / 4 + (lat * RAD) / 2));
  } else {
    const [lon0, lat0] = view.center ?? [0, 0];
    const dl = (longitude - lon0) * RAD;
    const phi = latitude * RAD;
    const phi0 = lat0 * RAD;
    const cosc = Math.sin(phi0) * Math.sin(phi) + Math.cos(phi0) * Math.cos(phi) * Math.cos(dl);
    if (1 + cosc < 1e-9) return null;
    const k = Math.sqrt(2 / (1 + cosc));
    x = k * Math.cos(phi) * Math.sin(dl);
    y = k * (Math.cos(phi0) * Math.sin(phi) - Math.sin(phi0) * Math.cos(phi) * Math.cos(dl));
  }
  const sx = view.translate[0] + view.scale * x;
  const sy = view.translate[1] - view.scale * y;
  return [Math.round(sx * 10) / 10, Math.round(sy * 10) / 10];
}

/** The map's drawing data for a document's data map: the views' shapes and every region with coordinates projected into each view. */
export function pageMapData(dataMap: DataMap): PageMapData {
  const points: PageMapData["points"] = {};
  for (const r of dataMap.regions) {
    if (typeof r.latitude !== "number" || typeof r.longitude !== "number" || !Number.isFinite(r.latitude) || !Number.isFinite(r.longitude)) continue;
    const at: Record<string, [number, number]> = {};
    for (const v of MAP_VIEWS) {
      const p = projectPoint(v, r.longitude, r.latitude);
      if (p) at[v.id] = p;
    }
    points[r.name] = at;
  }
  return { views: MAP_VIEWS.map(({ id, width, height, shapes }) => ({ id, width, height, shapes })), points };
}
