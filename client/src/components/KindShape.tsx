import type { ReactElement } from "react";
import type { OrganisationKind } from "../api/types";
import { KIND_VISUALS, type NodeShape } from "../graph/visuals";

/** Points of a regular n-gon (or star when `inner` is given) in a 20x20 box. */
function polygon(n: number, rotation: number, inner?: number): string {
  const points: string[] = [];
  const steps = inner ? n * 2 : n;
  for (let i = 0; i < steps; i++) {
    const r = inner && i % 2 === 1 ? inner : 9;
    const a = rotation + (i * 2 * Math.PI) / steps;
    points.push(`${(10 + r * Math.cos(a)).toFixed(1)},${(10 + r * Math.sin(a)).toFixed(1)}`);
  }
  return points.join(" ");
}

const SHAPES: Record<NodeShape, (fill: string) => ReactElement> = {
  "round-rectangle": (fill) => <rect x="1.5" y="3" width="17" height="14" rx="4" fill={fill} />,
  hexagon: (fill) => <polygon points={polygon(6, 0)} fill={fill} />,
  rectangle: (fill) => <rect x="2" y="3" width="16" height="14" fill={fill} />,
  barrel: (fill) => <path d="M4 3 H16 Q19 10 16 17 H4 Q1 10 4 3 Z" fill={fill} />,
  diamond: (fill) => <polygon points="10,1 19,10 10,19 1,10" fill={fill} />,
  ellipse: (fill) => <ellipse cx="10" cy="10" rx="9" ry="8" fill={fill} />,
  octagon: (fill) => <polygon points={polygon(8, Math.PI / 8)} fill={fill} />,
  triangle: (fill) => <polygon points="10,2 19,18 1,18" fill={fill} />,
  pentagon: (fill) => <polygon points={polygon(5, -Math.PI / 2)} fill={fill} />,
  star: (fill) => <polygon points={polygon(5, -Math.PI / 2, 4)} fill={fill} />,
  tag: (fill) => <polygon points="1,4 13,4 19,10 13,16 1,16" fill={fill} />,
  rhomboid: (fill) => <polygon points="6,4 19,4 14,16 1,16" fill={fill} />,
  heptagon: (fill) => <polygon points={polygon(7, -Math.PI / 2)} fill={fill} />,
};

/** The small picture of a kind's node: the same shape and colour as on the map. */
export function KindShape({ kind, size = 18 }: { kind: OrganisationKind; size?: number }) {
  const visual = KIND_VISUALS[kind];
  return (
    <svg className="kind-shape" width={size} height={size} viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      {SHAPES[visual.shape](visual.colour)}
    </svg>
  );
}
