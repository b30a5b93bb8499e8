import { isMaintained, phaseTypeMix, stageOf, teachesPrimary, teachesSecondary, type MixEntry, type Stage } from "./mix";
import { syntheticAliases, type FieldRef, type OutField, type OutFlow, type OutNotice, type OutOrganisation, type RegisterDocument } from "./format";
import type { LocalAuthority, Reference, VocabularyOrganisation } from "./reference";
import { cumulative, rngFor, type Rng } from "./rng";

/**
 * A synthetic national register: the 150 real LAs, schools in the sample's mix of phases and
 * types, each school with 15-40 flows (its LA, the DfE, next schools, health and police bodies,
 * suppliers from a pool of thousands), LA and DfE onward flows, and a thousand or more NPD
 * releases to third parties.
 *
 * Self-contained: it copies the pupil-field vocabulary (and the national bodies it uses) from
 * `seeds/register.yaml` rather than importing `seeds/` first, so it loads into an empty database.
 *
 * Deterministic: every part draws from its own seeded stream (`rngFor(seed, part, n)`).
 */

/** Bump when the output changes for the same options, so the bench regenerates stale copies. */
export const GENERATOR_VERSION = 1;

export const SYNTHETIC_QUOTE = "Synthetic flow generated for benchmarking";
export const MIN_SCHOOL_FLOWS = 15;
export const MAX_SCHOOL_FLOWS = 40;
export const CAREERS_OPT_OUT = "synthetic-careers-name-and-address";

export interface GenerateOptions {
  schools: number;
  seed: number;
  /** NPD releases to third parties; default 1,200 (the DfE counted 887 requests in 2012-2016 alone) */
  npdReleases?: number;
  /** third parties the releases go to; default 600 */
  thirdParties?: number;
  /** commercial suppliers schools and LAs use; default schools / 8, at least 300 */
  suppliers?: number;
}

/** Pupil fields the generator puts on flows; each must be in `seeds/register.yaml`. */
export const FIELDS_USED = [
  "pupil-information", "personal-information", "assessment-information", "parent-information", "characteristics", "attendance",
  "pupil-name", "upn", "uln", "date-of-birth", "pupil-address", "gender", "ethnicity", "first-language", "nationality",
  "country-of-birth", "fsm-eligibility", "sessions-attended", "absences", "unauthorised-absence", "teacher-assessments",
  "test-and-exam-results", "eyfs-profile", "key-stage-1-results", "key-stage-2-results", "key-stage-3-results", "sen",
  "height-and-weight", "exclusions", "behaviour", "parent-name", "parent-address", "parent-contact-details",
  "safeguarding-information", "connexions-information", "child-protection-status", "medical-information",
] as const;
type FieldId = (typeof FIELDS_USED)[number];

/** National bodies copied from `seeds/register.yaml` (same ids and names). */
export const NATIONAL_FROM_VOCABULARY = [
  "dfe", "npd", "ofsted", "ons", "department-of-health", "learning-records-service", "awarding-bodies", "esfa",
  "fischer-family-trust", "other-government-departments",
] as const;

/** National bodies the seed vocabulary lacks (ids as the seed notices use them where they do). */
const EXTRA_NATIONAL: OutOrganisation[] = [
  { id: "nhs-digital", name: "NHS Digital", kind: "HEALTH", aliases: syntheticAliases(["HSCIC"]) },
  { id: "standards-and-testing-agency", name: "Standards and Testing Agency", kind: "GOVERNMENT_DEPARTMENT", aliases: syntheticAliases(["STA"]) },
  { id: "home-office", name: "Home Office", kind: "GOVERNMENT_DEPARTMENT" },
];

/** The 39 territorial police forces of England. */
export const POLICE_FORCES = [
  "Avon and Somerset", "Bedfordshire", "Cambridgeshire", "Cheshire", "City of London", "Cleveland", "Cumbria", "Derbyshire",
  "Devon and Cornwall", "Dorset", "Durham", "Essex", "Gloucestershire", "Greater Manchester", "Hampshire", "Hertfordshire",
  "Humberside", "Kent", "Lancashire", "Leicestershire", "Lincolnshire", "Merseyside", "Metropolitan", "Norfolk",
  "Northamptonshire", "Northumbria", "North Yorkshire", "Nottinghamshire", "South Yorkshire", "Staffordshire", "Suffolk",
  "Surrey", "Sussex", "Thames Valley", "Warwickshire", "West Mercia", "West Midlands", "West Yorkshire", "Wiltshire",
];

interface SupplierCategory {
  key: string;
  noun: string;
  /** share of the supplier pool */
  poolShare: number;
  /** how often a school picks a supplier of this kind (relative) */
  popularity: number;
  fields: FieldRef[];
  level: OutFlow["level"];
  purpose: string;
  secondaryOnly?: boolean;
  /** chance that a supplier of this kind passes its data on to a hosting sub-processor */
  subProcessing: number;
}

const opt = (field: FieldId): FieldRef => ({ field, optional: true });

