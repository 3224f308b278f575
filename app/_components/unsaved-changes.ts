"use client";
import { useEffect, useRef } from "react";

// "You have unsaved changes": while `dirty`, closing or reloading the tab asks the browser's own
// question (beforeunload), and a click on an in-app link (Next's <Link> or a plain <a>) asks
// first. The listener runs in the capture phase on window, before React's handlers, so a
// cancelled click never reaches the router. Returns `release()` for a save that navigates away.
export function useUnsavedChangesWarning(dirty: boolean, message = "Leave this page? Your changes are not saved and will be lost.") {
  const released = useRef(false);
  const active = useRef(dirty);
  active.current = dirty;
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
    window.addEventListener("beforeunload", beforeUnload);
    window.addEventListener("click", click, true);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      window.removeEventListener("click", click, true);
    };
  }, [message]);
  return {
    release() {
      released.current = true;
    },
  };
}
