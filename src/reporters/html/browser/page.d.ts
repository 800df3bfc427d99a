/**
 * What report.html's page scripts (report.ts, expand.ts) read from the page: the embedded findings
 * document (`#hemvist-data`) and the page texts (`#hemvist-meta`), as the page sees them. Types
 * only, written for the page (the browser code imports nothing of the product);
 * tests/reporters/html-page-types.test.ts has the type checker confirm that the findings document
 * and htmlLabels give the page what these types say.
 */

/** A text in both report languages. */
export interface PageLocalized {
  en: string;
  sv: string;
}

/** A map from codes (statuses, severities, kinds…) to texts. */
export type PageTexts = Readonly<Record<string, string>>;

export interface PageEvidence {
  path: string;
  actual?: unknown;
  expected?: unknown;
  defaulted?: boolean;
  /** `attested`: the value was attested in the configuration, not read from an API. */
  kind?: string;
  attestation?: { key: string; attestedBy: string; attestedOn: string; source: string };
}

/** For an `attestation-required` result: what to attest, where to read it, the configuration lines to add. */
export interface PageAttestationNeed {
  key: string;
  state: string;
  attestedOn?: string;
  what: PageLocalized;
  readAt: PageLocalized;
  example: string;
}

/** What a result of the page carries (the embedded results, or rows expanded from the compact form). */
export interface PageFinding {
  ruleId: string;
  status: string;
  severity: string;
  resourceId: string;
  resourceKey: string;
  resourceName?: string;
  resourceType?: string;
  subscriptionId?: string;
  resourceGroup?: string;
  /** The subscription's display name (the GUID is subscriptionId). */
  subscriptionName?: string;
  /** Who must act, from the owner tags. */
  owner?: { value: string; key: string; source: string; personal: boolean };
  location?: string;
  part?: string;
  message: PageLocalized;
  classification?: { label: string; source: string; from?: string; tagKey?: string };
  evidence?: PageEvidence[];
  notAssessed?: { scope: string; collection: string; httpStatus?: number; code: string; message?: string; permission?: string };
  exception?: { id: string; justification: string; owner: string; ticket?: string; expires: string; ruleWide?: true };
  attestation?: PageAttestationNeed;
  baselineState?: string;
  fingerprint: string;
}

/** A result of last night's the baseline diff lists (resolved or unverified). */
export interface PageBaselineEntry {
  ruleId: string;
  status: string;
  severity: string;
  resourceId: string;
  resourceKey: string;
  part?: string;
  message: PageLocalized;
  resolution?: string;
  reason?: Partial<PageLocalized>;
}

export interface PageRule {
  id: string;
  title: PageLocalized;
  severity: string;
  rationale: PageLocalized;
  remediation: { summary: PageLocalized; portal?: PageLocalized; cli?: string; bicep?: string; terraform?: string };
  references: string[];
  guidance?: { source: string; id?: string; title?: string }[];
}

/** One night of the trend. */
export interface PageTrendNight {
  generatedAt: string;
  failBySeverity: Readonly<Record<string, number>>;
  notAssessed: number;
  changes?: { new: number; resolved: number; unverified: number };
}

/** The compact form of the results (compact.ts), expanded by `hemvistExpand`. */
export interface PageCompactResults {
  v: 2;
  stride: number;
  columns: string[];
  strings: string[];
  /** How many rows. */
  count: number;
  /** Per column: cell index + 1 (0 = absent), or minus the length of a run repeating the cell before. */
  cols: number[][];
}