export const SUPPLIER_CATEGORIES: SupplierCategory[] = [
  { key: "mis", noun: "School Information Systems", poolShare: 0.004, popularity: 0, fields: ["pupil-information", "parent-information"], level: "INDIVIDUAL", purpose: "Management information system holding the school's pupil records", subProcessing: 1 },
  { key: "messaging", noun: "Parent Messaging", poolShare: 0.08, popularity: 10, fields: ["pupil-name", "parent-name", "parent-contact-details"], level: "INDIVIDUAL", purpose: "Messages, reports and alerts to parents", subProcessing: 0.1 },
  { key: "payments", noun: "Cashless Catering", poolShare: 0.07, popularity: 8, fields: ["pupil-name", "fsm-eligibility", "parent-contact-details", opt("medical-information")], level: "INDIVIDUAL", purpose: "School meals and online payments", subProcessing: 0.1 },
  { key: "learning", noun: "Learning Platforms", poolShare: 0.1, popularity: 9, fields: ["pupil-name", "teacher-assessments"], level: "INDIVIDUAL", purpose: "Online learning platform and homework", subProcessing: 0.1 },
  { key: "tracking", noun: "Assessment Tracking", poolShare: 0.07, popularity: 7, fields: ["pupil-name", "upn", "gender", "ethnicity", "fsm-eligibility", "sen", "teacher-assessments", "key-stage-2-results"], level: "INDIVIDUAL", purpose: "Tracking pupils' progress and attainment", subProcessing: 0.15 },
  { key: "safeguarding", noun: "Safeguarding Software", poolShare: 0.04, popularity: 7, fields: ["pupil-name", "date-of-birth", "safeguarding-information", "child-protection-status", opt("ethnicity")], level: "INDIVIDUAL", purpose: "Recording safeguarding and welfare concerns", subProcessing: 0.15 },
  { key: "attendance", noun: "Attendance Services", poolShare: 0.04, popularity: 4, fields: ["pupil-name", "absences", "unauthorised-absence", "parent-contact-details"], level: "INDIVIDUAL", purpose: "Following up absence", subProcessing: 0.1 },
  { key: "photography", noun: "School Photography", poolShare: 0.08, popularity: 5, fields: ["pupil-name"], level: "INDIVIDUAL", purpose: "School photographs and ID cards", subProcessing: 0.05 },
  { key: "library", noun: "Library Systems", poolShare: 0.04, popularity: 4, fields: ["pupil-name"], level: "INDIVIDUAL", purpose: "School library loans", subProcessing: 0.05 },
  { key: "behaviour", noun: "Behaviour and Rewards", poolShare: 0.05, popularity: 5, fields: ["pupil-name", "behaviour", "exclusions"], level: "INDIVIDUAL", purpose: "Recording behaviour and rewards", subProcessing: 0.1 },
  { key: "trips", noun: "Educational Visits", poolShare: 0.06, popularity: 4, fields: ["pupil-name", "date-of-birth", "medical-information", "parent-contact-details"], level: "INDIVIDUAL", purpose: "Planning trips and educational visits", subProcessing: 0.05 },
  { key: "resources", noun: "Learning Resources", poolShare: 0.17, popularity: 14, fields: ["pupil-name"], level: "INDIVIDUAL", purpose: "Pupil logins to online learning resources", subProcessing: 0.05 },
  { key: "exams", noun: "Exam Services", poolShare: 0.02, popularity: 3, fields: ["pupil-name", "uln", "upn", "date-of-birth", "gender"], level: "INDIVIDUAL", purpose: "Exam entries and results", secondaryOnly: true, subProcessing: 0.1 },
  { key: "it", noun: "IT Services", poolShare: 0.08, popularity: 6, fields: ["pupil-information"], level: "INDIVIDUAL", purpose: "IT support, backup and cloud services with access to pupil records", subProcessing: 0.5 },
  { key: "wellbeing", noun: "Wellbeing Services", poolShare: 0.03, popularity: 3, fields: ["pupil-name", "medical-information", "safeguarding-information"], level: "INDIVIDUAL", purpose: "Counselling and wellbeing support", subProcessing: 0.1 },
  { key: "sen", noun: "SEN Software", poolShare: 0.026, popularity: 3, fields: ["pupil-name", "sen", opt("medical-information")], level: "INDIVIDUAL", purpose: "Planning support for pupils with special educational needs", subProcessing: 0.1 },
  { key: "analytics", noun: "Education Analytics", poolShare: 0.04, popularity: 3, fields: ["upn", "gender", "ethnicity", "fsm-eligibility", "sen", "key-stage-2-results", "absences"], level: "PSEUDONYMISED", purpose: "Analysis of attainment and attendance for school improvement", subProcessing: 0.2 },
];

const BRAND_START = ["Bright", "Clear", "Blue", "Green", "Swift", "True", "Open", "North", "Oak", "Silver", "Red", "Sky", "Star", "Key", "Wise", "Next", "Peak", "Core", "Edu", "Class", "Learn", "Smart", "Pupil", "Scholar", "Data", "Cloud", "Net", "Link", "Path", "Step", "Maple", "Cedar"];
const BRAND_END = ["wave", "path", "point", "bridge", "stone", "field", "view", "gate", "way", "works", "hub", "line", "mark", "spring", "light", "base", "desk", "box", "sync", "cast", "leaf", "tree"];
const RESEARCH_TOPICS = [
  "attainment gaps by pupil characteristics", "school exclusions and later outcomes", "attendance after the pandemic", "teacher effectiveness",
  "special educational needs provision", "free school meals and attainment", "academy conversion and outcomes", "post-16 participation",
  "early years and later attainment", "pupil mobility between schools", "children in need and attainment", "school funding formulae",
  "English as an additional language", "summer-born pupils", "grammar school selection", "alternative provision outcomes",
];

