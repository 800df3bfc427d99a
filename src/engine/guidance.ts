/**
 * The guidance documents rules are traced to, once each: a rule's `guidance` names a document by
 * its key here and the section it draws on. Reports show the document's title, so one document has
 * one name everywhere. A user rule may cite a document of its own with `{ source: "…" }`.
 */
export const GUIDANCE_DOCUMENTS = {
  "rules-catalog": { title: "rules-catalog" },
  "microsoft-faq-se": { title: "Microsoft FAQ for Swedish public-sector customers" },
  "skr-cloud-2019": { title: "SKR, Vägledning om molntjänster (November 2019)" },
  "danderyd-o365-2019": { title: "Danderyd municipality Office 365 assessment (2019)" },
  gdpr: { title: "GDPR" },
  "osl-2009-400": { title: "Offentlighets- och sekretesslagen (2009:400)" },
  "sakerhetsskyddslagen-2018-585": { title: "Säkerhetsskyddslagen" },
  "cis-azure-3.0.0": { title: "CIS Microsoft Azure Foundations 3.0.0" },
  "cis-azure-4.0": { title: "CIS Microsoft Azure Foundations 4.0" },
} as const satisfies Record<string, { title: string }>;

export type GuidanceDocument = keyof typeof GUIDANCE_DOCUMENTS;

/** One line of a rule's guidance mapping: a known document (`doc`) or a document of the rule's own (`source`). */
export type GuidanceRef = ({ doc: GuidanceDocument } | { source: string }) & { id?: string; title?: string };

/** A guidance line as reports show it. */
export interface GuidanceLine {
  source: string;
  id?: string;
  title?: string;
}

/** The line reports show for a reference (the document's title for a known document). */
export function guidanceLine(ref: GuidanceRef): GuidanceLine {
  const source = "doc" in ref ? GUIDANCE_DOCUMENTS[ref.doc].title : ref.source;
  return { source, ...(ref.id !== undefined ? { id: ref.id } : {}), ...(ref.title !== undefined ? { title: ref.title } : {}) };
}

/** Problems of a rule's `guidance` (unknown documents, malformed lines), each naming the line. */
export function guidanceProblems(guidance: unknown): string[] {
  if (!Array.isArray(guidance)) return ["guidance: expected a list of { doc, id?, title? } (or { source } for a document of the rule's own)"];
  const out: string[] = [];
  for (const [i, g] of guidance.entries()) {
    const line = g as Record<string, unknown> | null;
    if (!line || typeof line !== "object") out.push(`guidance[${i}]: expected { doc, id?, title? }`);
    else if ("doc" in line) {
      if (typeof line.doc !== "string" || !Object.hasOwn(GUIDANCE_DOCUMENTS, line.doc)) out.push(`guidance[${i}].doc: found ${JSON.stringify(line.doc)}, expected one of ${Object.keys(GUIDANCE_DOCUMENTS).join(", ")}`);
    } else if (typeof line.source !== "string" || line.source.trim() === "") out.push(`guidance[${i}]: expected a field "doc" (a known document) or "source" (a document's name)`);
    for (const k of ["id", "title"] as const) if (line && line[k] !== undefined && typeof line[k] !== "string") out.push(`guidance[${i}].${k}: expected a string`);
  }
  return out;
}
