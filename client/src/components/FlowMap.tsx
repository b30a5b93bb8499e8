import cytoscape, { type Core, type ElementDefinition, type StylesheetStyle } from "cytoscape";
import dagre from "cytoscape-dagre";
import { useEffect, useImperativeHandle, useRef, type Ref } from "react";
import { NO_HIGHLIGHT, type Highlight } from "../graph/highlight";
import { DAGRE_OPTIONS, guidesLayout, layeredPositions, bestWrap } from "../graph/layout";
import { buildStylesheet, CLASSES } from "../graph/stylesheet";
import type { MapElement, OrganisationNodeData } from "../graph/to-elements";
import type { Selection } from "../state/view-state";

cytoscape.use(dagre);

/**
 * Cytoscape injects a one-rule `<style>` element (`.__________cytoscape_container { position:
 * relative }`) unless an element with this id already exists. The server's
 * Content-Security-Policy blocks inline styles (style-src 'self'), so app.css carries the rule
 * and this empty placeholder tells Cytoscape not to inject it.
 */
function preventCytoscapeStyleInjection(): void {
  const id = "__________cytoscape_stylesheet";
  if (document.getElementById(id)) return;
  const placeholder = document.createElement("meta");
  placeholder.id = id;
  placeholder.name = "cytoscape-container-rule-in-app-css";
  document.head.append(placeholder);
}

declare global {
  interface Window {
    /** The map's Cytoscape instance, for tests and the speed bench to inspect. */
    __onwardCy?: Core;
  }
}

/** What the rest of the page may ask of the map, without touching Cytoscape itself. */
export interface FlowMapHandle {
  pngBlob(): Promise<Blob>;
  pngDataUrl(): string;
  svgText(): Promise<string>;
  fit(): void;
}

export interface FlowMapProps {
  elements: MapElement[];
  /** A change re-runs the layout even when no element came or went (e.g. a new focus). */
  layoutKey: string;
  /** Draw the cheap way: preset layered layout, straight arrows, labels once zoomed in. */
  large: boolean;
  /** Ranks are hop counts: each is a column of its own (arrows within one are not laid out). */
  strictRanks: boolean;
  highlight: Highlight;
  selected: string | null;
  onSelect: (selection: Selection | null) => void;
  description: string;
  ref?: Ref<FlowMapHandle>;
}

const HIGHLIGHT_CLASSES = Object.values(CLASSES).join(" ");

const litIds = (h: Highlight) => (h.focus === null ? [] : [h.focus, ...h.reached, ...h.possible, ...h.chainEdges]);
const EXPORT_BACKGROUND = "#ffffff";
/** Sub-columns of a wrapped rank: one node and its label wide, one node and a gap apart. */
const WRAP = { rowSpacing: 34, columnWidth: 200 };

/**
 * The one component that owns Cytoscape: it creates the instance on mount, destroys it on
 * unmount, and otherwise only patches it (elements diffed by id, classes for the highlight,
 * all in `cy.batch()`); the container is never re-created.
 */
