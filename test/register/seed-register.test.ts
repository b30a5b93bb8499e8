import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { readRegisterFiles } from "../../server/register/parse-files";
import { validateRegister } from "../../server/register/validate";
import { SEEDS_DIR } from "../support/server";

const { files, problems: parseProblems } = readRegisterFiles([SEEDS_DIR]);
const { content, problems } = validateRegister(files);

/** The notice text as the quote check reads it: line breaks, runs of spaces and markdown `**` ignored. */
const normalise = (text: string) => text.replace(/\*\*/g, "").replace(/\s+/g, " ").trim();

describe("the seed register", () => {
  it("validates with no problem", () => {
    expect([...parseProblems, ...problems]).toEqual([]);
  });

  // A school's notice added to seeds/notices/ must not break this: the five are a floor, not the list.
  it("has a notice, with its text, for every notice file, and at least the five it started from", () => {
    const noticeFiles = readdirSync(join(SEEDS_DIR, "notices")).filter((f) => /\.ya?ml$/.test(f));
    expect(content.notices).toHaveLength(noticeFiles.length);
    expect(content.notices.map((n) => n.id)).toEqual(expect.arrayContaining(["desc-policy", "dfe-2010", "la-dcsf-era", "stokes-wood-2018", "wigan-2009"]));
    expect(content.notices.filter((n) => !n.text).map((n) => n.id)).toEqual([]);
    expect(content.organisations.length).toBeGreaterThan(50);
    expect(content.flows.length).toBeGreaterThan(100);
  });

  it("names every recipient the notices list", () => {
    const ids = new Set(content.organisations.map((o) => o.id));
    const recipients = new Set(content.flows.map((f) => f.to));
    const expected = [
      "stokes-wood-primary-school", "leicester-city-council", "dacorum-education-support-centre", "wigan-council", "school", "la", "dfe", "npd",
      "qcda", "ofsted", "lsc", "learning-records-service", "primary-care-trusts", "department-of-health", "ons", "independent-researchers",
      "connexions", "s-cool", "perspective", "information-from-data", "fischer-family-trust", "teachers2parents", "nhs-digital",
      "leicestershire-partnership-nhs-trust", "lesp", "leicestershire-police", "lancashire-county-council", "alkemygold",
      "care-quality-commission", "healthcare-commission", "post-16-institutions", "contactpoint", "esfa", "skills-funding-agency",
    ];
    expect(expected.filter((id) => !ids.has(id))).toEqual([]);
    // Named schools and LAs send; everyone else in the list receives something.
    const senders = new Set(["stokes-wood-primary-school", "dacorum-education-support-centre", "school"]);
    expect(expected.filter((id) => !senders.has(id) && !recipients.has(id))).toEqual([]);
  });

  it("cites at least one notice for every flow and marks every inferred flow with a note", () => {
    expect(content.flows.filter((f) => f.citations.length === 0).map((f) => f.id)).toEqual([]);
    expect(content.flows.filter((f) => f.basis === "INFERRED" && !f.inferenceNote).map((f) => f.id)).toEqual([]);
    expect(content.flows.filter((f) => f.basis === "INFERRED").length).toBeGreaterThan(10);
  });

  // Checked here against the text files beside the YAML, independently of the import's own check.
  it("quotes every notice verbatim, and the import marks every seed citation as verbatim", () => {
    const textOf = new Map(content.notices.map((n) => [n.id, normalise(readFileSync(join(SEEDS_DIR, "notices", n.source!), "utf8"))]));
    const citations = [
      ...content.flows.flatMap((f) => f.citations.map((c) => ({ owner: f.id, ...c }))),
      ...content.optOuts.flatMap((o) => o.citations.map((c) => ({ owner: o.id, ...c }))),
      ...content.holdings.flatMap((h) => h.citations.map((c) => ({ owner: h.id, ...c }))),
      ...content.organisations.flatMap((o) => [...o.aliases, ...o.predecessors].flatMap((a) => a.citations.map((c) => ({ owner: o.id, ...c })))),
    ];
    expect(citations.length).toBeGreaterThan(200);
    expect(citations.filter((c) => !textOf.get(c.notice)?.includes(normalise(c.quote)))).toEqual([]);
    expect(citations.filter((c) => !c.verbatim)).toEqual([]);
  });

  it("gives each opt-out the fields that remain and at least one citation", () => {
    for (const optOut of content.optOuts) {
      expect(optOut.remainingFields.length).toBeGreaterThan(0);
      expect(optOut.citations.length).toBeGreaterThan(0);
    }
  });

  // The register never states more than its sources say: a reference definition's items must be in the reference.
  it("itemises the school census return only with fields the DfE's census datasets list", () => {
    const reference = new Set(
      readFileSync(join(SEEDS_DIR, "reference", "npd-fields.tsv"), "utf8")
        .split("\n")
        .filter((line) => line && !line.startsWith("#"))
        .map((line) => line.replace("\t", ".")),
    );
    const census = content.fields.find((f) => f.id === "school-census")!;
    expect(census.definition!.source).toMatch(/npd-fields\.tsv/);
    const items = Object.values(census.definition!.items).flat();
    expect(items.length).toBeGreaterThan(10);
    for (const item of items) expect([item, reference.has(item)]).toEqual([item, true]);
    expect(census.definition!.items.ethnicity).toEqual(expect.arrayContaining(["CensusSpringOutputRecord.Ethnicity"]));
  });

  it("gives every lifetime its basis, and every named school or LA its role", () => {
    for (const o of content.organisations) {
      if (o.existedFrom || o.existedTo) expect([o.id, o.lifetime?.basis === "OUTSIDE_KNOWLEDGE" ? !!o.lifetime.note : (o.lifetime?.citations.length ?? 0) > 0]).toEqual([o.id, true]);
    }
    const byId = new Map(content.organisations.map((o) => [o.id, o]));
    for (const id of ["stokes-wood-primary-school", "dacorum-education-support-centre"]) expect(byId.get(id)!.instanceOf).toBe("school");
    for (const id of ["leicester-city-council", "wigan-council", "lancashire-county-council"]) expect(byId.get(id)!.instanceOf).toBe("la");
    for (const id of ["contactpoint", "qcda", "lsc", "healthcare-commission", "primary-care-trusts", "strategic-health-authorities", "connexions"]) expect([id, byId.get(id)!.existedTo]).not.toEqual([id, null]);
  });
});
