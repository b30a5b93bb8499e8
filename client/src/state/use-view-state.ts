import { useCallback, useEffect, useState } from "react";
import { parseViewState, serializeViewState, type ViewState } from "./view-state";

/**
 * The view state, kept in the URL: each change pushes a history entry (or replaces the current
 * one, for typing), and back/forward restore the view.
 */
export function useViewState(): [ViewState, (patch: Partial<ViewState>, options?: { replace?: boolean }) => void] {
  const [state, setState] = useState(() => parseViewState(window.location.search));

  useEffect(() => {
    // Normalise the address once so a shared link always carries the full view.
    const canonical = serializeViewState(state);
    if (window.location.search !== canonical) window.history.replaceState(null, "", canonical);
    const onPop = () => setState(parseViewState(window.location.search));
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const update = useCallback((patch: Partial<ViewState>, options: { replace?: boolean } = {}) => {
    setState((current) => {
      const next = { ...current, ...patch };
      const search = serializeViewState(next);
      if (search !== window.location.search) {
        if (options.replace) window.history.replaceState(null, "", search);
        else window.history.pushState(null, "", search);
      }
      return next;
    });
  }, []);

  return [state, update];
}
