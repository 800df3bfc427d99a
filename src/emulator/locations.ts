/** Region payloads in the shape `GET /subscriptions/{s}/locations` returns, built from the built-in region table. */
import { BUILTIN_REGIONS } from "../config/regions.js";
import type { ArmResource } from "../snapshot/types.js";

// name → [geography, geographyGroup, physicalLocation, latitude, longitude, regionCategory]
// Values as the real locations API reports them (az account list-locations); R = Recommended, O = Other.
const META: Record<string, [string, string, string, string | undefined, string | undefined, "R" | "O"]> = {
  swedencentral: ["Sweden", "Europe", "Gävle", "60.67488", "17.14127", "R"],
  swedensouth: ["Sweden", "Europe", "Malmo", "55.60587", "13.00073", "O"],
  northeurope: ["Europe", "Europe", "Ireland", "53.3478", "-6.2597", "R"],
  westeurope: ["Europe", "Europe", "Netherlands", "52.3667", "4.9", "R"],
  francecentral: ["France", "Europe", "Paris", "46.3772", "2.3730", "R"],
  francesouth: ["France", "Europe", "Marseille", "43.8345", "2.1972", "O"],
  germanywestcentral: ["Germany", "Europe", "Frankfurt", "50.110924", "8.682127", "R"],
  germanynorth: ["Germany", "Europe", "Berlin", "53.073635", "8.806422", "O"],
  polandcentral: ["Poland", "Europe", "Warsaw", "52.23334", "21.01666", "R"],
  italynorth: ["Italy", "Europe", "Milan", "45.46888", "9.18109", "R"],
  spaincentral: ["Spain", "Europe", "Madrid", "40.4259", "-3.4209", "R"],
  austriaeast: ["Austria", "Europe", "Vienna", "48.2082", "16.3738", "R"],
  belgiumcentral: ["Belgium", "Europe", "Brussels", "50.8503", "4.3517", "R"],
  denmarkeast: ["Denmark", "Europe", "Copenhagen", "55.6761", "12.5683", "R"],
  norwayeast: ["Norway", "Europe", "Norway", "59.913868", "10.752245", "R"],
  norwaywest: ["Norway", "Europe", "Norway", "58.969975", "5.733107", "O"],
  switzerlandnorth: ["Switzerland", "Europe", "Zurich", "47.451542", "8.564572", "R"],
  switzerlandwest: ["Switzerland", "Europe", "Geneva", "46.204391", "6.143158", "O"],
  uksouth: ["United Kingdom", "Europe", "London", "50.941", "-0.799", "R"],
  ukwest: ["United Kingdom", "Europe", "Cardiff", "53.427", "-3.084", "O"],
  eastus: ["United States", "US", "Virginia", "37.3719", "-79.8164", "R"],
  westus: ["United States", "US", "California", "37.783", "-122.417", "O"],
  eastus2: ["United States", "US", "Virginia", "36.6681", "-78.3889", "R"],
  centralus: ["United States", "US", "Iowa", "41.5908", "-93.6208", "R"],
  westus2: ["United States", "US", "Washington", "47.233", "-119.852", "R"],
  westcentralus: ["United States", "US", "Wyoming", "40.89", "-110.234", "O"],
  westus3: ["United States", "US", "Phoenix", "33.448376", "-112.074036", "R"],
  northcentralus: ["United States", "US", "Illinois", "41.8819", "-87.6278", "O"],
  southcentralus: ["United States", "US", "Texas", "29.4167", "-98.5", "R"],
  canadacentral: ["Canada", "Canada", "Toronto", "43.653", "-79.383", "R"],
  canadaeast: ["Canada", "Canada", "Quebec", "46.817", "-71.217", "O"],
  brazilsouth: ["Brazil", "South America", "Sao Paulo State", "-23.55", "-46.633", "R"],
  brazilsoutheast: ["Brazil", "South America", "Rio", "-22.90278", "-43.2075", "O"],
  mexicocentral: ["Mexico", "Mexico", "Querétaro State", "20.588818", "-100.389888", "R"],
  chilecentral: ["Chile", "South America", "Santiago", "-33.448", "-70.6693", "R"],
  australiaeast: ["Australia", "Asia Pacific", "New South Wales", "-33.86", "151.2094", "R"],
  australiasoutheast: ["Australia", "Asia Pacific", "Victoria", "-37.8136", "144.9631", "O"],
  australiacentral: ["Australia", "Asia Pacific", "Canberra", "-35.3075", "149.1244", "O"],
  australiacentral2: ["Australia", "Asia Pacific", "Canberra", "-35.3075", "149.1244", "O"],
  newzealandnorth: ["New Zealand", "Asia Pacific", "Auckland", "-36.84853", "174.76349", "R"],
  eastasia: ["Asia Pacific", "Asia Pacific", "Hong Kong", "22.267", "114.188", "R"],
  southeastasia: ["Asia Pacific", "Asia Pacific", "Singapore", "1.283", "103.833", "R"],
  japaneast: ["Japan", "Asia Pacific", "Tokyo, Saitama", "35.68", "139.77", "R"],
  japanwest: ["Japan", "Asia Pacific", "Osaka", "34.6939", "135.5022", "O"],
  koreacentral: ["Korea", "Asia Pacific", "Seoul", "37.5665", "126.978", "R"],
  koreasouth: ["Korea", "Asia Pacific", "Busan", "35.1796", "129.0756", "O"],
  centralindia: ["India", "Asia Pacific", "Pune", "18.5822", "73.9197", "R"],
  southindia: ["India", "Asia Pacific", "Chennai", "12.9822", "80.1636", "O"],
  westindia: ["India", "Asia Pacific", "Mumbai", "19.088", "72.868", "O"],
  indonesiacentral: ["Indonesia", "Asia Pacific", "Jakarta", "-6.2088", "106.8456", "R"],
  malaysiawest: ["Malaysia", "Asia Pacific", "Kuala Lumpur", "3.139", "101.6869", "R"],
  uaenorth: ["UAE", "Middle East", "Dubai", "25.266666", "55.316666", "R"],
  uaecentral: ["UAE", "Middle East", "Abu Dhabi", "24.466667", "54.366669", "O"],
  qatarcentral: ["Qatar", "Middle East", "Doha", "25.551462", "51.439327", "R"],
  israelcentral: ["Israel", "Middle East", "Israel", "31.2655698", "33.4506633", "R"],
  southafricanorth: ["South Africa", "Africa", "Johannesburg", "-25.73134", "28.21837", "R"],
  southafricawest: ["South Africa", "Africa", "Cape Town", "-34.075691", "18.843266", "O"],
};

