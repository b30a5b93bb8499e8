/**
 * Answers a DPO would check by hand in the notices, asked through the API's chain queries.
 * Each case quotes the notice text it comes from.
 */
import { startTestServer, TestServer } from "../support/server";
import { data, execute } from "../support/graphql";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ listen: false });
});
afterAll(() => t.close());

interface Reach {
  organisation: { id: string };
  hops: number;
  level: string;
  certainty: string;
  chain: { hops: { id: string; approval: string | null }[]; organisations: { id: string }[]; inferredHops: { id: string }[]; fields: { id: string }[] };
}

const RECIPIENTS = `query($from: ID!, $field: ID, $maxHops: Int, $pupilAge: Int, $optOuts: [ID!], $asOf: LocalDate, $basis: ChainBasis, $identifiableOnly: Boolean) {
  recipients(from: $from, field: $field, maxHops: $maxHops, pupilAge: $pupilAge, optOuts: $optOuts, asOf: $asOf, basis: $basis, identifiableOnly: $identifiableOnly) {
    organisation { id } hops level certainty
    chain { hops { id approval } organisations { id } inferredHops { id } fields { id } }
  }
}`;

async function recipients(variables: Record<string, unknown>): Promise<Map<string, Reach>> {
  const result = await data<{ recipients: Reach[] }>(t, RECIPIENTS, variables);
  return new Map(result.recipients.map((r) => [r.organisation.id, r]));
}

async function sources(variables: Record<string, unknown>): Promise<Map<string, Reach>> {
  const result = await data<{ sources: Reach[] }>(t, RECIPIENTS.replace("recipients(from: $from", "sources(to: $from"), variables);
  return new Map(result.sources.map((r) => [r.organisation.id, r]));
}