/** The findings document as the page reads it. */
export interface PageDocument {
  tool: { version: string };
  tenantId: string;
  tenantName?: string;
  generatedAt: string;
  collectedAt: string;
  snapshotSha256: string;
  profile: { name: string; allowedRegions: string[]; allowedM365Geos: string[]; aiDataZoneAllowed: boolean };
  exit: { code: number; reason: PageLocalized; failOn: string; failOnNew: boolean; allowPartial: boolean };
  summary: {
    total: number;
    resources: number;
    subscriptions: number;
    byStatus: Readonly<Record<string, number>>;
    failBySeverity: Readonly<Record<string, number>>;
    byRule: Readonly<Record<string, Readonly<Record<string, number>>>>;
  };
  coverage: { scope: string; collection: string; httpStatus?: number; code: string; message?: string; permission?: string; blinds?: string[] }[];
  residency: {
    regions?: { region: string; subscriptionId: string; count: number; allowed: boolean }[];
    m365Geos?: { geo: string; kind: string; count: number; allowed: boolean }[];
  };
  /** Every copy of the data with its region, country and legal regime (absent in older findings.json). */
  dataMap?: PageEmbeddedDataMap;
  rules: PageRule[];
  disabledRules?: { id: string; title?: Partial<PageLocalized> }[];
  exceptions?: { id: string; ruleId: string; resource: string; ruleWide?: true; state: string; expires: string; owner: string; ticket?: string; justification: string; warnings?: string[]; warningTexts?: { en: string; sv: string }[]; matched: number }[];
  baseline?: {
    path: string;
    generatedAt: string;
    counts: { new: number; unchanged: number; resolved: number; unverified?: number };
    resolved: PageBaselineEntry[];
    unverified?: PageBaselineEntry[];
  };
  /** Failures by severity per night, oldest first, tonight last (at most 30 nights). */
  trend?: PageTrendNight[];
  /** The configuration's attestations with their state on the run's day. */
  attestations?: { key: string; value: string | boolean; attestedBy: string; attestedOn: string; source: string; state: string; staleOn: string }[];
  /** The results; absent when they are embedded compactly (then the page expands `resultsCompact` into them). */
  results?: PageFinding[];
  resultsCompact?: PageCompactResults;
}

/** A region of the data map (findings DataMapRegion). */
export interface PageDataMapRegion {
  name: string;
  displayName?: string;
  latitude?: number;
  longitude?: number;
  country?: string;
  regime: string;
  allowed: boolean;
}

/** One copy of one resource's data as the page gets it (what it shows of a findings DataCopy; compact.ts COPY_COLUMNS). */
export interface PageDataCopy {
  resourceId: string;
  resourceName?: string;
  kind: string;
  region?: string;
  primaryRegion?: string;
  state: string;
  unreadableReason?: string;
  source: { ruleId: string };
}

/** The data map's copies as embedded (compact.ts encodeCopies), expanded by `hemvistCopies`. */
export interface PageCompactCopies {
  v: 1;
  stride: number;
  columns: string[];
  strings: string[];
  rows: number[];
}

/** The findings document's data map as the page reads it. */
export interface PageDataMap {
  regions: PageDataMapRegion[];
  copies: PageDataCopy[];
  m365: { geo: string; kind: string; count: number; regime: string; allowed: boolean }[];
  m365Unreadable: { kind: string; count?: number; reason: string }[];
}

/** The data map as embedded: its copies compact until the page expands them. */
export type PageEmbeddedDataMap = Omit<PageDataMap, "copies"> & { copies?: PageDataCopy[]; copiesCompact?: PageCompactCopies };

/** The data map's drawing data (worldmap.ts pageMapData): views with country shapes, and regions' positions per view. */
export interface PageMapData {
  views: { id: string; width: number; height: number; shapes: { sweden: string; eueea: string; other: string } }[];
  points: Readonly<Record<string, Readonly<Record<string, readonly [number, number]>>>>;
}