export interface PlannedLa {
  code: string;
  name: string;
  id: string;
  slug: string;
  nursingId: string;
  camhsId: string;
  careersId: string;
  collegeId: string;
  policeId: string;
  /** relative size: how many schools it gets */
  weight: number;
  schools: PlannedSchool[];
}

export interface PlannedSchool {
  index: number;
  urn: number;
  id: string;
  name: string;
  phase: string;
  typeGroup: string;
  stage: Stage;
  maintained: boolean;
  /** an academy or free school run by a trust: the sample often gives these no LA, but every school here has one */
  trust: boolean;
  la: PlannedLa;
}

export interface Supplier {
  id: string;
  name: string;
  category: SupplierCategory;
  /** rank within its category: 0 is the most used */
  rank: number;
  /** hosting provider it passes data to, or null */
  hostId: string | null;
}

export interface ThirdParty {
  id: string;
  name: string;
  kind: string;
}

export interface NationalPlan {
  options: Required<GenerateOptions>;
  mix: MixEntry[];
  las: PlannedLa[];
  schools: PlannedSchool[];
  suppliers: Supplier[];
  suppliersByCategory: Map<string, { suppliers: Supplier[]; cumulative: number[] }>;
  hosts: OutOrganisation[];
  police: OutOrganisation[];
  thirdParties: ThirdParty[];
  fields: OutField[];
  national: OutOrganisation[];
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** A standard normal draw (Box-Muller). */
function gaussian(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

function brand(rng: Rng): string {
  return `${rng.pick(BRAND_START)}${rng.pick(BRAND_END)}`;
}

/** Unique names: a repeat gets " 2", " 3"... */
function uniqueNamer() {
  const seen = new Map<string, number>();
  return (name: string) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} ${n}`;
  };
}

/** The fields of the seed vocabulary, with `narrower` limited to fields it defines; the generator's own fields must all be there. */
function vocabularyFields(reference: Reference): OutField[] {
  const ids = new Set(reference.vocabulary.fields.map((f) => f.id));
  const missing = FIELDS_USED.filter((id) => !ids.has(id));
  if (missing.length > 0) throw new Error(`seeds/register.yaml no longer defines the field(s) ${missing.join(", ")} the generator uses`);
  return reference.vocabulary.fields.map((f) => {
    const out: OutField = { id: f.id, label: f.label, category: f.category };
    if (f.about) out.about = f.about;
    if (f.specialCategory) out.specialCategory = true;
    const narrower = (f.narrower ?? []).filter((n) => ids.has(n));
    if (narrower.length > 0) out.narrower = narrower;
    return out;
  });
}

function nationalOrganisations(reference: Reference): OutOrganisation[] {
  const byId = new Map<string, VocabularyOrganisation>(reference.vocabulary.organisations.map((o) => [o.id, o]));
  const copied = NATIONAL_FROM_VOCABULARY.map((id): OutOrganisation => {
    const o = byId.get(id);
    if (!o) throw new Error(`seeds/register.yaml no longer defines the organisation \`${id}\` the generator uses`);
    // Predecessors may not be in the generated register: leave them out.
    const out: OutOrganisation = { id: o.id, name: o.name, kind: o.kind };
    // The seed vocabulary's names cite seed notices the synthetic register does not have: names only.
    if (o.aliases?.length) out.aliases = syntheticAliases(o.aliases.map((a) => (typeof a === "string" ? a : a.name)), "Copied from the seed vocabulary without its citations (the synthetic register has none of the seed notices).");
    if (o.website) out.website = o.website;
    if (o.contact) out.contact = o.contact;
    return out;
  });
  return [...copied, ...EXTRA_NATIONAL];
}