describe("onward chains checked against the notices", () => {
  // 001: "Some of this information is then stored in the NPD." / "The department may share information
  // about our pupils from the NPD with third parties" / "subject to a strict approval process"
  it("from Stokes Wood, pupil data reaches third parties through the DfE and the NPD, and the DfE approves the last hop", async () => {
    const reach = await recipients({ from: "stokes-wood-primary-school", asOf: "2019-06-01" });
    const npd = reach.get("npd")!;
    expect(npd.chain.organisations.map((o) => o.id)).toEqual(["stokes-wood-primary-school", "dfe", "npd"]);
    const third = reach.get("npd-third-parties")!;
    expect(third.hops).toBe(3);
    expect(third.chain.organisations.map((o) => o.id)).toEqual(["stokes-wood-primary-school", "dfe", "npd", "npd-third-parties"]);
    expect(third.chain.hops[2].approval).toMatch(/strict approval process/);
  });

  // 003: "DfE may also disclose individual pupil information to independent researchers ... subject to
  // the approval of the Department's Chief Statistician"
  it("independent researchers get individual pupil data from the DfE with the Chief Statistician's approval", async () => {
    const reach = await recipients({ from: "dacorum-education-support-centre", asOf: "2011-06-01" });
    const researchers = reach.get("independent-researchers")!;
    expect(researchers.level).toBe("INDIVIDUAL");
    expect(researchers.chain.organisations.map((o) => o.id)).toEqual(["dacorum-education-support-centre", "dfe", "independent-researchers"]);
    expect(researchers.chain.hops[1].approval).toBe("The Department's Chief Statistician");
    expect(reach.get("ons")!.chain.hops.at(-1)!.approval).toBe("The Department's Chief Statistician");
  });

  // 000: "For pupils of 13 years and over, the school is legally required to pass on certain information
  // to Connexions service providers on request."
  // The age applies to the school's duty only: "The LA and DCSF may supply to Connexions service providers
  // information which they have about children" gives no age, so the school's own hop is what is checked.
  it("an 11-year-old's data never goes from the school to Connexions, a 13-year-old's does", async () => {
    const at11 = await recipients({ from: "school", pupilAge: 11, maxHops: 1 });
    expect(at11.has("connexions")).toBe(false);
    const at13 = await recipients({ from: "school", pupilAge: 13 });
    expect(at13.get("connexions")!.hops).toBe(1);
  });

  // 000: "parents, or the pupils themselves if aged 16 or over, can ask that no information beyond name and
  // address (for pupil and parent) be passed on to Connexions"
  it("after the Connexions opt-out only names, addresses (and, in one wording, date of birth) still reach Connexions", async () => {
    const optOuts = ["000-connexions-name-and-address", "002-connexions-name-and-address", "004-connexions-name-and-address"];
    const careers = await recipients({ from: "school", field: "connexions-information", pupilAge: 15, optOuts });
    expect(careers.get("connexions")?.hops).not.toBe(1);
    // 002: "The LA and DfE ... will not pass on any information they have received from the school if parents
    // ... have notified the school": in DESC's policy "the school" is DESC, so that promise binds only what came
    // from DESC. Another school's data can still reach Connexions through the LA's or DfE's supply under 002.
    if (careers.has("connexions")) expect(careers.get("connexions")!.chain.hops.at(-1)!.id).toMatch(/^002-(la|dfe)-to-connexions$/);
    const names = await recipients({ from: "school", field: "pupil-name", pupilAge: 15, optOuts });
    expect(names.get("connexions")).toMatchObject({ hops: 1, certainty: "DEFINITE" });
    const withoutOptOut = await recipients({ from: "school", field: "connexions-information", pupilAge: 15 });
    expect(withoutOptOut.get("connexions")).toMatchObject({ hops: 1, certainty: "DEFINITE" });
  });

  // 000: "The Department of Health (DH) uses aggregate information (at school year group level) about pupils'
  // height and weight"; 003: "uses anonymised information about pupils' height and weight"
  it("height and weight reach the Department of Health only as aggregate or anonymised data", async () => {
    for (const from of ["school", "stokes-wood-primary-school", "la"]) {
      const reach = await recipients({ from, field: "height-and-weight" });
      const dh = reach.get("department-of-health");
      if (dh) expect(["AGGREGATE", "ANONYMISED"]).toContain(dh.level);
    }
    expect((await recipients({ from: "school", field: "height-and-weight" })).get("department-of-health")).toBeDefined();
    const identifiable = await recipients({ from: "school", field: "height-and-weight", identifiableOnly: true });
    expect(identifiable.has("department-of-health")).toBe(false);
    expect(identifiable.has("primary-care-trusts")).toBe(true);
  });

  // 000: "S-cool Limited also requests the ethnicity and gender of learners. This data is not essential"
  it("S-cool's ethnicity is optional and its name and date of birth are not", async () => {
    // "High schools may send information about pupils to ... S-cool Limited": the umbrella travels with the named items.
    const { flows } = await data(t, `{ flows(from: "school", to: "s-cool") { fields { field { id } optional } } }`);
    const optional = Object.fromEntries(flows[0].fields.map((f: any) => [f.field.id, f.optional]));
    expect(optional).toEqual({ "pupil-information": false, "pupil-name": false, "date-of-birth": false, ethnicity: true, gender: true });
  });

  // 000: "For pupils 14 years and over and for pupils registering for post-14 qualifications, the school will pass
  // uncertain identification information to the LRS": no age floor (a 13-year-old registering for post-14
  // qualifications is included), and the notice does not itemise that information.
  it("in the DCSF era the school passes the LRS uncertain identification information with no age floor, not itemised", async () => {
    const at13 = await recipients({ from: "school", pupilAge: 13, asOf: "2009-06-01", field: "uncertain-identification-information" });
    expect(at13.get("learning-records-service")).toMatchObject({ hops: 1, certainty: "DEFINITE" });
    const dob = await recipients({ from: "school", pupilAge: 14, asOf: "2009-06-01", field: "date-of-birth", maxHops: 1 });
    expect(dob.has("learning-records-service")).toBe(false);
  });

  // 000: "provide aggregate PCT level data to the Healthcare Commission"; 003: "provides aggregate PCT-level
  // data to the Care Quality Commission"
  // The Healthcare Commission closed on 31 March 2009 (its lifetime, outside knowledge): 2008 is inside both.
  it("the eras differ: the Healthcare Commission in 2008, the Care Quality Commission in 2011", async () => {
    const in2008 = await recipients({ from: "school", field: "height-and-weight", asOf: "2008-06-01" });
    expect(in2008.has("healthcare-commission")).toBe(true);
    expect(in2008.has("care-quality-commission")).toBe(false);
    const in2009 = await recipients({ from: "school", field: "height-and-weight", asOf: "2009-06-01" });
    expect(in2009.has("healthcare-commission")).toBe(false);
    // The generic school's flows come from the DCSF-era notice; DESC's policy still applies in 2011.
    const in2011 = await recipients({ from: "dacorum-education-support-centre", field: "height-and-weight", asOf: "2011-06-01" });
    expect(in2011.has("care-quality-commission")).toBe(true);
    expect(in2011.has("healthcare-commission")).toBe(false);
    expect(in2011.get("care-quality-commission")!.level).toBe("ANONYMISED");
  });

  // 003 lists the DH under "passes pupil data to the following third party organisations" without saying
  // the DfE sends it: an inferred hop. 000's "Primary Care Trusts" -> DH is inferred too.
  it("stated-only chains leave out what the notices only imply, and full chains list their inferred hops", async () => {
    const both = await recipients({ from: "dacorum-education-support-centre", field: "height-and-weight", asOf: "2011-06-01" });
    expect(both.get("department-of-health")!.chain.inferredHops.map((h) => h.id)).toEqual(["003-dfe-to-department-of-health"]);
    const stated = await recipients({ from: "dacorum-education-support-centre", field: "height-and-weight", asOf: "2011-06-01", basis: "STATED" });
    expect(stated.has("department-of-health")).toBe(false);
  });

  // 001: "We are required to share information about our pupils with our local authority (LA) ... such as
  // School Census": the notice does not itemise the census, the DfE's census datasets do (a reference
  // definition, with Ethnicity among them), so ethnicity definitely travels; DESC itemises "ethnic group".
  // 002: "From time to time schools are required to pass on some of this data to LAs": which items, not said.
  it("ethnicity from Stokes Wood definitely reaches Leicester through the census return; from DESC it only possibly reaches the LA", async () => {
    const stokes = await recipients({ from: "stokes-wood-primary-school", field: "ethnicity" });
    expect(stokes.get("leicester-city-council")).toMatchObject({ hops: 1, certainty: "DEFINITE" });
    expect(stokes.get("leicester-city-council")!.chain.fields.map((f) => f.id)).toContain("school-census");
    const desc = await recipients({ from: "dacorum-education-support-centre", field: "ethnicity" });
    expect(desc.get("la")).toMatchObject({ hops: 1, certainty: "POSSIBLE" });
  });

  // 001: "Leicestershire Police use information about children who have taken large amounts of unauthorised absence"
  // ("information about children" is not itemised: the rest of the pupil information only possibly goes)
  it("Stokes Wood passes unauthorised absence to Leicestershire Police, and ethnicity only possibly", async () => {
    const absence = await recipients({ from: "stokes-wood-primary-school", field: "unauthorised-absence" });
    expect(absence.get("leicestershire-police")).toMatchObject({ hops: 1, certainty: "DEFINITE", level: "INDIVIDUAL" });
    const ethnicity = await recipients({ from: "stokes-wood-primary-school", field: "ethnicity", maxHops: 1 });
    expect(ethnicity.get("leicestershire-police")).toMatchObject({ hops: 1, certainty: "POSSIBLE" });
  });

  // 001: "Key stage and other performance data results are shared at an aggregated level." But also: "LESP ...
  // use relevant information about pupils to facilitate those subscribing establishments to implement appropriate
  // support measures" (level not stated, which chains count as individual).
  it("key stage results reach the Leicester Education Strategic Partnership in aggregate, and possibly in its unstated-level pupil information", async () => {
    const reach = await recipients({ from: "stokes-wood-primary-school", field: "key-stage-2-results" });
    expect(reach.get("lesp")).toMatchObject({ hops: 1, level: "INDIVIDUAL", certainty: "POSSIBLE" });
    const { flows } = await data<{ flows: { id: string; level: string }[] }>(t, `{ flows(to: "lesp") { id level } }`);
    expect(Object.fromEntries(flows.map((f) => [f.id, f.level]))).toEqual({
      "001-stokes-wood-to-lesp": "NOT_STATED",
      "001-stokes-wood-to-lesp-performance-aggregate": "AGGREGATE",
    });
  });

  // 004: "Wigan CYPS has existing agreements to share pupil data with External Agencies; these are currently
  // Lancashire County Council, Fischer Family Trust (FFT), and Alkemygold Limited."
  it("Wigan passes pupil data to its three external agencies", async () => {
    const reach = await recipients({ from: "wigan-council", maxHops: 1 });
    for (const id of ["lancashire-county-council", "fischer-family-trust", "alkemygold", "contactpoint"]) {
      expect(reach.get(id)).toMatchObject({ hops: 1, level: "INDIVIDUAL" });
    }
  });

  // 001: "This information is securely collected from a range of sources including schools, local authorities
  // and awarding bodies."
  it("the NPD's sources include Stokes Wood through the DfE, LAs and awarding bodies", async () => {
    const from = await sources({ from: "npd", asOf: "2019-06-01" });
    expect(from.get("awarding-bodies")).toMatchObject({ hops: 1 });
    expect(from.get("la")).toMatchObject({ hops: 1 });
    expect(from.get("stokes-wood-primary-school")!.chain.organisations.map((o) => o.id)).toEqual(["stokes-wood-primary-school", "dfe", "npd"]);
  });

  // 000: "Details of how an individual may opt out of sharing achievement data in their learner record with
  // those organisations may be found at MIAP"
  it("the MIAP opt-out stops achievement data reaching organisations that use the learner record", async () => {
    const before = await recipients({ from: "school", field: "achievement-information", pupilAge: 15, asOf: "2009-06-01" });
    expect(before.has("miap-authorised-organisations")).toBe(true);
    const after = await recipients({ from: "school", field: "achievement-information", pupilAge: 15, asOf: "2009-06-01", optOuts: ["000-miap-achievement-data"] });
    expect(after.has("miap-authorised-organisations")).toBe(false);
    const uln = await recipients({ from: "learning-records-service", field: "uln", optOuts: ["000-miap-achievement-data"] });
    expect(uln.has("miap-authorised-organisations")).toBe(true);
  });

  // 002: "Pupil data may also be shared with other Government Departments and Agencies (including the Office
  // for National Statistics) for statistical or research purposes only."
  it("onward chains from DESC list every path in order and say when the cap cut them", async () => {
    const query = `query($first: Int, $maxHops: Int) { onwardChains(from: "dacorum-education-support-centre", first: $first, maxHops: $maxHops) { truncated chains { length organisations { id } hops { id } } } }`;
    const all = await data(t, query, { first: 1000, maxHops: 2 });
    const viaDfe = all.onwardChains.chains.filter((c: any) => c.organisations[1]?.id === "dfe" && c.organisations[2]?.id === "ons");
    // Three notices each state DfE -> ONS: three distinct chains, one per flow.
    expect(viaDfe.map((c: any) => c.hops[1].id).sort()).toEqual(["000-dfe-to-ons", "002-dfe-to-ons", "003-dfe-to-ons"]);
    const lengths = all.onwardChains.chains.map((c: any) => c.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    expect(all.onwardChains.truncated).toBe(true); // 2 hops stop chains that go on (DfE -> LA -> ...)
    const capped = await data(t, query, { first: 3, maxHops: 6 });
    expect(capped.onwardChains.chains).toHaveLength(3);
    expect(capped.onwardChains.truncated).toBe(true);
  });

  it("gives NOT_FOUND for unknown ids, BAD_USER_INPUT for limits out of range, and an empty answer for a field no flow carries", async () => {
    const unknownOrg = await execute(t, RECIPIENTS, { from: "hogwarts" });
    expect(unknownOrg.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    const unknownField = await execute(t, RECIPIENTS, { from: "school", field: "shoe-size" });
    expect(unknownField.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    const unknownOptOut = await execute(t, RECIPIENTS, { from: "school", optOuts: ["no-such-opt-out"] });
    expect(unknownOptOut.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    const tooFar = await execute(t, RECIPIENTS, { from: "school", maxHops: 13 });
    expect(tooFar.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "maxHops" });
    // `cpis-record-access` only flows NHS Digital -> Leicester: nothing carries it from a school.
    expect((await recipients({ from: "school", field: "cpis-record-access" })).size).toBe(0);
  });

  it("says when maxHops cut the recipients", async () => {
    const query = `query($maxHops: Int) { recipientsReport(from: "stokes-wood-primary-school", maxHops: $maxHops) { truncated organisations { organisation { id } } } }`;
    const short = await data(t, query, { maxHops: 1 });
    expect(short.recipientsReport.truncated).toBe(true);
    const long = await data(t, query, { maxHops: 12 });
    expect(long.recipientsReport.truncated).toBe(false);
    expect(long.recipientsReport.organisations.length).toBeGreaterThan(short.recipientsReport.organisations.length);
  });
});