/** The page texts the script reads (labels.ts: htmlLabels). */
export interface PageLabels {
  /** Who must act: subscription names, owners and the findings table's grouping (who-labels.ts). */
  readonly who: PageWhoLabels;
  readonly status: PageTexts;
  readonly severity: PageTexts;
  readonly exitTitles: PageTexts;
  readonly kinds: PageTexts;
  readonly classificationSources: PageTexts;
  readonly regimes: PageTexts;
  readonly copyKinds: PageTexts;
  readonly copyStates: PageTexts;
  /** Why a location could not be read, in the page's language, keyed by the text findings.json holds (English); absent: shown as held. */
  readonly copyReasons: PageTexts;
  readonly mapViews: PageTexts;
  readonly mapCountryGroups: PageTexts;
  readonly dataMap: string;
  readonly dataMapIntro: string;
  readonly dataMapSummary: string;
  readonly dataMapTable: string;
  readonly dataMapNoCopies: string;
  readonly dataMapNoCoordinates: string;
  readonly dataMapUnreadableRow: string;
  readonly dataMapUnreadableNote: string;
  readonly dataMapAllCopies: string;
  readonly dataMapLegendRegime: string;
  readonly dataMapLegendShape: string;
  readonly dataMapLegendAllowed: string;
  readonly dataMapLegendNotAllowed: string;
  readonly dataMapLegendLines: string;
  readonly dataMapLegendCountries: string;
  readonly dataMapLinesNote: string;
  readonly dataMapM365: string;
  readonly dataMapM365None: string;
  readonly dataMapM365Unreadable: string;
  readonly dataMapCountUnknown: string;
  readonly dataMapAllowedUnknown: string;
  readonly dataMapMore: string;
  readonly colNo: string;
  readonly colCountry: string;
  readonly colRegime: string;
  readonly colCopies: string;
  readonly colPrimaryRegion: string;
  readonly colSource: string;
  readonly exceptionStates: PageTexts;
  readonly ruleWide: string;
  readonly ruleWideTitle: string;
  readonly attestNeedStates: PageTexts;
  readonly attestationStates: PageTexts;
  readonly resolutions: PageTexts;
  readonly absent: string;
  readonly aiDataZone: string;
  readonly all: string;
  readonly allowPartial: string;
  readonly allowed: string;
  readonly allowedGeos: string;
  readonly allowedRegions: string;
  readonly attestation: string;
  readonly attestationIntro: string;
  readonly attestationNone: string;
  readonly attestationPointer: string;
  readonly attestationsGiven: string;
  readonly attestationsGivenNone: string;
  readonly attestExample: string;
  readonly attestKey: string;
  readonly attestReadAt: string;
  readonly attestWhat: string;
  readonly attested: string;
  readonly attestedBy: string;
  readonly attestedOn: string;
  readonly attestedSource: string;
  readonly attestedValue: string;
  readonly evidenceAttested: string;
  readonly navAttestation: string;
  readonly azureRegions: string;
  readonly backToTop: string;
  readonly baselineFrom: string;
  readonly baselineNew: string;
  readonly baselineState: string;
  readonly baselineUnchanged: string;
  readonly baselineUnverified: string;
  readonly bicep: string;
  readonly blinds: string;
  readonly byLevel: string;
  readonly byStatus: string;
  readonly changes: string;
  readonly classification: string;
  readonly clearFilters: string;
  readonly cli: string;
  readonly code: string;
  readonly colClassification: string;
  readonly colHow: string;
  readonly colLocation: string;
  readonly colMessage: string;
  readonly colResource: string;
  readonly colRule: string;
  readonly colSeverity: string;
  readonly colStatus: string;
  readonly colWhy: string;
  readonly collectedAt: string;
  readonly collection: string;
  readonly copied: string;
  readonly copy: string;
  readonly count: string;
  readonly coverage: string;
  readonly coverageIntro: string;
  readonly coverageNone: string;
  readonly defaulted: string;
  readonly details: string;
  readonly disabledRules: string;
  readonly disabledRulesIntro: string;
  readonly errorMessage: string;
  readonly evidence: string;
  readonly evidenceActual: string;
  readonly evidenceExpected: string;
  readonly evidencePath: string;
  readonly exceptionApplied: string;
  readonly exceptionStub: string;
  readonly exceptions: string;
  readonly exceptionsNone: string;
  readonly exitCode: string;
  readonly exitOther: string;
  readonly expires: string;
  readonly failBySeverity: string;
  readonly failOn: string;
  readonly failOnNew: string;
  readonly filterBaseline: string;
  readonly filterClassification: string;
  readonly filterRegion: string;
  readonly filterRule: string;
  readonly filterSeverity: string;
  readonly filterStatus: string;
  readonly filterSubscription: string;
  readonly filteredFrom: string;
  readonly findings: string;
  readonly fingerprint: string;
  readonly from: string;
  readonly generatedAt: string;
  readonly geo: string;
  readonly guidance: string;
  readonly httpStatus: string;
  readonly justification: string;
  readonly kind: string;
  readonly listCapped: string;
  readonly location: string;
  readonly m365Geos: string;
  readonly matched: string;
  readonly nameBidi: string;
  readonly nameLookalike: string;
  readonly nameMixedScript: string;
  readonly navChanges: string;
  readonly navExceptions: string;
  readonly navFindings: string;
  readonly navOverview: string;
  readonly navResidency: string;
  readonly navDataMap: string;
  readonly navRules: string;
  readonly newCount: string;
  readonly newResults: string;
  readonly next: string;
  readonly no: string;
  readonly noBaseline: string;
  readonly noClassification: string;
  readonly noResidency: string;
  readonly none: string;
  readonly notAllowed: string;
  readonly notAssessedReason: string;
  readonly outcome: string;
  readonly overview: string;
  readonly owner: string;
  readonly pageOf: string;
  readonly pageTitle: string;
  readonly part: string;
  readonly perPage: string;
  readonly permission: string;
  readonly portal: string;
  readonly prev: string;
  readonly printCapped: string;
  readonly printFails: string;
  readonly profile: string;
  readonly rationale: string;
  readonly references: string;
  readonly region: string;
  readonly remediation: string;
  readonly reportFooter: string;
  readonly residency: string;
  readonly residencyIntro: string;
  readonly resolvedCount: string;
  readonly resolvedResults: string;
  readonly resource: string;
  readonly resourceGroup: string;
  readonly resourceId: string;
  readonly resourceName: string;
  readonly resourceType: string;
  readonly resources: string;
  readonly rule: string;
  readonly rules: string;
  readonly rulesIntro: string;
  readonly scope: string;
  readonly search: string;
  readonly searchPlaceholder: string;
  readonly showDetails: string;
  readonly showNewInTable: string;
  readonly showRuleResults: string;
  readonly showing: string;
  readonly showingNone: string;
  readonly snapshotSha: string;
  readonly sortBy: string;
  readonly state: string;
  readonly statusProblems: string;
  readonly subscription: string;
  readonly subscriptions: string;
  readonly tenantId: string;
  readonly tenantName: string;
  readonly terraform: string;
  readonly ticket: string;
  readonly toolVersion: string;
  readonly total: string;
  readonly unchangedCount: string;
  readonly unverifiedCount: string;
  readonly unverifiedIntro: string;
  readonly unverifiedResults: string;
  readonly yes: string;
  readonly changesSince: string;
  readonly newBadge: string;
  readonly newBadgeTitle: string;
  readonly night: string;
  readonly trend: string;
  readonly trendIntro: string;
  readonly trendDesc: string;
  readonly trendNone: string;
  readonly trendTable: string;
  readonly trendFails: string;
  readonly trendChanges: string;
  readonly trendDay: string;
}