/**
 * The built-in regions as Subscriptions_ListLocations returns them for one subscription:
 * `{ id, name, type: "Region", displayName, regionalDisplayName, metadata: { ..., pairedRegion } }`.
 */
export function builtinLocationPayloads(subscriptionId: string): ArmResource[] {
  const base = `/subscriptions/${subscriptionId}/locations`;
  return BUILTIN_REGIONS.map((region) => {
    // A region without a row here gets no coordinates (never a made-up 0, 0).
    const [geography, geographyGroup, physicalLocation, latitude, longitude, category] = META[region.name] ?? [
      region.country,
      "Other",
      region.displayName,
      undefined,
      undefined,
      "O",
    ];
    return {
      id: `${base}/${region.name}`,
      name: region.name,
      type: "Region",
      displayName: region.displayName,
      regionalDisplayName: `(${geographyGroup}) ${region.displayName}`,
      metadata: {
        regionType: "Physical",
        regionCategory: category === "R" ? "Recommended" : "Other",
        geography,
        geographyGroup,
        ...(longitude !== undefined && latitude !== undefined ? { longitude, latitude } : {}),
        physicalLocation,
        pairedRegion: region.pair ? [{ name: region.pair, id: `${base}/${region.pair}` }] : [],
      },
    };
  });
}

/** Model-supplied locations re-rooted under the requested subscription (ids keep the model's casing otherwise). */
export function modelLocationPayloads(locations: ArmResource[], subscriptionId: string): ArmResource[] {
  const rewrite = (id: unknown): unknown =>
    typeof id === "string" ? id.replace(/^\/subscriptions\/[^/]+/i, `/subscriptions/${subscriptionId}`) : id;
  return locations.map((loc) => {
    const metadata = loc.metadata as { pairedRegion?: { name?: string; id?: string }[] } | undefined;
    return {
      ...loc,
      id: rewrite(loc.id) as string,
      ...(metadata
        ? {
            metadata: {
              ...metadata,
              ...(metadata.pairedRegion
                ? { pairedRegion: metadata.pairedRegion.map((p) => ({ ...p, id: rewrite(p.id) })) }
                : {}),
            },
          }
        : {}),
    };
  });
}
