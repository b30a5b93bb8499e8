import type { EvidenceData, SentenceHop } from "../../client/src/api/types";
import { clip, inSentence, shortFieldList } from "../../client/src/graph/field-labels";
import { searchRegister } from "../../client/src/text/search";
import { chainSentences, fieldFamily, footnoteSources } from "../../client/src/text/sentences";
import { reachSummary } from "../../client/src/text/summary";
import { ORGANISATIONS } from "./fixtures";

describe("field labels", () => {
  it("names two fields and counts the rest", () => {
    expect(shortFieldList(["Ethnicity", "Gender", "UPN", "Name", "Address"])).toBe("Ethnicity, Gender +3");
    expect(shortFieldList(["Ethnicity"])).toBe("Ethnicity");
    expect(shortFieldList([])).toBe("no fields named");
  });

  it("clips a long name with an ellipsis", () => {
    expect(clip("Pupil information (not itemised)", 20)).toBe("Pupil information (…");
    expect(clip("Short", 20)).toBe("Short");
  });

  it("lower-cases a label inside a sentence but keeps acronyms", () => {
    expect(inSentence("Ethnicity")).toBe("ethnicity");
    expect(inSentence("UPN")).toBe("UPN");
    expect(inSentence("Key Stage 2 results")).toBe("Key Stage 2 results");
    expect(inSentence("Free school meal eligibility")).toBe("free school meal eligibility");
  });
});

describe("reachSummary", () => {
  const base = { fieldLabel: "Ethnicity", focusName: "Stokes Wood Primary School", hops: 2, truncated: false, hidden: 0 };

  it("says how many organisations the field reaches, and how many only possibly", () => {
    expect(reachSummary({ ...base, reached: 11, possible: 3 })).toBe(
      "Ethnicity from Stokes Wood Primary School can reach 14 organisations within 2 hops; 3 only possibly.",
    );
    expect(reachSummary({ ...base, hops: 1, reached: 1, possible: 0 })).toBe(
      "Ethnicity from Stokes Wood Primary School can reach 1 organisation within 1 hop.",
    );
  });

  it("says which era the answer shows, or that it mixes them", () => {
    expect(reachSummary({ ...base, reached: 1, possible: 0, asOf: "2019-06-01" })).toBe(
      "Ethnicity from Stokes Wood Primary School can reach 1 organisation within 2 hops. As the notices stood on 2019-06-01.",
    );
    expect(reachSummary({ ...base, reached: 1, possible: 0, asOf: null })).toBe(
      "Ethnicity from Stokes Wood Primary School can reach 1 organisation within 2 hops. This mixes every era the notices cover (2006 to today): choose a date under “As the notices stood on” to see one era.",
    );
  });

  it("says so in words when the field reaches no one", () => {
    expect(reachSummary({ ...base, reached: 0, possible: 0 })).toBe(
      "Ethnicity from Stokes Wood Primary School reaches no other organisation within 2 hops with these filters.",
    );
  });

  it("mentions hidden kinds and a cut-off hop limit", () => {
    const text = reachSummary({ ...base, fieldLabel: null, reached: 0, possible: 4, truncated: true, hidden: 1 });
    expect(text).toBe(
      "Pupil data from Stokes Wood Primary School can reach 4 organisations within 2 hops, all only possibly. 1 recipient is of a kind hidden from the map. More hops may reach further.",
    );
  });
});

describe("searchRegister", () => {
  const fields = [
    { id: "ethnicity", label: "Ethnicity" },
    { id: "upn", label: "Unique Pupil Number (UPN)" },
  ];

  it("finds an organisation by an alias, saying which name matched", () => {
    expect(searchRegister("dcsf", ORGANISATIONS, fields)).toEqual([{ type: "org", id: "dfe", name: "Dfe", via: "DCSF" }]);
  });

  it("finds a field by its label, ignoring case", () => {
    expect(searchRegister("ETHNIC", ORGANISATIONS, fields)[0]).toMatchObject({ type: "field", id: "ethnicity", via: null });
  });

  it("puts whole-name matches before partial ones", () => {
    const hits = searchRegister("npd", ORGANISATIONS, fields);
    expect(hits[0]).toMatchObject({ id: "npd" });
  });

  it("finds nothing for an empty query", () => {
    expect(searchRegister("  ", ORGANISATIONS, fields)).toEqual([]);
  });
});

const hop = (id: string, from: string, to: string, fields: [string, string][], extra: Partial<SentenceHop> = {}): SentenceHop => ({
  id,
  basis: "STATED",
  level: "INDIVIDUAL",
  from: { id: from, name: from },
  to: { id: to, name: to },
  fields: fields.map(([fid, label]) => ({ inclusion: "INCLUDED" as const, field: { id: fid, label } })),
  citations: [{ quote: `quote for ${id}`, verbatim: true, notice: { id: "n", title: "A notice" } }],
  ...extra,
});