/** Decides every organisation of the register: who exists, where, and of what kind. Flows come later, one file at a time. */
export function planNational(reference: Reference, options: GenerateOptions): NationalPlan {
  if (!Number.isInteger(options.schools) || options.schools < 1) throw new RangeError(`--schools must be a whole number of at least 1 (got ${options.schools})`);
  const seed = options.seed;
  const resolved: Required<GenerateOptions> = {
    schools: options.schools,
    seed,
    npdReleases: options.npdReleases ?? 1200,
    thirdParties: options.thirdParties ?? 600,
    suppliers: options.suppliers ?? Math.max(300, Math.round(options.schools / 8)),
  };
  if (reference.localAuthorities.length === 0) throw new Error("no local authorities in the reference data");

  const fields = vocabularyFields(reference);
  const national = nationalOrganisations(reference);

  const police = POLICE_FORCES.map((force): OutOrganisation => ({
    id: `police-${slugify(force)}`,
    name: force === "Metropolitan" ? "Metropolitan Police Service" : `${force} Police`,
    kind: "POLICE",
  }));

  // LAs differ in size (Rutland has a few dozen schools, Kent several hundred): a log-normal weight.
  const las: PlannedLa[] = reference.localAuthorities.map((la: LocalAuthority) => {
    const rng = rngFor(seed, "la", la.code);
    const slug = slugify(la.name);
    // The force whose name the LA's contains (Kent, Derbyshire...), else one at random: the
    // reference data has no geography.
    const named = police.find((p) => la.name.includes(p.name.replace(/ Police( Service)?$/, "")));
    return {
      code: la.code,
      name: la.name,
      id: `la-${slug}`,
      slug,
      nursingId: `${slug}-school-nursing`,
      camhsId: `${slug}-camhs`,
      careersId: `${slug}-careers-service`,
      collegeId: `${slug}-college`,
      policeId: (named ?? rng.pick(police)).id,
      weight: Math.exp(0.6 * gaussian(rng)),
      schools: [],
    };
  });
  const laCumulative = cumulative(las.map((la) => la.weight));

  const mix = phaseTypeMix(reference.schools);
  const mixCumulative = cumulative(mix.map((m) => m.count));
  const counters = new Map<string, number>();
  const schools: PlannedSchool[] = [];
  for (let i = 0; i < options.schools; i++) {
    const rng = rngFor(seed, "school", i);
    const m = mix[rng.weighted(mixCumulative)];
    // Every school gets an LA, trust schools too (in reality by geography; here at random,
    // weighted by LA size), though the sample gives many trust schools none.
    const la = las[rng.weighted(laCumulative)];
    const stage = stageOf(m.phase, m.typeGroup);
    const label = schoolLabel(stage, m.typeGroup);
    const key = `${la.code} ${label}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    const urn = 700001 + i;
    const school: PlannedSchool = {
      index: i,
      urn,
      id: `school-${urn}`,
      name: `${la.name} ${label} ${n}`,
      phase: m.phase,
      typeGroup: m.typeGroup,
      stage,
      maintained: isMaintained(m.typeGroup),
      trust: !isMaintained(m.typeGroup),
      la,
    };
    schools.push(school);
    la.schools.push(school);
  }

  const hostRng = rngFor(seed, "hosts");
  const hostNames = uniqueNamer();
  const hosts = Array.from({ length: 25 }, (_, i): OutOrganisation => ({
    id: `hosting-${String(i + 1).padStart(2, "0")}`,
    name: hostNames(`${brand(hostRng)} Hosting Ltd`),
    kind: "COMMERCIAL",
  }));

  const supplierNames = uniqueNamer();
  const suppliers: Supplier[] = [];
  const suppliersByCategory = new Map<string, { suppliers: Supplier[]; cumulative: number[] }>();
  for (const category of SUPPLIER_CATEGORIES) {
    const count = Math.max(category.key === "mis" ? 8 : 3, Math.round(resolved.suppliers * category.poolShare));
    const list: Supplier[] = [];
    for (let rank = 0; rank < count; rank++) {
      const rng = rngFor(seed, "supplier", category.key, rank);
      const supplier: Supplier = {
        id: `supplier-${String(suppliers.length + 1).padStart(4, "0")}`,
        name: supplierNames(`${brand(rng)} ${category.noun} Ltd`),
        category,
        rank,
        hostId: rng.chance(category.subProcessing) ? rng.pick(hosts).id! : null,
      };
      suppliers.push(supplier);
      list.push(supplier);
    }
    // Zipf-like popularity: a few big suppliers serve thousands of schools, most serve a few.
    suppliersByCategory.set(category.key, { suppliers: list, cumulative: cumulative(list.map((s) => 1 / Math.pow(s.rank + 1, 1.05))) });
  }

  const tpRng = rngFor(seed, "third-parties");
  const tpNames = uniqueNamer();
  const thirdParties: ThirdParty[] = Array.from({ length: resolved.thirdParties }, (_, i) => {
    const roll = tpRng.next();
    const place = tpRng.pick(reference.localAuthorities).name;
    const [name, kind] =
      roll < 0.45
        ? [`${place} Institute for Education Research`, "RESEARCH"]
        : roll < 0.75
          ? [`${brand(tpRng)} ${tpRng.pick(["Analytics", "Consulting", "Insight", "Data Services"])} Ltd`, "COMMERCIAL"]
          : roll < 0.85
            ? [`${brand(tpRng)} Education Trust`, "OTHER"]
            : roll < 0.93
              ? [`${brand(tpRng)} News and Media`, "OTHER"]
              : [`${place} ${tpRng.pick(["Public Health Observatory", "Policy Unit", "Evaluation Centre"])}`, "GOVERNMENT_DEPARTMENT"];
    return { id: `npd-recipient-${String(i + 1).padStart(4, "0")}`, name: tpNames(name), kind };
  });

  return { options: resolved, mix, las, schools, suppliers, suppliersByCategory, hosts, police, thirdParties, fields, national };
}

function schoolLabel(stage: Stage, typeGroup: string): string {
  const phase = { primary: "Primary", secondary: "Secondary", "all-through": "All-through", middle: "Middle", special: "Special", other: "Alternative Provision" }[stage];
  const type = typeGroup === "Academies" ? "Academy" : typeGroup === "Free Schools" ? "Free School" : "School";
  return `${phase} ${type}`;
}

// --------------------------------------------------------------------------------------------
// Flows

const EDUCATION_REGS = "The Education (Information About Individual Pupils) (England) Regulations 2013";
const CENSUS_FIELDS: FieldId[] = [
  "upn", "pupil-name", "date-of-birth", "pupil-address", "gender", "ethnicity", "first-language", "fsm-eligibility", "sen",
  "sessions-attended", "absences", "exclusions",
];
const citation = [{ quote: SYNTHETIC_QUOTE }];

/** Builds flows with ids `<prefix>-01`, `<prefix>-02`... citing the file's notice. */
function flowMaker(prefix: string, width = 2) {
  let n = 0;
  const flows: OutFlow[] = [];
  const add = (from: string, to: string, fields: FieldRef[], rest: Partial<OutFlow> & { purpose?: string } = {}) => {
    const { purpose, ...extra } = rest;
    const flow: OutFlow = {
      id: `${prefix}-${String(++n).padStart(width, "0")}`,
      from,
      to,
      fields,
      ...(purpose ? { purposes: [purpose] } : {}),
      level: "INDIVIDUAL",
      basis: "STATED",
      ...extra,
      citations: citation,
    };
    flows.push(flow);
    return flow;
  };
  return { flows, add };
}

const syntheticNotice = (id: string, title: string, publisher: string): OutNotice => ({
  id,
  title,
  publisher,
  date: null,
  era: "Synthetic (generated for benchmarking)",
  source: null,
  validFrom: null,
  validTo: null,
});

/** Schools in the same LA (else the first few anywhere) that pupils move on to. */
function nextSchoolCandidates(plan: NationalPlan, school: PlannedSchool): PlannedSchool[] {
  const moveOnTo: Stage[] =
    school.stage === "primary" || school.stage === "other" ? ["secondary", "all-through", "middle"] : school.stage === "middle" ? ["secondary"] : [];
  if (moveOnTo.length === 0) return [];
  const wanted = (s: PlannedSchool) => s !== school && moveOnTo.includes(s.stage);
  const local = school.la.schools.filter(wanted);
  if (local.length > 0) return local;
  const anywhere: PlannedSchool[] = [];
  for (const s of plan.schools) {
    if (wanted(s)) anywhere.push(s);
    if (anywhere.length === 50) break;
  }
  return anywhere;
}

/** How many flows a school has: 15-40, most near the low end as in real notices. */
export function schoolFlowTarget(rng: Rng): number {
  return MIN_SCHOOL_FLOWS + Math.floor((MAX_SCHOOL_FLOWS - MIN_SCHOOL_FLOWS + 1) * Math.pow(rng.next(), 1.6));
}

/** The flows one school's (synthetic) privacy notice describes. */
export function schoolFlows(plan: NationalPlan, school: PlannedSchool): OutFlow[] {
  const rng = rngFor(plan.options.seed, "school-flows", school.index);
  const { flows, add } = flowMaker(school.id);
  const la = school.la;
  const s = school.id;
  const primary = teachesPrimary(school.stage);
  const secondary = teachesSecondary(school.stage);

  add(s, "dfe", CENSUS_FIELDS, { purpose: "School census", lawfulBasis: EDUCATION_REGS });
  if (school.maintained) add(s, la.id, CENSUS_FIELDS, { purpose: "School census (maintained schools)", lawfulBasis: EDUCATION_REGS });
  add(s, la.id, ["upn", "pupil-name", "sessions-attended", "absences", "unauthorised-absence"], { purpose: "Attendance monitoring and children missing education" });
  add(s, la.id, ["upn", "pupil-name", "date-of-birth", "sen"], { purpose: "Special educational needs support and funding" });
  add(s, la.id, ["pupil-name", "date-of-birth", "pupil-address", "safeguarding-information", "child-protection-status"], { purpose: "Safeguarding" });
  add(s, la.id, ["pupil-name", "pupil-address", "date-of-birth", "parent-name", "parent-contact-details"], { purpose: "Admissions and changes to the school roll" });
  add(s, la.nursingId, ["pupil-name", "date-of-birth", "parent-contact-details", "medical-information"], { purpose: "Immunisations" });
  add(s, la.camhsId, ["pupil-name", "date-of-birth", "sen", "medical-information", "safeguarding-information"], { purpose: "Referral to mental health services", onRequest: true });
  add(s, la.policeId, ["pupil-name", "date-of-birth", "pupil-address", "safeguarding-information"], {
    purpose: "Prevention and detection of crime",
    onRequest: true,
    conditions: "On request, case by case",
  });
  if (primary) {
    add(s, la.id, ["upn", "eyfs-profile", "key-stage-1-results"], { purpose: "Early years and Key Stage 1 assessment", lawfulBasis: EDUCATION_REGS });
    add(s, "standards-and-testing-agency", ["upn", "pupil-name", "date-of-birth", "gender", "key-stage-2-results", "teacher-assessments"], { purpose: "Key Stage 2 assessment" });
    add(s, la.nursingId, ["pupil-name", "date-of-birth", "gender", "pupil-address", "ethnicity", "height-and-weight"], { purpose: "National Child Measurement Programme" });
  }
  if (secondary) {
    add(s, la.id, ["upn", "pupil-name", "exclusions"], { purpose: "Exclusions" });
    add(s, "awarding-bodies", ["pupil-name", "uln", "upn", "date-of-birth", "gender"], { purpose: "Exam entries" });
    add(s, "learning-records-service", ["pupil-name", "date-of-birth", "gender", "pupil-address"], { purpose: "Unique Learner Number", minimumAge: 13 });
    add(s, la.careersId, ["pupil-name", "pupil-address", "date-of-birth", "parent-name", "parent-address", "sen", "connexions-information"], {
      purpose: "Careers guidance for young people aged 13 to 19",
      minimumAge: 13,
      onRequest: true,
      optOuts: [CAREERS_OPT_OUT],
      conditions: "Pupils aged 13 and over",
    });
  }
  if (secondary || school.stage === "special") {
    add(s, la.collegeId, ["personal-information", "assessment-information", "sen"], { purpose: "Transfer to post-16 education" });
  }
  const candidates = nextSchoolCandidates(plan, school);
  for (const next of rng.sample(candidates, rng.int(1, 2))) {
    add(s, next.id, ["pupil-information", "assessment-information", "safeguarding-information"], {
      purpose: "Common transfer file to the pupil's next school",
      lawfulBasis: EDUCATION_REGS,
      conditions: "When the pupil leaves",
    });
  }

  // Suppliers: always a management information system, then others up to the school's total.
  const target = Math.max(schoolFlowTarget(rng), flows.length + 2);
  const used = new Set<string>();
  const useSupplier = (supplier: Supplier) => {
    used.add(supplier.id);
    const inferred = rng.chance(0.05);
    add(s, supplier.id, supplier.category.fields, {
      purpose: supplier.category.purpose,
      level: supplier.category.level,
      lawfulBasis: "UK GDPR Article 6(1)(e): public task",
      ...(inferred ? { basis: "INFERRED" as const, inferenceNote: "Synthetic: the notice lists the supplier without saying what it receives" } : {}),
    });
  };
  const mis = plan.suppliersByCategory.get("mis")!;
  useSupplier(mis.suppliers[rng.weighted(mis.cumulative)]);
  const categories = SUPPLIER_CATEGORIES.filter((c) => c.popularity > 0 && (secondary || !c.secondaryOnly));
  const categoryCumulative = cumulative(categories.map((c) => c.popularity));
  while (flows.length < target) {
    const pool = plan.suppliersByCategory.get(categories[rng.weighted(categoryCumulative)].key)!;
    const supplier = pool.suppliers[rng.weighted(pool.cumulative)];
    if (!used.has(supplier.id)) useSupplier(supplier);
  }
  return flows;
}

/** The flows an LA's (synthetic) notice describes: its own, and its local partners' onward ones. */
export function laFlows(plan: NationalPlan, la: PlannedLa): OutFlow[] {
  const rng = rngFor(plan.options.seed, "la-flows", la.code);
  const { flows, add } = flowMaker(la.id);
  const l = la.id;
  add(l, "dfe", ["upn", "date-of-birth", "gender", "ethnicity", "sen", "child-protection-status", "safeguarding-information"], {
    purpose: "Children in need and looked-after children returns",
    lawfulBasis: "Children Act 1989, section 83",
  });
  add(l, "npd", ["upn", "date-of-birth", "gender", "ethnicity", "fsm-eligibility", "eyfs-profile"], { purpose: "Early years census and EYFS profile", lawfulBasis: EDUCATION_REGS });
  for (const school of la.schools) {
    add(l, school.id, ["pupil-name", "fsm-eligibility"], { purpose: "Outcome of free school meal eligibility checks" });
    if (teachesSecondary(school.stage)) add(l, school.id, ["upn", "pupil-name", "key-stage-2-results"], { purpose: "Key Stage 2 results of new Year 7 pupils" });
  }
  add(l, la.nursingId, ["pupil-name", "date-of-birth", "gender", "pupil-address", "ethnicity"], { purpose: "National Child Measurement Programme cohort" });
  add(la.nursingId, "nhs-digital", ["height-and-weight", "gender", "date-of-birth", "ethnicity", "pupil-address"], {
    purpose: "National Child Measurement Programme",
    lawfulBasis: "The Local Authority (Public Health, Health and Wellbeing Boards and Health Scrutiny) Regulations 2013",
  });
  add(la.nursingId, l, ["height-and-weight"], { purpose: "Child measurement statistics for public health", level: "AGGREGATE" });
  add(l, la.policeId, ["pupil-name", "pupil-address", "safeguarding-information", "child-protection-status"], {
    purpose: "Multi-agency safeguarding hub",
    onRequest: true,
  });
  add(l, la.careersId, ["pupil-name", "pupil-address", "date-of-birth", "sen"], {
    purpose: "Tracking participation in education and training",
    minimumAge: 13,
    optOuts: [CAREERS_OPT_OUT],
  });
  add(la.careersId, "dfe", ["pupil-name", "date-of-birth", "pupil-address", "sen"], { purpose: "National Client Caseload Information System", minimumAge: 16 });
  add(l, "fischer-family-trust", ["upn", "gender", "ethnicity", "fsm-eligibility", "sen", "key-stage-1-results", "key-stage-2-results"], {
    purpose: "Pupil progress estimates",
    level: "PSEUDONYMISED",
  });
  add("fischer-family-trust", l, ["assessment-information"], { purpose: "Estimates and school comparisons", level: "AGGREGATE" });
  add(l, "ofsted", ["attendance", "exclusions"], { purpose: "Local area inspections", level: "AGGREGATE" });
  add(la.camhsId, l, ["safeguarding-information"], { purpose: "Safeguarding referrals", onRequest: true });
  // Pupils move between neighbouring LAs.
  for (const other of rng.sample(plan.las.filter((o) => o !== la), rng.int(1, 2))) {
    add(l, other.id, ["pupil-name", "upn", "date-of-birth", "sen", "child-protection-status"], { purpose: `Records of pupils moving to ${other.name}` });
  }
  const laCategories = ["analytics", "safeguarding", "attendance", "sen", "messaging"];
  const used = new Set<string>();
  for (let k = rng.int(2, 5); k > 0; k--) {
    const pool = plan.suppliersByCategory.get(rng.pick(laCategories))!;
    const supplier = pool.suppliers[rng.weighted(pool.cumulative)];
    if (used.has(supplier.id)) continue;
    used.add(supplier.id);
    add(l, supplier.id, supplier.category.fields, { purpose: supplier.category.purpose, level: supplier.category.level });
  }
  return flows;
}

/** The DfE's onward flows (its own synthetic notice). */
export function dfeFlows(plan: NationalPlan): OutFlow[] {
  const { flows, add } = flowMaker("dfe", 3);
  add("dfe", "npd", [...CENSUS_FIELDS, "key-stage-1-results", "key-stage-2-results", "key-stage-3-results", "test-and-exam-results", "eyfs-profile", "child-protection-status"], {
    purpose: "National Pupil Database",
    lawfulBasis: "Education Act 1996, section 537A",
  });
  add("standards-and-testing-agency", "dfe", ["upn", "pupil-name", "date-of-birth", "gender", "key-stage-2-results"], { purpose: "Key Stage 2 results" });
  add("awarding-bodies", "npd", ["uln", "pupil-name", "date-of-birth", "test-and-exam-results"], { purpose: "Exam results for the National Pupil Database" });
  add("dfe", "ofsted", ["pupil-information"], { purpose: "School inspection data", level: "PSEUDONYMISED" });
  add("dfe", "ons", ["characteristics", "assessment-information"], { purpose: "Official statistics", level: "AGGREGATE" });
  add("dfe", "other-government-departments", ["pupil-name", "pupil-address", "date-of-birth"], { purpose: "Requests from other departments", onRequest: true });
  add("dfe", "home-office", ["pupil-name", "pupil-address", "date-of-birth", "nationality", "country-of-birth"], {
    purpose: "Immigration enforcement requests",
    onRequest: true,
    validFrom: "2016-09-01",
    validTo: "2018-04-30",
  });
  add("dfe", "learning-records-service", ["uln", "pupil-name", "date-of-birth", "gender"], { purpose: "Unique Learner Numbers" });
  add("learning-records-service", "awarding-bodies", ["uln", "pupil-name", "date-of-birth"], { purpose: "Learner records for awarding bodies" });
  add("dfe", "esfa", ["personal-information"], { purpose: "Funding allocations", level: "AGGREGATE" });
  add("dfe", "department-of-health", ["characteristics", "height-and-weight"], { purpose: "Health policy", level: "AGGREGATE", basis: "INFERRED", inferenceNote: "Synthetic: listed as a recipient without detail" });
  for (const la of plan.las) {
    add("dfe", la.id, ["upn", "key-stage-1-results", "key-stage-2-results", "test-and-exam-results"], { purpose: "Matched attainment data for the LA's pupils", level: "PSEUDONYMISED" });
  }
  add("nhs-digital", "department-of-health", ["height-and-weight", "gender", "ethnicity"], { purpose: "Child measurement statistics", level: "AGGREGATE" });
  return flows;
}

const NPD_FIELDS: FieldId[] = [
  "gender", "first-language", "fsm-eligibility", "sen", "absences", "exclusions", "country-of-birth",
  "key-stage-1-results", "key-stage-2-results", "key-stage-3-results", "test-and-exam-results", "eyfs-profile",
];

/** NPD releases to third parties (the DfE's published register of releases), and a few recipients' processors. */
export function npdReleaseFlows(plan: NationalPlan): OutFlow[] {
  const rng = rngFor(plan.options.seed, "npd-releases");
  const { flows, add } = flowMaker("npd-release", 4);
  const parties = plan.thirdParties;
  const partyCumulative = cumulative(parties.map((_, i) => 1 / Math.pow(i + 1, 0.6)));
  for (let r = 0; r < plan.options.npdReleases; r++) {
    // Every third party gets at least one release; the rest go to repeat customers.
    const party = r < parties.length ? parties[r] : parties[rng.weighted(partyCumulative)];
    const roll = rng.next();
    const level: OutFlow["level"] = roll < 0.12 ? "INDIVIDUAL" : roll < 0.85 ? "PSEUDONYMISED" : "AGGREGATE";
    const fields: FieldRef[] = ["upn"];
    if (level === "INDIVIDUAL") fields.push(...(["pupil-name", "date-of-birth", "pupil-address"] as const).filter(() => rng.chance(0.6)));
    if (rng.chance(0.45)) fields.push("ethnicity");
    for (const f of rng.sample(NPD_FIELDS, rng.int(2, 7))) fields.push(f);
    const year = rng.int(2012, 2022);
    const from = `${year}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;
    add("npd", party.id, level === "AGGREGATE" ? fields.filter((f) => f !== "upn") : fields, {
      purpose: `Research: ${rng.pick(RESEARCH_TOPICS)}`,
      level,
      lawfulBasis: "The Education (Individual Pupil Information) (Prescribed Persons) (England) Regulations 2009",
      approval: level === "INDIVIDUAL" ? "The Department's Data Sharing Approval Panel and Chief Statistician" : "The Department's Data Sharing Approval Panel",
      validFrom: from,
      validTo: `${year + rng.int(1, 5)}${from.slice(4)}`,
    });
  }
  for (const party of parties) {
    if (!rng.chance(0.05)) continue;
    add(party.id, rng.pick(plan.hosts).id, ["upn", "ethnicity", "key-stage-2-results"], { purpose: "Hosting of research data", level: "PSEUDONYMISED" });
  }
  return flows;
}

