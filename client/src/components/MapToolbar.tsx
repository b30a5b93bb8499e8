import type { RefObject } from "react";
import { CopyLinkButton } from "./CopyLinkButton";
import type { FlowMapHandle } from "./FlowMap";

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface MapToolbarProps {
  map: RefObject<FlowMapHandle | null>;
  fileStem: string;
  presenting: boolean;
  onPresent: (presenting: boolean) => void;
  onPrint: () => void;
  large: boolean;
}

/** The map's actions: view, export, print, share, present. */
export function MapToolbar({ map, fileStem, presenting, onPresent, onPrint, large }: MapToolbarProps) {
  if (presenting) {
    return (
      <div className="map-toolbar" role="toolbar" aria-label="Map actions">
        <button type="button" onClick={() => onPresent(false)}>
          Stop presenting
        </button>
        <button type="button" onClick={() => map.current?.reset()}>
          Reset view
        </button>
      </div>
    );
  }
  return (
    <div className="map-toolbar" role="toolbar" aria-label="Map actions">
      <button type="button" onClick={() => onPresent(true)}>
        Present
      </button>
      <button type="button" onClick={() => map.current?.reset()}>
        Reset view
      </button>
      <button type="button" onClick={() => map.current?.fit()} aria-label="Fit all to window">
        Fit all
      </button>
      <button type="button" onClick={async () => map.current && download(await map.current.pngBlob(), `${fileStem}.png`)} aria-label="Download PNG">
        PNG
      </button>
      <button
        type="button"
        aria-label="Download SVG"
        onClick={async () => map.current && download(new Blob([await map.current.svgText()], { type: "image/svg+xml" }), `${fileStem}.svg`)}
      >
        SVG
      </button>
      <button type="button" onClick={onPrint} aria-label="Print summary for governors">
        Print summary
      </button>
      <CopyLinkButton />
      {large && <span className="muted">Large view: zoom in for the names, arrowheads and dashed lines.</span>}
    </div>
  );
}
