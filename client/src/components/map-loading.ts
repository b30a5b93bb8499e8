import { useEffect, useState } from "react";
import { loadable } from "./loadable";

/*
 * When the map is drawn on a page load. Both hooks exist because drawing at national scale costs
 * over a second a frame (bench:client), so a frame drawn too early or twice is a second lost.
 */

// Cytoscape is most of the map's script: asked for as this module loads, so it downloads and
// compiles while the register's question is in flight, not before it is sent.
const flowMap = loadable(() => import("./FlowMap").then((m) => m.FlowMap));
void flowMap.preload();

/** The map's component: at once when its chunk has arrived (nearly always), else when it does. */
export function useFlowMap() {
  return flowMap.use(true);
}

/** How long the first map waits for the first answer before it is drawn without one. */
export const FIRST_ANSWER_WAIT_MS = 1500;

/**
 * Whether to hold the first map back while its first answer is `pending` (for at most
 * FIRST_ANSWER_WAIT_MS): drawn before it, a national map was drawn twice, plain and then
 * highlighted. Later answers never hold it: the previous one stays drawn meanwhile.
 */
export function useHoldForFirstAnswer(pending: boolean): boolean {
  const [waitedLongEnough, setWaitedLongEnough] = useState(false);
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => setWaitedLongEnough(true), FIRST_ANSWER_WAIT_MS);
    return () => clearTimeout(timer);
  }, [pending]);
  return pending && !waitedLongEnough;
}