export function FlowMap({ elements, layoutKey, large, strictRanks, highlight, selected, onSelect, description, ref }: FlowMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const laidOut = useRef<string | null>(null);
  const lit = useRef<Highlight>(NO_HIGHLIGHT);

  useEffect(() => {
    preventCytoscapeStyleInjection();
    const cy = cytoscape({
      container: containerRef.current,
      // Faded by default: a focus is nearly always shown, so this saves restyling on first paint.
      style: buildStylesheet({ large: false, fadeUnlit: true }) as unknown as StylesheetStyle[],
      elements: [],
      minZoom: 0.03,
      maxZoom: 3,
      boxSelectionEnabled: false,
      selectionType: "single",
    });
    cy.on("tap", "node", (event) => onSelectRef.current({ type: "org", id: event.target.id() }));
    cy.on("tap", "edge", (event) => onSelectRef.current({ type: "edge", id: event.target.id() }));
    cy.on("tap", (event) => {
      if (event.target === cy) onSelectRef.current(null);
    });
    cyRef.current = cy;
    window.__onwardCy = cy;
    const resize = new ResizeObserver(() => cy.resize());
    resize.observe(containerRef.current!);
    return () => {
      resize.disconnect();
      cyRef.current = null;
      if (window.__onwardCy === cy) delete window.__onwardCy;
      cy.destroy();
    };
  }, []);

  const styled = useRef({ large: false, fadeUnlit: true });
  /** Restyles the whole map, which touches every element: only when the kind of view changes. */
  const restyle = (cy: Core, options: { large: boolean; fadeUnlit: boolean }) => {
    if (styled.current.large === options.large && styled.current.fadeUnlit === options.fadeUnlit) return;
    cy.style(buildStylesheet(options) as unknown as StylesheetStyle[]);
    styled.current = options;
  };

  useEffect(() => {
    if (cyRef.current) restyle(cyRef.current, { ...styled.current, large });
  }, [large]);

  useEffect(() => {
    const cy = cyRef.current;
    const container = containerRef.current;
    if (!cy || !container) return;
    const next = new Map(elements.map((element) => [element.data.id, element]));
    let changed = false;
    cy.batch(() => {
      if (cy.elements().empty()) {
        changed = elements.length > 0;
        cy.add(elements as ElementDefinition[]);
        return;
      }
      const gone = cy.elements().filter((ele) => !next.has(ele.id()));
      if (gone.nonempty()) {
        changed = true;
        gone.remove();
      }
      const added: ElementDefinition[] = [];
      for (const element of elements) {
        const existing = cy.getElementById(element.data.id);
        if (existing.empty()) added.push(element as ElementDefinition);
        else if (!sameData(existing.data(), element.data)) existing.data(element.data);
      }
      if (added.length > 0) {
        changed = true;
        cy.add(added);
      }
    });
    if (changed || laidOut.current !== layoutKey) {
      const started = performance.now();
      runLayout(cy, large, strictRanks);
      performance.measure("onward:layout", { start: started, end: performance.now() });
      laidOut.current = layoutKey;
    }
    container.dataset.elements = String(elements.length);
    container.dataset.layoutKey = layoutKey;
    container.dataset.ready = "true";
    performance.mark("onward:map-drawn");
  }, [elements, layoutKey, large, strictRanks]);

  useEffect(() => {
    const cy = cyRef.current;
    const container = containerRef.current;
    if (!cy || !container) return;
    const active = highlight.focus !== null && cy.getElementById(highlight.focus).nonempty();
    cy.batch(() => {
      // Only the elements lit before or now change; everything else stays faded as it was.
      const before = litIds(lit.current);
      for (const id of before) cy.getElementById(id).removeClass(HIGHLIGHT_CLASSES);
      if (active) {
        cy.getElementById(highlight.focus!).addClass(CLASSES.focus);
        for (const id of highlight.reached) cy.getElementById(id).addClass(CLASSES.reached);
        for (const id of highlight.possible) cy.getElementById(id).addClass(CLASSES.possible);
        for (const id of highlight.chainEdges) cy.getElementById(id).addClass(CLASSES.onChain);
      }
    });
    lit.current = active ? highlight : NO_HIGHLIGHT;
    restyle(cy, { large: styled.current.large, fadeUnlit: active });
    container.dataset.highlighted = String(highlight.reached.length + highlight.possible.length);
    container.dataset.highlightFor = highlight.focus ?? "";
    performance.mark("onward:map-highlighted");
  }, [highlight, elements]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.$(":selected").unselect();
      if (selected) cy.getElementById(selected).select();
    });
  }, [selected, elements]);

  useImperativeHandle(
    ref,
    () => ({
      pngBlob: () => cyRef.current!.png({ output: "blob-promise", bg: EXPORT_BACKGROUND, full: true, scale: 2, maxWidth: 6000, maxHeight: 6000 }),
      pngDataUrl: () => cyRef.current!.png({ output: "base64uri", bg: EXPORT_BACKGROUND, full: true, scale: 1.5, maxWidth: 3000, maxHeight: 3000 }),
      svgText: async () => {
        const { default: svgExtension } = await import("cytoscape-svg");
        const cy = cyRef.current!;
        if (typeof (cy as unknown as { svg?: unknown }).svg !== "function") cytoscape.use(svgExtension);
        return (cy as unknown as { svg(options: object): string }).svg({ full: true, bg: EXPORT_BACKGROUND, scale: 1 });
      },
      fit: () => cyRef.current?.fit(undefined, 24),
    }),
    [],
  );

  return <div ref={containerRef} className="flow-map" role="img" aria-label={description} data-testid="flow-map" />;
}

/** Zooms and pans so the points fill the view, without asking Cytoscape for bounding boxes. */
function fitPoints(cy: Core, points: { x: number; y: number }[], padding: number): void {
  if (points.length === 0) return;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const zoom = Math.min((cy.width() - 2 * padding) / Math.max(maxX - minX, 1), (cy.height() - 2 * padding) / Math.max(maxY - minY, 1), 1.5);
  cy.viewport({ zoom, pan: { x: cy.width() / 2 - zoom * (minX + maxX) / 2, y: cy.height() / 2 - zoom * (minY + maxY) / 2 } });
}

/** Whether an element's data is unchanged (values are strings, numbers or lists of strings). */
function sameData(current: Record<string, unknown>, next: object): boolean {
  for (const [key, value] of Object.entries(next)) {
    const old = current[key];
    if (Array.isArray(value) ? !Array.isArray(old) || old.join("\n") !== value.join("\n") : old !== value) return false;
  }
  return true;
}

/**
 * Lays the map out left to right. Backward arrows are left out of the layout so the focus (or
 * the schools) stay on the left; a large view gets preset layered positions instead of dagre.
 */
function runLayout(cy: Core, large: boolean, strictRanks: boolean): void {
  const rankOf = (id: string) => (cy.getElementById(id).data() as OrganisationNodeData | undefined)?.rank ?? 0;
  if (large) {
    const nodes = cy
      .nodes()
      .map((n) => n.data() as OrganisationNodeData)
      .sort((a, b) => a.rank - b.rank || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
    const positions = layeredPositions(nodes);
    cy.batch(() => cy.nodes().positions((node) => positions.get(node.id()) ?? { x: 0, y: 0 }));
    // Fit from the known positions: cy.fit() would measure thousands of labels first.
    fitPoints(cy, [...positions.values()], 40);
    return;
  }
  const ignored = cy.edges().filter((edge) => !guidesLayout(rankOf(edge.source().id()), rankOf(edge.target().id()), strictRanks));
  cy.elements()
    .not(ignored)
    .layout({ ...DAGRE_OPTIONS, fit: false } as unknown as cytoscape.LayoutOptions)
    .run();
  // dagre stacks a rank in one column; a focus with many recipients would be a thin strip of
  // tiny text, so columns taller than the view are dealt into sub-columns side by side.
  const dagrePositions = new Map(cy.nodes().map((node) => [node.id(), { ...node.position() }] as const));
  const wrapped = bestWrap(dagrePositions, { width: cy.width(), height: cy.height() }, WRAP);
  cy.batch(() => cy.nodes().positions((node) => wrapped.get(node.id()) ?? node.position()));
  cy.fit(undefined, 24);
}
