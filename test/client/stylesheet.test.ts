import { LEVELS, ORGANISATION_KINDS } from "../../client/src/api/types";
import { buildStylesheet, CLASSES, FADED_OPACITY, LINE_STYLES_MIN_ZOOM, lineStylesShown, PLAIN_LINES } from "../../client/src/graph/stylesheet";
import { KIND_VISUALS, LEVEL_VISUALS } from "../../client/src/graph/visuals";

const styleOf = (selector: string, large = false) => buildStylesheet({ large }).find((b) => b.selector === selector)?.style;

describe("buildStylesheet", () => {
  it("gives every kind its own shape and its own colour", () => {
    const shapes = new Set<unknown>();
    const colours = new Set<unknown>();
    for (const kind of ORGANISATION_KINDS) {
      const style = styleOf(`node[kind = "${kind}"]`);
      expect(style).toEqual({ shape: KIND_VISUALS[kind].shape, "background-color": KIND_VISUALS[kind].colour });
      shapes.add(style!.shape);
      colours.add(style!["background-color"]);
    }
    expect(shapes.size).toBe(ORGANISATION_KINDS.length);
    expect(colours.size).toBe(ORGANISATION_KINDS.length);
  });

  it("draws the four levels so that no two differ only by dash length", () => {
    expect(styleOf('edge[level = "INDIVIDUAL"]')).toMatchObject({ "line-style": "solid", "target-arrow-shape": "triangle", "target-arrow-fill": "filled" });
    expect(styleOf('edge[level = "PSEUDONYMISED"]')).toMatchObject({ "line-style": "dashed", "target-arrow-shape": "triangle", "target-arrow-fill": "hollow" });
    expect(styleOf('edge[level = "AGGREGATE"]')).toMatchObject({ "line-style": "dashed", "target-arrow-shape": "vee" });
    expect(styleOf('edge[level = "ANONYMISED"]')).toMatchObject({ "line-style": "dotted", "target-arrow-shape": "circle" });
    // every pair differs in its arrowhead (shape or fill) and in its width, not only its dashes
    for (const a of LEVELS) {
      for (const b of LEVELS) {
        if (a === b) continue;
        const [va, vb] = [LEVEL_VISUALS[a], LEVEL_VISUALS[b]];
        expect(`${va.arrow}/${va.arrowFill}`).not.toBe(`${vb.arrow}/${vb.arrowFill}`);
        expect(va.width).not.toBe(vb.width);
      }
    }
  });

  it("draws an arrow with the plain-lines class as a solid line without arrowhead, keeping its level's width", () => {
    const sheet = buildStylesheet({ large: true });
    const plain = sheet.findIndex((b) => b.selector === `edge.${PLAIN_LINES}`);
    expect(sheet[plain].style).toEqual({ "line-style": "solid", "curve-style": "haystack", "haystack-radius": 0, "target-arrow-shape": "none" });
    // after every level's block, so it wins over their dashes
    for (const level of LEVELS) expect(sheet.findIndex((b) => b.selector === `edge[level = "${level}"]`)).toBeLessThan(plain);
    // and no later block sets a line style, a curve or an arrowhead again
    const drawnAgain = ["line-style", "line-dash-pattern", "curve-style", "target-arrow-shape"];
    expect(sheet.slice(plain + 1).filter((b) => drawnAgain.some((property) => b.style[property] !== undefined))).toEqual([]);
  });

  it("shows line styles in a large view from the zoom at which its names appear, and always in a small one", () => {
    expect(lineStylesShown(false, 0.05)).toBe(true);
    expect(lineStylesShown(true, 0.25)).toBe(false);
    expect(lineStylesShown(true, LINE_STYLES_MIN_ZOOM - 0.01)).toBe(false);
    expect(lineStylesShown(true, LINE_STYLES_MIN_ZOOM)).toBe(true);
    // names are drawn from the same zoom (min-zoomed-font-size / font-size)
    const node = styleOf("node", true)!;
    expect(Number(node["min-zoomed-font-size"]) / Number(node["font-size"])).toBeCloseTo(LINE_STYLES_MIN_ZOOM, 5);
  });

  it("gives an arrow's label its look on the selected arrow alone, not on every unlabelled arrow", () => {
    const textProperties = (style: object) => Object.keys(style).filter((k) => k.startsWith("text-") || k.startsWith("font-"));
    expect(textProperties(styleOf("edge")!)).toEqual([]);
    expect(textProperties(styleOf("edge:selected")!)).toEqual(expect.arrayContaining(["font-size", "font-family", "text-background-color", "text-border-width"]));
  });

  it("puts no label on an arrow unless it is selected", () => {
    expect(styleOf("edge")!.label).toBe("");
    expect(styleOf("edge:selected")).toMatchObject({ label: "data(label)" });
    expect(buildStylesheet().filter((b) => b.selector.startsWith("edge") && b.style.label === "data(label)").map((b) => b.selector)).toEqual(["edge:selected"]);
  });

  it("draws names larger when presenting", () => {
    expect(Number(styleOf("node")!["font-size"])).toBeGreaterThanOrEqual(14);
    const presenting = buildStylesheet({ large: false, presenting: true }).find((b) => b.selector === "node")!.style;
    expect(Number(presenting["font-size"])).toBeGreaterThan(Number(styleOf("node")!["font-size"]));
  });

  it("draws inferred flows lighter than stated ones", () => {
    const inferred = styleOf('edge[basis = "INFERRED"]')!;
    expect(inferred["line-color"]).not.toBe(styleOf("edge")!["line-color"]);
  });

  it("styles every highlight class", () => {
    const selectors = buildStylesheet().map((b) => b.selector).join("\n");
    for (const name of Object.values(CLASSES)) expect(selectors).toContain(`.${name}`);
  });

  it("fades whatever the highlight does not light, only while a highlight is shown", () => {
    const faded = buildStylesheet({ large: false, fadeUnlit: true });
    expect(faded.find((b) => b.selector === "node, edge")?.style).toEqual({ opacity: FADED_OPACITY });
    const lit = faded.find((b) => b.selector.includes(`.${CLASSES.reached}`) && b.style.opacity === 1);
    expect(lit?.selector.split(", ").sort()).toEqual(Object.values(CLASSES).map((c) => `.${c}`).sort());
    // the lit rule comes after the fading rule, so it wins
    expect(faded.indexOf(lit!)).toBeGreaterThan(faded.findIndex((b) => b.selector === "node, edge"));
    // unfaded, only the selected arrow sets an opacity (it is always drawn fully)
    expect(buildStylesheet({ large: false }).filter((b) => b.style.opacity !== undefined).map((b) => b.selector)).toEqual(["edge:selected"]);
  });

  it("hides labels until zoomed in and draws straight arrows in a large view", () => {
    expect(styleOf("edge", true)).toMatchObject({ "curve-style": "straight" });
    expect(styleOf("edge:selected", true)).toMatchObject({ "min-zoomed-font-size": 10 });
    expect(styleOf("node", true)!["min-zoomed-font-size"]).toBeGreaterThan(0);
    expect(styleOf("edge", false)!["curve-style"]).toBe("bezier");
    expect(buildStylesheet({ large: true }).some((b) => b.selector === "edge[span <= 0]")).toBe(false);
  });

  it("uses only system fonts", () => {
    for (const block of buildStylesheet()) {
      const font = block.style["font-family"];
      if (font !== undefined) expect(String(font)).toMatch(/system-ui.*sans-serif$/);
    }
  });
});