describe("chainSentences", () => {
  const fieldList = [
    { id: "pupil-information", label: "Pupil information", broader: [] },
    { id: "characteristics", label: "Characteristics", broader: [{ id: "pupil-information" }] },
    { id: "ethnicity", label: "Ethnicity", broader: [{ id: "characteristics" }] },
  ];
  const h1 = hop("h1", "Stokes Wood", "Leicester City Council", [["ethnicity", "Ethnicity"]]);
  const h2 = hop("h2", "Leicester City Council", "DfE", [["pupil-information", "Pupil information"]], { basis: "INFERRED" });
  const h3 = hop("h3", "Stokes Wood", "LESP", [["characteristics", "Characteristics"]], { level: "AGGREGATE" });
  const evidence: EvidenceData = {
    recipients: [
      { hops: 1, certainty: "DEFINITE", organisation: { id: "lcc" }, chain: { hops: [h1] } },
      { hops: 2, certainty: "POSSIBLE", organisation: { id: "dfe" }, chain: { hops: [h1, h2] } },
      { hops: 1, certainty: "DEFINITE", organisation: { id: "lesp" }, chain: { hops: [h3] } },
    ],
  };

  it("knows a field's umbrellas and narrower fields", () => {
    const family = fieldFamily("characteristics", fieldList)!;
    expect([...family.broader]).toEqual(["pupil-information"]);
    expect([...family.narrower]).toEqual(["ethnicity"]);
    expect(fieldFamily("nope", fieldList)).toBeNull();
  });

  it("writes one sentence per route, leaving out routes another one extends", () => {
    const sentences = chainSentences(evidence, fieldFamily("ethnicity", fieldList));
    expect(sentences.map((s) => s.text)).toEqual([
      "Stokes Wood may pass pupils' ethnicity (as part of “Characteristics”) only as aggregate statistics to LESP.",
      "Stokes Wood passes pupils' ethnicity to Leicester City Council, which may pass it (as part of “Pupil information”) to DfE (implied, not stated).",
    ]);
  });

  it("says when the notice marks the field optional", () => {
    const optional = hop("h4", "A school", "S-cool", [["ethnicity", "Ethnicity"]]);
    optional.fields[0].inclusion = "OPTIONAL";
    const [sentence] = chainSentences({ recipients: [{ hops: 1, certainty: "OPTIONAL", organisation: { id: "s-cool" }, chain: { hops: [optional] } }] }, fieldFamily("ethnicity", fieldList));
    expect(sentence.text).toBe("A school passes pupils' ethnicity (optional: the notice says it is not required) to S-cool.");
  });

  it("says 'may pass' when the notice only possibly includes the field, and never states a level the notice does not", () => {
    const possible = hop("h5", "DESC", "The LA", [["ethnicity", "Ethnicity"]], { level: "NOT_STATED" });
    possible.fields[0].inclusion = "POSSIBLE";
    const [sentence] = chainSentences({ recipients: [{ hops: 1, certainty: "POSSIBLE", organisation: { id: "la" }, chain: { hops: [possible] } }] }, fieldFamily("ethnicity", fieldList));
    expect(sentence.text).toBe(
      "DESC may pass pupils' ethnicity (possibly: the notice says only some of its data passes, not which) (at a level the notice does not state) to The LA.",
    );
  });

  it("cites the notice and quote of every step", () => {
    const [, chain] = chainSentences(evidence, fieldFamily("ethnicity", fieldList));
    expect(chain.sources).toEqual([
      { step: "Stokes Wood to Leicester City Council", notice: "A notice", quote: "quote for h1", verbatim: true },
      { step: "Leicester City Council to DfE", notice: "A notice", quote: "quote for h2", verbatim: true },
    ]);
  });

  it("names the fields of each hop when no field is followed", () => {
    const [first] = chainSentences({ recipients: [evidence.recipients[2]] }, null);
    expect(first.text).toBe("Stokes Wood passes pupil data (Characteristics) only as aggregate statistics to LESP.");
  });
});

describe("footnoteSources", () => {
  const census = { step: "School to DfE", notice: "Privacy notice", quote: "census returns", verbatim: true };
  const npd = { step: "DfE to NPD", notice: "DfE notice", quote: "held in the NPD", verbatim: true };
  const ofsted = { step: "DfE to Ofsted", notice: "DfE notice", quote: "for inspection", verbatim: false };

  it("numbers each distinct source once, in order of first use, and cites it from every sentence that uses it", () => {
    const { sentences, sources } = footnoteSources([
      { text: "A.", sources: [census] },
      { text: "B.", sources: [census, npd] },
      { text: "C.", sources: [census, ofsted] },
      { text: "D.", sources: [] },
    ]);
    expect(sources).toEqual([
      { number: 1, ...census },
      { number: 2, ...npd },
      { number: 3, ...ofsted },
    ]);
    expect(sentences).toEqual([
      { text: "A.", sourceNumbers: [1] },
      { text: "B.", sourceNumbers: [1, 2] },
      { text: "C.", sourceNumbers: [1, 3] },
      { text: "D.", sourceNumbers: [] },
    ]);
  });

  it("keeps apart the same quote cited for different steps, and cites a source once per sentence", () => {
    const sameQuoteOtherStep = { ...census, step: "LA to DfE" };
    const { sentences, sources } = footnoteSources([{ text: "A.", sources: [census, sameQuoteOtherStep, census] }]);
    expect(sources.map((s) => s.number)).toEqual([1, 2]);
    expect(sentences[0].sourceNumbers).toEqual([1, 2]);
  });
});