/** Every file of the register, one at a time (so a national register never sits in memory whole). */
export function* nationalDocuments(plan: NationalPlan): Generator<RegisterDocument> {
  const careersOptOut = {
    id: CAREERS_OPT_OUT,
    label: "Careers services: nothing beyond name and address",
    exercisedBy: "Parents, or pupils aged 16 or over",
    remainingFields: ["pupil-name", "pupil-address", "parent-name", "parent-address"],
    citations: [{ quote: "Synthetic opt-out generated for benchmarking", notice: "synthetic-dfe" }],
  };
  yield {
    path: "00-vocabulary.json",
    content: {
      organisations: [
        ...plan.national,
        ...plan.police,
        ...plan.hosts,
        ...plan.suppliers.map((s): OutOrganisation => ({ id: s.id, name: s.name, kind: "COMMERCIAL" })),
      ],
      fields: plan.fields,
      optOuts: [careersOptOut],
    },
  };
  yield {
    path: "01-dfe.json",
    content: { notice: syntheticNotice("synthetic-dfe", "Synthetic privacy notice of the Department for Education", "dfe"), flows: dfeFlows(plan) },
  };
  yield {
    path: "02-npd-releases.json",
    content: {
      notice: syntheticNotice("synthetic-npd-releases", "Synthetic register of National Pupil Database releases", "dfe"),
      organisations: plan.thirdParties.map((t): OutOrganisation => ({ id: t.id, name: t.name, kind: t.kind })),
      flows: npdReleaseFlows(plan),
    },
  };
  for (const supplier of plan.suppliers) {
    if (!supplier.hostId) continue;
    const { flows, add } = flowMaker(supplier.id);
    add(supplier.id, supplier.hostId, supplier.category.fields, { purpose: "Hosting (sub-processor)", level: supplier.category.level });
    yield {
      path: `suppliers/${supplier.id}.json`,
      content: { notice: syntheticNotice(`synthetic-${supplier.id}`, `Synthetic privacy notice of ${supplier.name}`, supplier.id), flows },
    };
  }
  for (const la of plan.las) {
    yield {
      path: `las/${la.code}.json`,
      content: {
        notice: syntheticNotice(`synthetic-la-${la.code}`, `Synthetic privacy notice of ${la.name}`, la.id),
        organisations: [
          { id: la.id, name: la.name, kind: "LOCAL_AUTHORITY", aliases: syntheticAliases([`LA ${la.code}`]) },
          { id: la.nursingId, name: `${la.name} School Nursing Service`, kind: "HEALTH" },
          { id: la.camhsId, name: `${la.name} Child and Adolescent Mental Health Service`, kind: "HEALTH" },
          { id: la.careersId, name: `${la.name} Careers Service`, kind: "CAREERS_SERVICE" },
          { id: la.collegeId, name: `${la.name} College`, kind: "EDUCATION_PROVIDER" },
        ],
        flows: laFlows(plan, la),
      },
    };
  }
  for (const school of plan.schools) {
    yield {
      path: `schools/${school.la.code}/${school.urn}.json`,
      content: {
        notice: syntheticNotice(`synthetic-${school.urn}`, `Synthetic privacy notice of ${school.name}`, school.id),
        organisations: [{ id: school.id, name: school.name, kind: "SCHOOL", aliases: syntheticAliases([`URN ${school.urn}`]) }],
        flows: schoolFlows(plan, school),
      },
    };
  }
}
