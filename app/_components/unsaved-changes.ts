"use client";
import { useEffect, useRef } from "react";

// "You have unsaved changes": while `dirty`, closing or reloading the tab asks the browser's own
// question (beforeunload), a click on an in-app link (Next's <Link> or a plain <a>) asks first,
// and so does the browser's Back button. The click listener runs in the capture phase on window,
// before React's handlers, so a cancelled click never reaches the router. Returns `release()` for
// a save that navigates away.
//
// Back inside the app is a history step with no unload (Next handles popstate), so beforeunload
// never sees it. Once the page is dirty it gets a second, identical history entry on top of its
// own: Back then only steps from the copy to the page's own entry (same URL), and our popstate
// listener — registered in the capture phase, so it runs before Next's — asks; OK goes on back,
// Cancel puts the copy back so the next Back asks again.
const GUARD = "berthUnsavedGuard";

/** `message`: the question to ask, in the reader's language (a catalogue text). */
export function useUnsavedChangesWarning(dirty: boolean, message: string) {
  const released = useRef(false);
  const active = useRef(dirty);
  const guardEntry = useRef(false);
  active.current = dirty;
  useEffect(() => {
    if (!dirty || guardEntry.current || released.current) return;
    pushGuardEntry();
    guardEntry.current = true;
  }, [dirty]);
  useEffect(() => {
    const guarded = () => active.current && !released.current;
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (!guarded()) return;
      e.preventDefault();
      e.returnValue = ""; // older browsers need a value to show the prompt
    };
    const click = (e: MouseEvent) => {
      if (!guarded() || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = (e.target as Element | null)?.closest?.("a[href]");
      if (!(link instanceof HTMLAnchorElement) || link.target === "_blank" || link.hasAttribute("download")) return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin) return; // leaving the site: beforeunload asks
      if (url.pathname === window.location.pathname && url.search === window.location.search) return; // an anchor on this page
      if (window.confirm(message)) {
        released.current = true;
        return;
      }
      e.preventDefault();
      e.stopPropagation();
    };
    const popState = (e: PopStateEvent) => {
      // Only the step from our copy back to the page's own entry is ours to ask about.
      if (!guardEntry.current || isGuardState(e.state)) return;
      guardEntry.current = false;
      if (!guarded()) return;
      e.stopImmediatePropagation(); // the router must not act on it
      if (window.confirm(message)) {
        released.current = true;
        window.history.back();
        return;
      }
      pushGuardEntry();
      guardEntry.current = true;
    };
    window.addEventListener("beforeunload", beforeUnload);
    window.addEventListener("click", click, true);
    window.addEventListener("popstate", popState, true);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      window.removeEventListener("click", click, true);
      window.removeEventListener("popstate", popState, true);
    };
  }, [message]);
  return {
    release() {
      released.current = true;
    },
  };
}

/** The current entry again (same URL, the router's own state kept), marked as our copy. */
function pushGuardEntry() {
  const state = window.history.state && typeof window.history.state === "object" ? window.history.state : {};
  window.history.pushState({ ...state, [GUARD]: true }, "", window.location.href);
}

function isGuardState(state: unknown): boolean {
  return typeof state === "object" && state !== null && (state as Record<string, unknown>)[GUARD] === true;
}
