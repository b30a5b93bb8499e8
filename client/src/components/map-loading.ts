import { useEffect, useRef, useState } from "react";
import { loadable } from "./loadable";

/*
 * When the map is drawn on a page load. Both hooks exist because drawing at national scale costs
 * over a second a frame (bench:client), so a frame drawn too early or twice is a second lost.
 */

// Cytoscape is most of the map's script: asked for as this module loads, so it downloads and
// compiles while the register's question is in flight, not before it is sent.
const flowMap = loadable(() => import("./FlowMap").then((m) => m.FlowMap));
// (a failure is shown where the map would be, by useFlowMap's caller, and retried there)
flowMap.preload().catch(() => undefined);

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
  // Once the map has been drawn it is never held again (not when a focus is first chosen on a
  // map drawn without one, nor after a failed first answer): holding would unmount it.
  const drawn = useRef(false);
  useEffect(() => {
    if (!pending || drawn.current) return;
    const timer = setTimeout(() => setWaitedLongEnough(true), FIRST_ANSWER_WAIT_MS);
    return () => clearTimeout(timer);
  }, [pending]);
  const hold = pending && !waitedLongEnough && !drawn.current;
  if (!hold) drawn.current = true;
  return hold;
}
