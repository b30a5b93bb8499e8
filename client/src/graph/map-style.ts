import type { Core, StylesheetStyle } from "cytoscape";
import { buildStylesheet, lineStylesShown, PLAIN_LINES, type StyleOptions } from "./stylesheet";

export type MapStyleOptions = Required<StyleOptions>;

const same = (a: MapStyleOptions, b: MapStyleOptions) => a.large === b.large && a.fadeUnlit === b.fadeUnlit && a.presenting === b.presenting;

/**
 * The look of one Cytoscape instance beyond its elements' own classes: the stylesheet's options,
 * applied only when they change (restyling touches every element: about 1.6 s at national scale),
 * and whether arrows show their level's dashes, which a large view draws only once zoomed in
 * (`lineStylesShown`), by a class on every arrow.
 */
export class MapStyle {
  private options: MapStyleOptions;
  private plain = false;

  constructor(
    private readonly cy: Core,
    options: MapStyleOptions,
  ) {
    this.options = options;
  }

  /** The stylesheet to make the instance with. */
  static stylesheet(options: MapStyleOptions): StylesheetStyle[] {
    return buildStylesheet(options) as unknown as StylesheetStyle[];
  }

  get current(): MapStyleOptions {
    return this.options;
  }

  /** Applies these options, restyling only if something changed. */
  set(options: Partial<MapStyleOptions>): void {
    const next = { ...this.options, ...options };
    if (same(next, this.options)) return;
    this.cy.style(MapStyle.stylesheet(next));
    this.options = next;
    this.followZoom();
  }

  /** Call on every zoom: dashes go (or come back) as the zoom crosses `LINE_STYLES_MIN_ZOOM`. */
  followZoom(): void {
    const plain = !lineStylesShown(this.options.large, this.cy.zoom());
    if (plain !== this.plain) this.setPlain(plain);
  }

  /** Call after arrows are added: new ones are drawn as the others are. */
  arrowsAdded(): void {
    if (this.plain) this.setPlain(true);
    this.followZoom();
  }

  private setPlain(plain: boolean): void {
    this.plain = plain;
    this.cy.batch(() => {
      const edges = this.cy.edges();
      if (plain) edges.addClass(PLAIN_LINES);
      else edges.removeClass(PLAIN_LINES);
    });
  }

  /**
   * Runs `draw` with every arrow's dashes shown, then restores the map's look: an exported picture
   * shows them at any zoom. `draw` must draw at once (Cytoscape's png and svg do, whatever they return).
   */
  withLineStyles<T>(draw: () => T): T {
    const plain = this.cy.edges(`.${PLAIN_LINES}`);
    if (plain.empty()) return draw();
    this.cy.batch(() => plain.removeClass(PLAIN_LINES));
    try {
      return draw();
    } finally {
      this.cy.batch(() => plain.addClass(PLAIN_LINES));
    }
  }
}
