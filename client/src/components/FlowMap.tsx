import cytoscape, { type Core, type ElementDefinition, type EventObject } from "cytoscape";
import { useEffect, useImperativeHandle, useRef, type Ref } from "react";
import { litClasses, NO_HIGHLIGHT, type Highlight } from "../graph/highlight";
import { placeNodes, showReadable } from "../graph/place-nodes";
import { MapStyle } from "../graph/map-style";
import { CLASSES } from "../graph/stylesheet";
import type { FlowEdgeData, MapElement, OrganisationNodeData } from "../graph/to-elements";
import { LABEL_FONT, LEVEL_VISUALS } from "../graph/visuals";
import type { Selection } from "../state/view-state";

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
  /** Back to the first view: as large as fits, names no smaller than readable. */
  reset(): void;
}

export interface FlowMapProps {
  elements: MapElement[];
  /** A change re-runs the layout even when no element came or went (e.g. a new focus). */
  layoutKey: string;
  /** Draw the cheap way: preset layered layout, straight arrows, labels once zoomed in. */
  large: boolean;
  /** Presenting to a room: larger names, never shown under 16 px. */
  presenting: boolean;
  /** "canvas" (`?renderer=canvas`) keeps large views off the WebGL renderer. */
  renderer: "auto" | "canvas";
  highlight: Highlight;
  selected: string | null;
  onSelect: (selection: Selection | null) => void;
  /** A group node (or an arrow to one) was clicked: open or close it. */
  onToggleGroup: (id: string) => void;
  /** The note where the hop limit cut the drawing was clicked. */
  onMore: () => void;
  description: string;
  ref?: Ref<FlowMapHandle>;
}

const HIGHLIGHT_CLASSES = Object.values(CLASSES).join(" ");

const EXPORT_BACKGROUND = "#ffffff";

/** WebGL emulated on the processor, not run by a graphics card (WEBGL_debug_renderer_info's names). */
const SOFTWARE_WEBGL = /SwiftShader|llvmpipe|softpipe|Software|Basic Render/i;

let webglChecked: boolean | null = null;
/**
 * Whether Cytoscape's WebGL renderer would draw faster here: it needs a WebGL2 context backed by
 * a graphics card. Without one the browser emulates WebGL in software, which drew the
 * 3,000-element bench view in 8.7 s against 5.2 s for the canvas renderer. Headless Chromium
 * grants `failIfMajorPerformanceCaveat` even to its emulation, so the renderer's name is read
 * too. Asked once: each check makes a WebGL context.
 */
function fastWebglAvailable(): boolean {
  if (webglChecked === null) {
    try {
      const canvas = document.createElement("canvas");
      const context = canvas.getContext("webgl2", { failIfMajorPerformanceCaveat: true });
      const info = context?.getExtension("WEBGL_debug_renderer_info");
      const name = context && info ? String(context.getParameter(info.UNMASKED_RENDERER_WEBGL)) : "";
      webglChecked = context !== null && !SOFTWARE_WEBGL.test(name);
      context?.getExtension("WEBGL_lose_context")?.loseContext();
    } catch {
      webglChecked = false;
    }
  }
  return webglChecked;
}

/** What the tooltip says of the element under the pointer. */
function tooltipText(event: EventObject): string | null {
  const target = event.target;
  if (target.isEdge?.()) {
    const data = target.data() as FlowEdgeData;
    const from = (target.source().data() as OrganisationNodeData).name;
    const to = (target.target().data() as OrganisationNodeData).name;
    const level = LEVEL_VISUALS[data.level].label.toLowerCase();
    return `${from} → ${to}: ${data.title ?? data.label} (${level}${data.basis === "INFERRED" ? ", inferred" : ""}). Click for details.`;
  }
  const data = target.data() as OrganisationNodeData & { more?: boolean; title?: string };
  if (data.members !== undefined || data.more) return data.title ?? data.name;
  return null;
}

/**
 * The one component that owns Cytoscape: it creates the instance on mount, destroys it on
 * unmount, and otherwise only patches it (elements diffed by id, classes for the highlight,
 * all in `cy.batch()`); the container is never re-created.
 */