/** The texts of who must act (who-labels.ts). */
export interface PageWhoLabels {
  readonly groupBy: string;
  readonly groupNone: string;
  readonly groupOwner: string;
  readonly groupSubscription: string;
  readonly noOwner: string;
  readonly noSubscription: string;
  readonly owner: string;
  readonly ownerFrom: string;
  readonly ownerPersonal: string;
  readonly sources: PageTexts;
  readonly subscriptionId: string;
  readonly groupCount: string;
}

/** `#hemvist-meta`: the page's language and texts, and the exception stub's expiry date. */
export interface PageMeta {
  lang: keyof PageLocalized;
  labels: PageLabels;
  stubExpires: string;
  /** The data map's drawing data, present when the document has a data map. */
  map?: PageMapData;
}

/** What `PageHelpers.el` and `add` take as children: nodes, values shown as text, or nothing. */
export type PageChild = Node | string | number | null | undefined | false;

/** report.ts's DOM helpers (text only, never markup), handed to the data map's drawing (datamap.ts). */
export interface PageHelpers {
  el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, unknown> | null, children?: PageChild | PageChild[]): HTMLElementTagNameMap[K];
  svg(tag: string, attrs: Record<string, unknown> | null, children?: PageChild | PageChild[]): SVGElement;
  fmt(template: string, values: Record<string, unknown>): string;
  n(x: number | undefined): string;
  clip(s: string, max: number): string;
}

declare global {
  /** The compact form's decoder (browser/expand.ts), the page's global, placed before the page script. */
  function hemvistExpand(compact: PageCompactResults): PageFinding[];
  /** The data map copies' decoder (browser/expand.ts), the page's global, placed before the page script. */
  function hemvistCopies(compact: PageCompactCopies): PageDataCopy[];
  /** The data map's section content (browser/datamap.ts), the page's global, placed before the page script. */
  function hemvistDataMap(dataMap: PageDataMap, map: PageMapData | undefined, labels: PageLabels, lang: string, h: PageHelpers): HTMLElement[];
}
