import { loadReference } from "../../bench/reference-files";
import { serialiseDocument, type RegisterDocument } from "../../bench/generator/format";
import { phaseTypeMix, stageOf } from "../../bench/generator/mix";
import {
  MAX_SCHOOL_FLOWS,
  MIN_SCHOOL_FLOWS,
  SYNTHETIC_QUOTE,
  nationalDocuments,
  planNational,
  schoolFlows,
} from "../../bench/generator/national";
import { parseRegisterText } from "../../server/register/parse-files";
import { describeProblem } from "../../server/register/problems";
import { validateRegister } from "../../server/register/validate";

const reference = loadReference();
const generate = (schools: number, seed = 1): RegisterDocument[] => [...nationalDocuments(planNational(reference, { schools, seed }))];
const serialised = (docs: RegisterDocument[]) => docs.map((d) => `${d.path}\n${serialiseDocument(d.content)}`).join("\n");

describe("the national register generator", () => {
  const small = generate(50);

  it("is deterministic for a seed, and a different seed gives a different register", () => {
    expect(serialised(generate(50))).toBe(serialised(small));
    expect(serialised(generate(50, 2))).not.toBe(serialised(small));
  });

  it("writes a register that validates with zero problems (every reference resolves)", () => {
    const files = small.map((d) => {
      const { parsed, problems } = parseRegisterText(d.path, serialiseDocument(d.content));
      expect(problems).toEqual([]);
      return parsed!;
    });
    const { content, problems } = validateRegister(files);
    expect(problems.map(describeProblem)).toEqual([]);
    expect(content.flows.length).toBeGreaterThan(50 * MIN_SCHOOL_FLOWS);
    // Every flow cites a notice, with the synthetic quote.
    expect(content.flows.every((f) => f.citations.length >= 1 && f.citations.every((c) => c.quote === SYNTHETIC_QUOTE && c.notice))).toBe(true);
  });

  it("uses the 150 real LAs, one synthetic notice per school and LA, and a thousand or more NPD releases", () => {
    const las = small.filter((d) => d.path.startsWith("las/"));
    expect(las).toHaveLength(reference.localAuthorities.length);
    expect(reference.localAuthorities).toHaveLength(150);
    const schools = small.filter((d) => d.path.startsWith("schools/"));
    expect(schools).toHaveLength(50);
    expect(new Set(schools.map((d) => d.content.notice!.id)).size).toBe(50);
    const npd = small.find((d) => d.path === "02-npd-releases.json")!;
    expect(npd.content.flows!.filter((f) => f.from === "npd").length).toBeGreaterThanOrEqual(1000);
  });

  it("reuses the seed register's pupil-field vocabulary", () => {
    const vocabulary = small.find((d) => d.path === "00-vocabulary.json")!;
    const ids = vocabulary.content.fields!.map((f) => f.id);
    expect(ids).toEqual(reference.vocabulary.fields.map((f) => f.id));
    expect(ids).toContain("ethnicity");
  });

  it("gives every school 15 to 40 flows", () => {
    const plan = planNational(reference, { schools: 2000, seed: 7 });
    const counts = plan.schools.map((s) => schoolFlows(plan, s).length);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(MIN_SCHOOL_FLOWS);
    expect(Math.max(...counts)).toBeLessThanOrEqual(MAX_SCHOOL_FLOWS);
    // Not all at one end: the whole range is used.
    expect(Math.max(...counts)).toBeGreaterThan(32);
    expect(new Set(counts).size).toBeGreaterThan(15);
  });

  it("reproduces the sample's mix of phases and types, and gives every school (trust schools too) an LA", () => {
    const n = 6000;
    const plan = planNational(reference, { schools: n, seed: 3 });
    const mix = phaseTypeMix(reference.schools);
    for (const entry of mix) {
      const observed = plan.schools.filter((s) => s.phase === entry.phase && s.typeGroup === entry.typeGroup).length / n;
      // Binomial standard error, 5 of them: a flaky test would need a broken generator.
      const tolerance = 5 * Math.sqrt((entry.share * (1 - entry.share)) / n) + 0.001;
      expect(Math.abs(observed - entry.share)).toBeLessThan(tolerance);
    }
    expect(plan.schools.every((s) => plan.las.includes(s.la))).toBe(true);
    expect(plan.schools.filter((s) => s.trust).length).toBeGreaterThan(n * 0.1);
    expect(new Set(plan.schools.map((s) => s.la.code)).size).toBe(150);
  });

  it("sends each school's census to its LA (when maintained) and the DfE, and data on to next schools and suppliers", () => {
    const plan = planNational(reference, { schools: 400, seed: 1 });
    for (const school of plan.schools.slice(0, 100)) {
      const flows = schoolFlows(plan, school);
      const to = new Set(flows.map((f) => f.to));
      expect(to.has("dfe")).toBe(true);
      expect(to.has(school.la.id)).toBe(true);
      expect(flows.some((f) => f.to.startsWith("supplier-"))).toBe(true);
      if (school.stage === "primary") expect(flows.some((f) => f.to.startsWith("school-"))).toBe(true);
      expect(new Set(flows.map((f) => f.id)).size).toBe(flows.length);
    }
  });
});

describe("the sample's phase and type mix", () => {
  const mix = phaseTypeMix(reference.schools);

  it("leaves out rows with no phase or type, and its shares sum to one", () => {
    expect(mix.every((m) => m.phase && m.typeGroup)).toBe(true);
    expect(mix.reduce((a, m) => a + m.share, 0)).toBeCloseTo(1, 10);
    const counted = reference.schools.filter((s) => s.phase && s.typeGroup).length;
    expect(mix.reduce((a, m) => a + m.count, 0)).toBe(counted);
    expect(mix[0]).toMatchObject({ phase: "Primary", typeGroup: "Local authority maintained schools" });
  });

  it("maps phases to stages", () => {
    expect(stageOf("Primary", "Academies")).toBe("primary");
    expect(stageOf("Middle deemed secondary", "Academies")).toBe("middle");
    expect(stageOf("Not applicable", "Special schools")).toBe("special");
    expect(stageOf("Not applicable", "Local authority maintained schools")).toBe("other");
  });
});