export function FlowMap({ elements, layoutKey, large, presenting, renderer, highlight, selected, onSelect, onToggleGroup, onMore, description, ref }: FlowMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  // The map's name and state for readers, tests and the bench: never on Cytoscape's container,
  // whose every attribute change Cytoscape takes for a resize and answers by redrawing it all.
  const labelledRef = useRef<HTMLDivElement>(null);
  const tooltipRef = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const handlers = useRef({ onSelect, onToggleGroup, onMore });
  handlers.current = { onSelect, onToggleGroup, onMore };
  const laidOut = useRef<string | null>(null);
  // Set when the map is drawn or highlighted anew: the next frame Cytoscape renders is marked
  // "onward:map-rendered", when the new picture is on the canvas (bench:client reads it).
  const unpainted = useRef(false);
  const lit = useRef<Highlight>(NO_HIGHLIGHT);
  const styled = useRef<MapStyle | null>(null);
  // The whole register is an overview: it may be drawn smaller to show more of it at once.
  const overview = layoutKey.startsWith("register|");
  const least = overview ? LABEL_FONT.minOverviewPx : presenting ? LABEL_FONT.minPresentingPx : LABEL_FONT.minScreenPx;
  const font = { fontSize: presenting ? LABEL_FONT.presenting : LABEL_FONT.normal, minFontPx: presenting && overview ? 13 : least };
  const fontRef = useRef(font);
  fontRef.current = font;
  // A large view is drawn by the WebGL renderer where a graphics card runs it, chosen when the
  // instance is made: crossing the threshold makes a new instance in the same container.
  const webgl = large && renderer === "auto" && fastWebglAvailable();

  useEffect(() => {
    preventCytoscapeStyleInjection();
    // Faded by default: a focus is nearly always shown, so this saves restyling on first paint.
    const options = { large, fadeUnlit: true, presenting };
    const cy = cytoscape({
      container: containerRef.current,
      style: MapStyle.stylesheet(options),
      elements: [],
      minZoom: 0.03,
      maxZoom: 3,
      boxSelectionEnabled: false,
      selectionType: "single",
      ...(webgl ? { renderer: { name: "canvas", webgl: true } } : {}),
    } as cytoscape.CytoscapeOptions);
    cy.on("tap", "node", (event) => {
      const data = event.target.data() as OrganisationNodeData & { more?: boolean };
      if (data.members !== undefined) handlers.current.onToggleGroup(event.target.id());
      else if (data.more) handlers.current.onMore();
      else handlers.current.onSelect({ type: "org", id: event.target.id() });
    });
    cy.on("tap", "edge", (event) => {
      // An arrow to or from a group stands for several flows: clicking it opens the group.
      const group = [event.target.target(), event.target.source()].find((end) => end.data("members") !== undefined);
      if (group) handlers.current.onToggleGroup(group.id());
      else handlers.current.onSelect({ type: "edge", id: event.target.id() });
    });
    cy.on("tap", (event) => {
      if (event.target === cy) handlers.current.onSelect(null);
    });
    const tooltip = tooltipRef.current!;
    cy.on("mouseover", "node, edge", (event) => {
      const text = tooltipText(event);
      if (text === null) return;
      tooltip.textContent = text;
      const at = event.renderedPosition ?? event.target.renderedPosition();
      tooltip.style.left = `${Math.min(at.x + 12, cy.width() - 260)}px`;
      tooltip.style.top = `${at.y + 14}px`;
      tooltip.hidden = false;
    });
    cy.on("mouseout", "node, edge", () => {
      tooltip.hidden = true;
    });
    cy.on("render", () => {
      if (!unpainted.current) return;
      unpainted.current = false;
      performance.mark("onward:map-rendered");
    });
    const style = new MapStyle(cy, options);
    cy.on("viewport", () => {
      tooltip.hidden = true;
    });
    cy.on("zoom", () => style.followZoom());
    styled.current = style;
    cyRef.current = cy;
    laidOut.current = null;
    lit.current = NO_HIGHLIGHT;
    window.__onwardCy = cy;
    // Only a real change of size: the observer's first call (made after the first frame, which
    // at national scale is long) would otherwise redraw the whole map a second time.
    const resize = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      if (Math.round(width) !== Math.round(cy.width()) || Math.round(height) !== Math.round(cy.height())) cy.resize();
    });
    resize.observe(containerRef.current!);
    return () => {
      resize.disconnect();
      cyRef.current = null;
      if (window.__onwardCy === cy) delete window.__onwardCy;
      cy.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new instance only for another renderer
  }, [webgl]);

  useEffect(() => {
    const style = styled.current;
    if (!style) return;
    const before = style.current;
    style.set({ large, presenting });
    // Names change size with presenting: lay out again around the new boxes.
    if (before.presenting !== presenting) laidOut.current = null;
  }, [large, presenting]);

  useEffect(() => {
    const cy = cyRef.current;
    const labelled = labelledRef.current;
    if (!cy || !labelled) return;
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
      placeNodes(cy, { large, ...fontRef.current });
      performance.measure("onward:layout", { start: started, end: performance.now() });
      laidOut.current = layoutKey;
    }
    if (changed) styled.current?.arrowsAdded();
    labelled.dataset.elements = String(elements.length);
    labelled.dataset.layoutKey = layoutKey;
    labelled.dataset.ready = "true";
    unpainted.current = true;
    performance.mark("onward:map-drawn");
  }, [elements, layoutKey, large, presenting, webgl]);

  useEffect(() => {
    const cy = cyRef.current;
    const labelled = labelledRef.current;
    if (!cy || !labelled) return;
    const active = highlight.focus !== null && cy.getElementById(highlight.focus).nonempty();
    // Only the elements lit differently now are touched: everything else stays as it was drawn
    // (restyling an element redraws its part of the map; most stay lit from one field to the next).
    const before = litClasses(lit.current, CLASSES);
    const after = active ? litClasses(highlight, CLASSES) : new Map<string, string>();
    cy.batch(() => {
      for (const id of before.keys()) if (!after.has(id)) cy.getElementById(id).removeClass(HIGHLIGHT_CLASSES);
      for (const [id, classes] of after) {
        const element = cy.getElementById(id);
        // (an element drawn anew since keeps no classes, whatever was lit before)
        if (before.get(id) === classes && classes.split(" ").every((name) => element.hasClass(name))) continue;
        element.removeClass(HIGHLIGHT_CLASSES).addClass(classes);
      }
    });
    lit.current = active ? highlight : NO_HIGHLIGHT;
    styled.current?.set({ fadeUnlit: active });
    labelled.dataset.highlighted = String(highlight.reached.length + highlight.possible.length);
    labelled.dataset.highlightFor = highlight.focus ?? "";
    unpainted.current = true;
    performance.mark("onward:map-highlighted");
  }, [highlight, elements, webgl]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.$(":selected").unselect();
      if (selected) cy.getElementById(selected).select();
    });
  }, [selected, elements, webgl]);

  useImperativeHandle(
    ref,
    () => ({
      // Exports are drawn with every line style, whatever the zoom on screen.
      pngBlob: () =>
        styled.current!.withLineStyles(() =>
          cyRef.current!.png({ output: "blob-promise", bg: EXPORT_BACKGROUND, full: true, scale: 2, maxWidth: 6000, maxHeight: 6000 }),
        ),
      pngDataUrl: () =>
        styled.current!.withLineStyles(() =>
          cyRef.current!.png({ output: "base64uri", bg: EXPORT_BACKGROUND, full: true, scale: 1.5, maxWidth: 3000, maxHeight: 3000 }),
        ),
      svgText: async () => {
        const { default: svgExtension } = await import("cytoscape-svg");
        const cy = cyRef.current!;
        if (typeof (cy as unknown as { svg?: unknown }).svg !== "function") cytoscape.use(svgExtension);
        return styled.current!.withLineStyles(() => (cy as unknown as { svg(options: object): string }).svg({ full: true, bg: EXPORT_BACKGROUND, scale: 1 }));
      },
      fit: () => cyRef.current?.fit(undefined, 24),
      reset: () => cyRef.current && showReadable(cyRef.current, fontRef.current),
    }),
    [],
  );

  return (
    <div className="flow-map-frame">
      <div ref={labelledRef} className="flow-map" role="img" aria-label={description} data-testid="flow-map" data-renderer={webgl ? "webgl" : "canvas"}>
        <div ref={containerRef} className="flow-map-canvas" />
      </div>
      <div ref={tooltipRef} className="map-tooltip" role="tooltip" hidden />
    </div>
  );
}

/** Whether an element's data is unchanged (values are strings, numbers or lists of strings). */
function sameData(current: Record<string, unknown>, next: object): boolean {
  for (const [key, value] of Object.entries(next)) {
    const old = current[key];
    if (Array.isArray(value) ? !Array.isArray(old) || old.join("\n") !== value.join("\n") : old !== value) return false;
  }
  return true;
}
