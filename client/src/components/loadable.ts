import { useEffect, useState } from "react";

/**
 * A component in a chunk of its own, without React.lazy: a lazy component suspends on its first
 * render even when its chunk has long arrived, and React 19 then holds the reveal back about
 * 300 ms (its fallback throttle). Measured on the map: the first map drawn 300 ms late, and the
 * first click on an organisation shown in full 450 ms after the click instead of 150 ms.
 * `use(wanted)` gives the component at once once loaded, else null (and starts loading when
 * `wanted`), or the Error its chunk failed with; the caller draws its own placeholder meanwhile.
 */
export function loadable<T>(load: () => Promise<T>): { preload(): Promise<T>; use(wanted: boolean): T | Error | null } {
  let loaded: T | null = null;
  let loading: Promise<T> | null = null;
  const preload = () =>
    (loading ??= load().then(
      (value) => (loaded = value),
      (error: unknown) => {
        // Not kept: the next `use` that wants it asks again (a redeploy, a network blip).
        loading = null;
        throw error instanceof Error ? error : new Error(String(error));
      },
    ));
  return {
    preload,
    /** The component, null while it loads, or the Error its chunk failed with (say so, offer a reload). */
    use(wanted: boolean): T | Error | null {
      const [value, setValue] = useState<T | Error | null>(() => loaded);
      useEffect(() => {
        if (!wanted || (value !== null && !(value instanceof Error))) return;
        let current = true;
        preload().then(
          (component) => current && setValue(() => component),
          (error: Error) => current && setValue(error),
        );
        return () => {
          current = false;
        };
        // A failure is retried when `wanted` turns true again (the next click, the next answer).
        // eslint-disable-next-line react-hooks/exhaustive-deps
      }, [wanted]);
      return value ?? loaded;
    },
  };
}
