import { useState } from "react";

/** Copies the page's address, which holds the whole view (focus, field, filters), so a link reproduces the picture. */
export function CopyLinkButton() {
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setStatus("copied");
    } catch {
      setStatus("failed");
    }
  };
  return (
    <>
      <button type="button" onClick={copy} aria-label="Copy link to this view">
        Copy link
      </button>
      <span className="muted" role="status">
        {status === "copied" ? "Link copied: it reproduces this exact picture." : status === "failed" ? "Could not copy: use the address bar's link, which holds this view." : ""}
      </span>
    </>
  );
}
